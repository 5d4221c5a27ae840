// The composition root: builds the console core from its parts and wires them. Both hosts (Electron
// main, headless server) call this and only add a transport; nothing here knows which host it runs in.
// Logic lives in the parts; contract handlers live per domain (handlers/, sessions/, config-audit/).
import { createAlertingParts } from './compose/alerting-parts';
import { coreHandlers } from './compose/core-handlers';
import { connectionSettings } from './compose/connection-settings';
import { openConsoleStorage } from './compose/console-storage';
import { createGatewayLinks } from './compose/gateway-link-events';
import { createFleetConditionsParts } from './compose/fleet-conditions-parts';
import { Collector } from './collector';
import { currentTunables } from './console-ui/console-ui-handlers';
import { sessionLimitsOf } from './settings/console-tunables';
import { renderMetrics } from './metrics/prometheus';
import { createReports } from './reports/create-reports';
import { createServerActions } from './actions/server-actions';
import { privacyHandlers } from './privacy/privacy-handlers';
import { RetentionJob } from './db/retention-job';
import { EventHub } from './events';
import { journalSources } from './journal/journal-sources';
import { SnapshotJournal } from './journal/snapshot-journal';
import { journalEntry } from './reports/report-journal';
import { snapshotSteps } from './pipeline/snapshot-steps';
import { SnapshotPipeline } from './pipeline/snapshot-pipeline';
import { PollingControl } from './polling';
import { probeContextFor } from './probes/probe-context';
import { probeServer } from './probes/server-probe';
import { ServerRegistry } from './registry/server-registry';
import { registerServerResources } from './registry/server-resources';
import { createRouter } from './router';
import { MemorySecretStore } from './secrets';
import { SessionHealth } from './sessions/session-health';
import { storeMetaReader } from './sessions/store-meta-reader';
import { SshPool } from './ssh/ssh-pool';
import type { Core, CoreOptions } from './core-options';

export type { Core, CoreOptions } from './core-options';

export function createCore(o: CoreOptions): Core {
  const startedAt = Date.now();
  const { lock, settings, pseudonyms, database } = openConsoleStorage(o);
  const events = new EventHub(o.logger);
  const journal = journalSources(database.journal);
  const secrets = new MemorySecretStore(o.secretVault);
  const { knownHostsPath, trustedHostsPath, agentSocket, passphrase } = connectionSettings(o, settings, secrets);
  const pollIntervalMs = () => o.pollIntervalMs ?? settings.get().pollIntervalMs;
  // The RPC cadence comes from the command line, else the Settings view (read when the server's tasks start).
  const rpcCadence = { cadenceMs: o.rpcIntervalMs ?? currentTunables(settings).rpcIntervalMs };
  const registry = new ServerRegistry({
    settings,
    logger: o.logger,
    factTasks: { rpc: rpcCadence, 'cli-details': rpcCadence },
    // A window that opens or closes shows at once (MAINTENANCE, or back to what the probe sees).
    onMaintenanceChange: (id) => void collector.probeNow(id).catch(() => {}),
  });

  const pool = new SshPool();
  const links = createGatewayLinks({ appVersion: o.appVersion, logger: o.logger, collector: () => collector, polling: () => polling, configAudit: () => configAudit, onConfigEvent: journal.configEvent });
  const reports = createReports({
    dataDir: o.dataDir,
    pseudonyms,
    db: database.db,
    servers: () => registry.list(),
    agentsOf: (id) => collector.snapshot(id)?.agents.map((a) => a.agentId) ?? [],
    logger: o.logger,
    pdf: o.reportPdf,
    journal: (from, to) => database.journal.between(from, to).map(journalEntry),
    onChange: (ids) => events.emit('reports.changed', { ids }),
  });
  const { webhooks, email, alerting } = createAlertingParts({ o, settings, secrets, database, events, registry, reports, onNotice: journal.notice });
  const sessionHealth = new SessionHealth({
    history: database.health,
    limits: () => sessionLimitsOf(currentTunables(settings)),
    logger: o.logger,
    pseudonym: database.pseudonyms.session,
    readMeta: storeMetaReader({ pool, knownHostsPath, trustedHostsPath, passphrase, agentSocket: agentSocket(), openclawPath: (id) => registry.scope(id).openclawPath }),
  });
  const { configAudit, sshAccept, conditions } = createFleetConditionsParts({
    o, settings, database, events, registry, alerting, sessionHealth, collector: () => collector, adjust: (serverId, list) => actions.adjust(serverId, list), onProjectionChanged: journal.projectionChanged,
  });
  const pipeline = new SnapshotPipeline(snapshotSteps({ history: database.history, sessionHealth, alerting, conditions, registry, events, sshAccept, journal: new SnapshotJournal(database.journal, database.history.latestSnapshots()) }), o.logger);

  const collector: Collector = new Collector({
    logger: o.logger,
    servers: () => registry.list(),
    pollIntervalMs,
    initial: database.history.latestSnapshots(),
    onSnapshot: (server, snapshot, transition) => pipeline.process({ server, snapshot, transition }),
    inMaintenance: (server, now) => registry.inMaintenance(server, now),
    onProbeTimeout: (id) => registry.reconnect(id),
    cycleDeadlineMs: o.cycleDeadlineMs,
    probe: o.probe ?? probeServer,
    probeContext: probeContextFor({ registry, pool, links, secrets, configAudit, knownHostsPath, trustedHostsPath, agentSocket }),
  });
  const polling = new PollingControl(collector, events, o.logger);
  registerServerResources(registry, { pool, links, collector, alerting, conditions, configAudit, history: database.history, sessionHealth, secrets });

  const author = o.host === 'electron' ? 'desktop' : 'console';
  // Staged rollouts and session hygiene: the mutating capabilities, under the registry's mutex.
  const actions = createServerActions({
    db: database.db, health: database.health, logger: o.logger, author, pool, registry, collector: () => collector, alerting, sessionHealth, events,
    knownHostsPath, trustedHostsPath, passphrase, agentSocket,
    journal: database.journal,
  });
  const router = createRouter(
    coreHandlers({
      o, startedAt, author, settings, database, events, secrets, registry, collector, pipeline, polling, alerting, webhooks, email, configAudit, sessionHealth, sshAccept,
      knownHostsPath, trustedHostsPath, pollIntervalMs, passphrase, agentSocket, reports: reports.handlers, actions: actions.handlers,
      privacy: privacyHandlers({ snapshot: (id) => collector.snapshot(id), pseudonym: database.pseudonyms.session, logger: o.logger }),
    }),
    o.logger,
  );

  const retention = new RetentionJob(database, o.logger);
  return {
    router,
    events,
    registry,
    metricsText: () =>
      renderMetrics({ servers: registry.list(), snapshot: (id) => collector.snapshot(id), alerts: alerting.engine.list(), pausedUntil: polling.state().pausedUntil, now: Date.now() }),
    start: () => {
      collector.start();
      alerting.start();
      retention.start();
      actions.start();
      reports.start();
    },
    stop: async () => {
      reports.stop();
      sshAccept.stop();
      await actions.stop();
      alerting.stop();
      polling.stop();
      collector.stop();
      await collector.drain();
      await retention.stop();
      links.closeAll();
      pool.closeAll();
      database.close();
      lock.release();
    },
  };
}
