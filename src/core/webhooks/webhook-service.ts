// Webhook channels: configuration in settings, URLs in the secret store (memory in this process),
// delivery on the escalation ladder's notices and on the resolution of an alert that was sent.
import { randomUUID } from 'node:crypto';
import type { Alert, WebhookConfig, WebhookDelivery, WebhookView } from '../../shared/domain';
import type { Logger } from '../log';
import type { MemorySecretStore } from '../secrets';
import type { SettingsStore } from '../settings/settings-store';
import { channelTestAlert, type WebhookMessage } from './webhook-format';
import { sendWebhook, type DeliveryResult, type SendOptions } from './webhook-sender';

const rank = { critical: 2, warning: 1, info: 0 } as const;

export class WebhookService {
  private readonly deliveries = new Map<string, WebhookDelivery>();
  /** Alerts sent to each webhook, so their resolution is sent there too. */
  private readonly sent = new Map<string, Set<string>>();

  constructor(
    private readonly settings: SettingsStore,
    private readonly secrets: MemorySecretStore,
    private readonly logger: Logger,
    private readonly onChange: () => void,
    private readonly sendOptions: SendOptions = {},
  ) {}

  list(): WebhookView[] {
    return this.settings.get().webhooks.map((w) => ({ ...w, hasUrl: this.secrets.get(this.key(w.id)) !== undefined, lastDelivery: this.deliveries.get(w.id) ?? null }));
  }

  add(input: Omit<WebhookConfig, 'id'>, url: string): WebhookConfig {
    const hook: WebhookConfig = { ...input, id: randomUUID() };
    this.settings.update((s) => ({ ...s, webhooks: [...s.webhooks, hook] }));
    this.secrets.set(this.key(hook.id), url);
    this.onChange();
    return hook;
  }

  setUrl(id: string, url: string): boolean {
    if (!this.find(id)) return false;
    this.secrets.set(this.key(id), url);
    this.onChange();
    return true;
  }

  remove(id: string): boolean {
    if (!this.find(id)) return false;
    this.settings.update((s) => ({ ...s, webhooks: s.webhooks.filter((w) => w.id !== id) }));
    this.secrets.delete(this.key(id));
    this.deliveries.delete(id);
    this.onChange();
    return true;
  }

  async test(id: string): Promise<DeliveryResult | null> {
    const hook = this.find(id);
    if (!hook) return null;
    const alert = channelTestAlert(`webhook "${hook.name}" works`);
    return this.deliver(hook, { alert, reason: 'test' }, { retries: 0 });
  }

  /** A notice from the escalation ladder. */
  notify(alert: Alert, reason: WebhookMessage['reason']): void {
    for (const hook of this.settings.get().webhooks) {
      if (rank[alert.severity] < rank[hook.minSeverity]) continue;
      let sent = this.sent.get(hook.id);
      if (!sent) this.sent.set(hook.id, (sent = new Set()));
      sent.add(alert.id);
      void this.deliver(hook, { alert, reason });
    }
  }

  /** An alert resolved: tell the webhooks that were told about it. */
  resolved(alert: Alert): void {
    for (const hook of this.settings.get().webhooks) {
      if (this.sent.get(hook.id)?.delete(alert.id)) void this.deliver(hook, { alert, reason: 'resolved' });
    }
  }

  private async deliver(hook: WebhookConfig, message: WebhookMessage, extra: SendOptions = {}): Promise<DeliveryResult> {
    const url = this.secrets.get(this.key(hook.id));
    const result: DeliveryResult = url
      ? await sendWebhook(url, hook.kind, message, { ...this.sendOptions, ...extra })
      : { ok: false, attempts: 0, status: null, error: 'no URL (secrets are kept in memory: enter it again)' };
    this.deliveries.set(hook.id, { at: Date.now(), ...result });
    if (!result.ok) this.logger.warn('webhook delivery failed', { webhook: hook.name, error: result.error ?? '', attempts: result.attempts });
    this.onChange();
    return result;
  }

  private find(id: string): WebhookConfig | undefined {
    return this.settings.get().webhooks.find((w) => w.id === id);
  }

  private key(id: string): string {
    return `webhook:${id}`;
  }
}
