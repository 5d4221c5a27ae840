// Every contract method's handler, gathered from the parts that own them. The router refuses any
// method this map lacks, and the contract test walks every method, so a forgotten one fails a test.
import type { ConsoleDatabase } from '../db/console-database';
import type { Alerting } from '../alerts/alerting';
import type { Collector } from '../collector';
import type { ConfigAuditService } from '../config-audit/config-audit-service';
import { configAuditHandlers } from '../config-audit/config-audit-handlers';
import { consoleUiHandlers } from '../console-ui/console-ui-handlers';
import { accessHandlers } from '../access/access-handlers';
import { attachHandlers } from '../remote/attach-handlers';
import type { CoreOptions } from '../core-options';
import type { EmailService } from '../email/email-service';
import type { EventHub } from '../events';
import { fleetSetupHandlers } from '../fleet-setup-handlers';
import { alertsHandlers, silencesHandlers } from '../handlers/alerts-handlers';
import { appHandlers, inventoryHandlers } from '../handlers/app-handlers';
import { channelsHandlers } from '../handlers/channels-handlers';
import { serversHandlers } from '../handlers/servers-handlers';
import type { SnapshotPipeline } from '../pipeline/snapshot-pipeline';
import { pollingHandlers, type PollingControl } from '../polling';
import type { SshAcceptWatch } from '../probes/ssh-accept-watch';
import type { ServerRegistry } from '../registry/server-registry';
import type { createServerActions } from '../actions/server-actions';
import type { privacyHandlers } from '../privacy/privacy-handlers';
import type { createReports } from '../reports/create-reports';
import type { Handlers } from '../router';
import type { MemorySecretStore } from '../secrets';
import { sessionHandlers } from '../sessions/session-handlers';
import type { SessionHealth } from '../sessions/session-health';
import type { SettingsStore } from '../settings/settings-store';
import type { WebhookService } from '../webhooks/webhook-service';

/** The parts whose methods the console serves, and the few facts the app methods report. */
export interface HandlerParts {
  o: CoreOptions;
  startedAt: number;
  author: string;
  settings: SettingsStore;
  database: ConsoleDatabase;
  events: EventHub;
  secrets: MemorySecretStore;
  registry: ServerRegistry;
  collector: Collector;
  pipeline: SnapshotPipeline;
  polling: PollingControl;
  alerting: Alerting;
  webhooks: WebhookService;
  email: EmailService;
  configAudit: ConfigAuditService;
  sessionHealth: SessionHealth;
  sshAccept: SshAcceptWatch;
  knownHostsPath: () => string;
  trustedHostsPath: string;
  pollIntervalMs: () => number;
  passphrase: (id: string) => string | undefined;
  agentSocket: () => string;
  /** Handler maps built with their own parts (reports; rollouts and hygiene), spread in as they are. */
  reports: ReturnType<typeof createReports>['handlers'];
  actions: ReturnType<typeof createServerActions>['handlers'];
  privacy: ReturnType<typeof privacyHandlers>;
}

export function coreHandlers(p: HandlerParts): Handlers {
  const { o, database, events, registry, collector, alerting } = p;
  const alertDeps = { alerting, store: database.alerts, silences: database.silences, events, logger: o.logger, author: p.author };
  const connection = { knownHostsPath: p.knownHostsPath, trustedHostsPath: p.trustedHostsPath, passphrase: p.passphrase, agentSocket: p.agentSocket };
  return {
    ...appHandlers({
      info: () => ({ version: o.appVersion, host: o.host, dataDir: o.dataDir, knownHostsPath: p.knownHostsPath(), pollIntervalMs: p.pollIntervalMs() }),
      health: () => p.pipeline.health({ startedAt: p.startedAt, eventListenerFailures: events.listenerFailures() }),
    }),
    ...inventoryHandlers({ sshConfigPath: o.sshConfigPath }),
    ...fleetSetupHandlers({ appVersion: o.appVersion, logger: o.logger, findServer: (id) => registry.require(id), ...connection }),
    ...serversHandlers({ registry, collector, secrets: p.secrets, history: database.history, events, logger: o.logger, trustedHostsPath: p.trustedHostsPath, sessionPseudonym: database.pseudonyms.session, onProbeNow: (s) => void p.sshAccept.checkNow(s) }),
    ...alertsHandlers(alertDeps),
    ...silencesHandlers(alertDeps),
    ...channelsHandlers({ webhooks: p.webhooks, email: p.email }),
    ...pollingHandlers(p.polling),
    ...configAuditHandlers({ settings: p.settings, configAudit: p.configAudit, collector, events, findServer: (id) => registry.require(id) }),
    ...sessionHandlers(p.sessionHealth, database.health),
    ...accessHandlers(),
    ...attachHandlers(),
    ...consoleUiHandlers({
      db: database.db,
      settings: p.settings,
      alerts: alerting.engine,
      escalator: alerting.escalator,
      events,
      author: p.author,
      overrides: { pollIntervalMs: o.pollIntervalMs, rpcIntervalMs: o.rpcIntervalMs, alertHoldDownMs: o.alertHoldDownMs },
    }),
    ...p.privacy,
    ...p.reports,
    ...p.actions,
  };
}
