// Webhook channels: configuration in settings, URLs in the secret store (memory in this process),
// delivery on the escalation ladder's notices and on the resolution of an alert that was sent. Every
// message goes through the durable outbox, so a restart forgets neither a resolution nor a send.
import { randomUUID } from 'node:crypto';
import type { Alert, WebhookConfig, WebhookDelivery, WebhookView } from '../../shared/domain';
import type { Logger } from '../log';
import type { MemorySecretStore } from '../secrets';
import type { SettingsStore } from '../settings/settings-store';
import type { ChannelOutbox } from '../channels/outbox';
import { channelTestAlert, type WebhookMessage } from './webhook-format';
import { sendWebhook, type DeliveryResult, type SendOptions } from './webhook-sender';

const rank = { critical: 2, warning: 1, info: 0 } as const;

export class WebhookService {
  private readonly deliveries = new Map<string, WebhookDelivery>();

  constructor(
    private readonly settings: SettingsStore,
    private readonly secrets: MemorySecretStore,
    private readonly logger: Logger,
    private readonly onChange: () => void,
    /** What each webhook was sent (so its resolution is sent there too, across restarts). */
    private readonly outbox: ChannelOutbox,
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
    this.outbox.forgetChannel(this.channel(id));
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
      this.send(hook, { alert, reason });
    }
  }

  /** An alert resolved: tell the webhooks that were told about it (by this run of the console or an earlier one). */
  resolved(alert: Alert): void {
    for (const hook of this.settings.get().webhooks) {
      if (this.outbox.owesResolution(this.channel(hook.id), alert.id)) this.send(hook, { alert, reason: 'resolved' });
    }
  }

  /** At start: messages a stopped console wrote but never finished sending go out now. */
  resumeUnfinished(): void {
    for (const m of this.outbox.unfinished()) {
      if (!m.channel.startsWith('webhook:')) continue;
      const hook = this.find(m.channel.slice('webhook:'.length));
      if (hook) void this.deliver(hook, { alert: m.alert, reason: m.reason }).then((r) => this.outbox.done(m.id, r.ok, r.attempts));
      else this.outbox.done(m.id, false, 0);
    }
  }

  private send(hook: WebhookConfig, message: WebhookMessage): void {
    const id = this.outbox.enqueue(this.channel(hook.id), message.alert, message.reason);
    void this.deliver(hook, message).then((r) => this.outbox.done(id, r.ok, r.attempts));
  }

  private channel(id: string): string {
    return `webhook:${id}`;
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
