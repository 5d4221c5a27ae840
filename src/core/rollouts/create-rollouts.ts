// Builds the rollout capability from the core's parts (history DB, SSH pool, collector, alerts), so
// the composition root needs only a few lines: construct, spread the handlers, add the conditions.
import type { Alert, ServerConfig, ServerSnapshot } from '../../shared/domain';
import type { Condition } from '../alerts/alert-rules';
import type { Database } from '../history/sqlite';
import type { ConsoleJournal } from '../journal/journal-store';
import type { Logger } from '../log';
import type { SshPool } from '../ssh/ssh-pool';
import type { SshTarget } from '../ssh/ssh-session';
import { shellQuote } from '../ssh/shell-quote';
import { systemClock, type Clock } from './clock';
import { MaintenanceWindows, PAGES_IN_MAINTENANCE } from './maintenance-windows';
import type { RemoteShell } from './remote-job';
import { updateStatusScript } from './remote-scripts';
import { rolloutConditions } from './rollout-alerts';
import { rolloutHandlers } from './rollout-handlers';
import { RolloutRunner } from './rollout-runner';
import { RolloutService } from './rollout-service';
import { RolloutStore } from './rollout-store';
import { InMemoryServerMutex, type ServerMutex } from './server-mutex';
import type { GateFacts } from './server-ops';
import { SshServerOps } from './ssh-server-ops';
import { parseJsonDocument, readUpdateStatus } from './update-output';
import { VERSION_RE } from './versions';
import type { GateTimings } from './rollout-gates';

export interface RolloutDeps {
  db: Database;
  logger: Logger;
  actor: string;
  pool: SshPool;
  sshTarget: (server: ServerConfig) => SshTarget;
  servers: () => ServerConfig[];
  snapshot: (serverId: string) => ServerSnapshot | null;
  probeNow: (serverId: string) => Promise<ServerSnapshot>;
  activeAlerts: () => Alert[];
  openclawPaths: Pick<Map<string, string>, 'get'>;
  emit: (id: string) => void;
  mutex?: ServerMutex;
  clock?: Clock;
  gateTimings?: GateTimings;
  /** Where finished steps are journaled for incident reports. */
  journal?: ConsoleJournal;
}

export function gateFactsOf(s: ServerSnapshot): GateFacts {
  return {
    up: s.status === 'UP',
    ready: s.readiness?.ready ?? null,
    bootId: s.gateway?.bootId ?? null,
    gatewayStartedAt: s.gateway?.startedAt ?? null,
    runningVersion: s.runtime?.runtimeVersion ?? null,
    heartbeats: (s.heartbeats ?? []).map((h) => ({ agentId: h.agentId, enabled: h.enabled, lastRunAtMs: h.lastRunAtMs })),
  };
}

export function createRollouts(d: RolloutDeps) {
  const clock = d.clock ?? systemClock;
  const store = new RolloutStore(d.db, d.journal);
  const maintenance = new MaintenanceWindows();
  const findServer = (id: string) => d.servers().find((s) => s.id === id) ?? null;
  const shell: RemoteShell = {
    sh: async (serverId, script, timeoutMs) => {
      const server = findServer(serverId);
      if (!server) throw Object.assign(new Error('server removed'), { kind: 'server-removed' });
      const session = await d.pool.session(serverId, d.sshTarget(server));
      const r = await session.exec(['sh', '-c', script], { timeoutMs, maxOutputBytes: 4 * 1024 * 1024 });
      return { code: r.code, stdout: r.stdout, stderr: r.stderr, timedOut: r.timedOut };
    },
  };
  const ops = new SshServerOps({ shell, clock, server: findServer, openclawPaths: d.openclawPaths });
  // A new alert on a server (a failed step, a halt) is evaluated at once: a fresh probe runs the rules.
  const refreshAlerts = (serverId: string) => void d.probeNow(serverId).catch(() => {});
  const runner = new RolloutRunner({
    store,
    ops,
    clock,
    mutex: d.mutex ?? new InMemoryServerMutex(),
    maintenance,
    logger: d.logger,
    serviceOf: (id) => store.serviceManager(id),
    gateFacts: async (id) => gateFactsOf(await d.probeNow(id)),
    criticalAlertsSince: (id, since) => d.activeAlerts().filter((a) => a.serverId === id && a.severity === 'critical' && a.startedAt >= since && !a.rule.startsWith('rollout-')).length,
    onChange: d.emit,
    onProblem: (rolloutId, serverId, problem) => {
      d.logger.warn('rollout problem', { rolloutId, serverId, problem });
      if (serverId) refreshAlerts(serverId);
      else for (const s of store.servers(rolloutId)) if (s.state === 'failed') refreshAlerts(s.serverId);
    },
    gateTimings: d.gateTimings,
  });
  const service = new RolloutService({
    store,
    runner,
    clock,
    servers: d.servers,
    snapshot: d.snapshot,
    versionAvailable: async (serverId, version) => {
      if (!VERSION_RE.test(version)) return false;
      const r = await shell.sh(serverId, `npm view ${shellQuote(`openclaw@${version}`)} version --json 2>/dev/null`, 120_000);
      return r.code === 0 && r.stdout.includes(`"${version}"`);
    },
    updateStatus: async (serverId) => {
      const server = findServer(serverId);
      const bin = server?.openclawPath ?? d.openclawPaths.get(serverId) ?? 'openclaw';
      const r = await shell.sh(serverId, updateStatusScript({ env: [], bin, flags: server?.openclawProfile ? ['--profile', server.openclawProfile] : [], stateDir: '' }), 120_000);
      const st = readUpdateStatus(parseJsonDocument(r.stdout));
      return { installKind: st.installKind, latestVersion: st.latestVersion };
    },
  });
  return {
    handlers: rolloutHandlers(service, d.actor),
    /** Rollout alerts for the server, plus the maintenance window: planned work pages nobody. */
    conditions(serverId: string, others: Condition[]): Condition[] {
      const inWindow = maintenance.active(serverId, clock.now());
      return [...(inWindow ? others.filter((c) => PAGES_IN_MAINTENANCE.has(c.rule)) : others), ...rolloutConditions(store, serverId)];
    },
    /** On console start: interrupted rollouts are marked and their servers' true state probed. */
    start: () => void runner.recover().catch((err) => d.logger.error('rollout recovery failed', { error: String(err) })),
    stop: () => runner.stop(),
  };
}
