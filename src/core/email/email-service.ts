// The alert email channel: configuration in settings, the SMTP password in the secret store, delivery
// on the escalation ladder's notices and on the resolution of an alert that was emailed.
import type { Alert, EmailConfig, EmailView, WebhookDelivery } from '../../shared/domain';
import type { Logger } from '../log';
import type { MemorySecretStore } from '../secrets';
import type { SettingsStore } from '../settings/settings-store';
import type { ChannelOutbox } from '../channels/outbox';
import { channelTestAlert, type WebhookMessage } from '../webhooks/webhook-format';
import type { DeliveryResult } from '../webhooks/webhook-sender';
import { alertEmail } from './email-format';
import { sendEmail, type EmailSendOptions } from './email-sender';

const rank = { critical: 2, warning: 1, info: 0 } as const;
const PASSWORD_KEY = 'smtp:password';
const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);
const CHANNEL = 'email';

export class EmailConfigError extends Error {}

export class EmailService {
  private lastDelivery: WebhookDelivery | null = null;

  constructor(
    private readonly settings: SettingsStore,
    private readonly secrets: MemorySecretStore,
    private readonly logger: Logger,
    private readonly serverName: (id: string) => string | null,
    private readonly onChange: () => void,
    /** What was emailed (so its resolution is emailed too, across restarts). */
    private readonly outbox: ChannelOutbox,
    private readonly sendOptions: EmailSendOptions = {},
  ) {}

  view(): EmailView | null {
    const config = this.settings.get().email;
    if (!config) return null;
    return { ...config, hasPassword: !config.username || this.secrets.get(PASSWORD_KEY) !== undefined, lastDelivery: this.lastDelivery };
  }

  /** Saves the settings; a password given replaces the stored one, none keeps it (unless the user changed). */
  configure(config: EmailConfig, password: string | undefined): EmailView {
    // Credentials and alert text never cross a network in clear: plain SMTP only to a relay on this machine.
    if (config.security === 'none' && !LOOPBACK.has(config.host)) {
      throw new EmailConfigError('Plain SMTP (no TLS) is only allowed to a relay on this machine (127.0.0.1, ::1, localhost).');
    }
    const previous = this.settings.get().email;
    this.settings.update((s) => ({ ...s, email: config }));
    if (password !== undefined) this.secrets.set(PASSWORD_KEY, password);
    else if (!config.username || previous?.username !== config.username) this.secrets.delete(PASSWORD_KEY);
    this.onChange();
    return this.view()!;
  }

  remove(): boolean {
    if (!this.settings.get().email) return false;
    this.settings.update((s) => ({ ...s, email: null }));
    this.secrets.delete(PASSWORD_KEY);
    this.lastDelivery = null;
    this.outbox.forgetChannel(CHANNEL);
    this.onChange();
    return true;
  }

  async test(): Promise<DeliveryResult | null> {
    if (!this.settings.get().email) return null;
    const alert = channelTestAlert('alert email works');
    return this.deliver({ alert, reason: 'test' }, { retries: 0 });
  }

  notify(alert: Alert, reason: WebhookMessage['reason']): void {
    const config = this.settings.get().email;
    if (!config || rank[alert.severity] < rank[config.minSeverity]) return;
    this.send({ alert, reason });
  }

  resolved(alert: Alert): void {
    if (this.outbox.owesResolution(CHANNEL, alert.id)) this.send({ alert, reason: 'resolved' });
  }

  /** At start: mails a stopped console wrote but never finished sending go out now. */
  resumeUnfinished(): void {
    for (const m of this.outbox.unfinished()) {
      if (m.channel === CHANNEL) void this.deliver({ alert: m.alert, reason: m.reason }).then((r) => this.outbox.done(m.id, r.ok, r.attempts));
    }
  }

  private send(message: WebhookMessage): void {
    const id = this.outbox.enqueue(CHANNEL, message.alert, message.reason);
    void this.deliver(message).then((r) => this.outbox.done(id, r.ok, r.attempts));
  }

  private async deliver(message: WebhookMessage, extra: EmailSendOptions = {}): Promise<DeliveryResult> {
    const config = this.settings.get().email;
    if (!config) return { ok: false, attempts: 0, status: null, error: 'email is not set up' };
    const password = this.secrets.get(PASSWORD_KEY);
    const result: DeliveryResult =
      config.username && password === undefined
        ? { ok: false, attempts: 0, status: null, error: 'no SMTP password (secrets are kept in memory: enter it again)' }
        : await sendEmail(config, password, alertEmail(message, this.serverName(message.alert.serverId)), { ...this.sendOptions, ...extra });
    this.lastDelivery = { at: Date.now(), ...result };
    if (!result.ok) this.logger.warn('alert email failed', { relay: `${config.host}:${config.port}`, error: result.error ?? '', attempts: result.attempts });
    this.onChange();
    return result;
  }
}
