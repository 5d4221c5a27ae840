// What a host hands the core, and what it gets back.
import type { ServerConfig } from '../shared/domain';
import type { EmailSendOptions } from './email/email-sender';
import type { EventHub } from './events';
import type { Logger } from './log';
import type { ProbeContext, ProbeOutcome } from './probes/server-probe';
import type { ServerRegistry } from './registry/server-registry';
import type { Router } from './router';
import type { SecretVault } from './secrets';
import type { SettingsBackend } from './settings/settings-store';
import type { ReportPdfPrinter } from './reports/pdf-page';
import type { SendOptions } from './webhooks/webhook-sender';

export interface CoreOptions {
  host: 'electron' | 'headless';
  appVersion: string;
  /** Settings + history; locked for this process (a second console on it is refused). */
  dataDir: string;
  settingsBackend: SettingsBackend;
  logger: Logger;
  /** Defaults to <dataDir>/history.sqlite; ':memory:' in unit tests. */
  historyPath?: string;
  /** Command-line overrides; they win over settings and are not saved. */
  knownHostsPath?: string;
  pollIntervalMs?: number;
  /** Webhook retry timing (tests shorten it). */
  webhookSendOptions?: SendOptions;
  /** SMTP retry timing (tests shorten it). */
  emailSendOptions?: EmailSendOptions;
  /** How long a cleared condition must stay clear before its alert resolves (default 30 s). */
  alertHoldDownMs?: number;
  /** Where typed secrets survive restarts, encrypted by the OS (Electron); memory only without. */
  secretVault?: SecretVault;
  /** ssh-agent socket for servers with agent auth (default $SSH_AUTH_SOCK). */
  agentSocket?: string;
  /** OpenSSH client config offered for import (default ~/.ssh/config). */
  sshConfigPath?: string;
  /** How often the gateway RPC facts are refreshed (default 60 s); liveness is checked every poll. */
  rpcIntervalMs?: number;
  /** A whole probe cycle may take this long before it is a probe-timeout (default 120 s). */
  cycleDeadlineMs?: number;
  /** Replaced in unit tests; the real SSH probe otherwise. */
  probe?: (server: ServerConfig, ctx: ProbeContext) => Promise<ProbeOutcome>;
  /** How often each UP server is checked for accepting new SSH connections (default 3 min). */
  sshAcceptIntervalMs?: number;
  /** The fresh-connection check; with a replaced probe it defaults to "accepting" (no network in unit tests). */
  sshAcceptCheck?: (host: string, port: number) => Promise<import('./probes/ssh-accept-check').AcceptVerdict>;
  /** History retention per tier (defaults: RETENTION); set by the ops service's config. */
  retention?: import('./db/retention').RetentionLimits;
  /** Renders a stored incident report to PDF (the host's browser engine); PDF export says why not without. */
  reportPdf?: ReportPdfPrinter;
}

export interface Core {
  router: Router;
  events: EventHub;
  /** Server lifecycle, the per-server mutex (registry.mutex) and maintenance windows (registry.maintenance). */
  registry: ServerRegistry;
  /** The fleet as Prometheus text exposition (served by the headless host at /metrics). */
  metricsText(): string;
  start(): void;
  stop(): Promise<void>;
}

/** What a host serves or shows: the core itself, or an AttachSwitch in front of it (src/core/remote). */
export type ConsoleEndpoint = Pick<Core, 'router' | 'events' | 'metricsText'>;
