// The alert side of the core: the channels that deliver (webhooks, email, both through the durable
// outbox) and the alerting that decides (engine, pending periods, silences, escalation ladder).
import { join } from 'node:path';
import { Alerting } from '../alerts/alerting';
import { filePendingStore, memoryPendingStore } from '../alerts/pending-store';
import { currentTunables } from '../console-ui/console-ui-handlers';
import type { CoreOptions } from '../core-options';
import type { ConsoleDatabase } from '../db/console-database';
import { EmailService } from '../email/email-service';
import type { EventHub } from '../events';
import type { ServerRegistry } from '../registry/server-registry';
import type { createReports } from '../reports/create-reports';
import type { MemorySecretStore } from '../secrets';
import { policyOf } from '../settings/console-tunables';
import type { SettingsStore } from '../settings/settings-store';
import { WebhookService } from '../webhooks/webhook-service';

export interface AlertingPartsDeps {
  o: CoreOptions;
  settings: SettingsStore;
  secrets: MemorySecretStore;
  database: ConsoleDatabase;
  events: EventHub;
  registry: ServerRegistry;
  reports: ReturnType<typeof createReports>;
  /** Every notice the escalation ladder gives (journaled for incident reports). */
  onNotice?: ConstructorParameters<typeof Alerting>[0]['onNotice'];
}

export function createAlertingParts(d: AlertingPartsDeps) {
  const { o, settings, secrets, database, events } = d;
  const webhooks = new WebhookService(settings, secrets, o.logger, () => events.emit('webhooks.changed', {}), database.outbox, o.webhookSendOptions);
  const serverName = (id: string) => d.registry.get(id)?.name ?? null;
  const email = new EmailService(settings, secrets, o.logger, serverName, () => events.emit('email.changed', {}), database.outbox, o.emailSendOptions);
  const alerting = new Alerting({
    store: database.alerts,
    silences: database.silences,
    escalations: database.escalations,
    events,
    logger: o.logger,
    webhooks,
    email,
    holdDownMs: () => o.alertHoldDownMs ?? currentTunables(settings).alertHoldDownMs,
    pendingStore: o.historyPath === ':memory:' ? memoryPendingStore() : filePendingStore(join(o.dataDir, 'alert-pending.json'), o.logger),
    policy: policyOf(currentTunables(settings)),
    pausedServers: () => new Set(settings.get().servers.filter((s) => !s.enabled).map((s) => s.id)),
    // A critical alert that resolves drafts an incident report (stored, sent nowhere).
    onAlertChanged: [(alert) => d.reports.service.alertChanged(alert)],
    onNotice: d.onNotice,
  });
  return { webhooks, email, alerting };
}
