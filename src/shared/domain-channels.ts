// Notification channels: webhooks and alert email (their secrets live in the secret store only).
// Re-exported by domain.ts.

/** A webhook channel. Its URL is a secret: kept in the secret store, never in settings or sent back. */
export interface WebhookConfig {
  id: string;
  name: string;
  kind: 'slack' | 'discord' | 'json';
  /** Send alerts of this severity and worse. */
  minSeverity: 'critical' | 'warning';
}

export interface WebhookDelivery {
  at: number;
  ok: boolean;
  attempts: number;
  status: number | null;
  error: string | null;
}

export interface WebhookView extends WebhookConfig {
  /** False after a restart of a console that keeps secrets in memory only: enter the URL again. */
  hasUrl: boolean;
  lastDelivery: WebhookDelivery | null;
}

/** Alert email through one SMTP relay. The password is a secret: kept in the secret store only. */
export interface EmailConfig {
  host: string;
  port: number;
  /** tls: implicit TLS (usually 465); starttls: upgrade required (usually 587); none: plain, for a local relay. */
  security: 'tls' | 'starttls' | 'none';
  username: string | null;
  from: string;
  to: string[];
  minSeverity: 'critical' | 'warning';
}

export interface EmailView extends EmailConfig {
  /** False when a username is set but the password is not known (memory-only secrets after a restart). */
  hasPassword: boolean;
  lastDelivery: WebhookDelivery | null;
}
