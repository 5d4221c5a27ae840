// Builds session hygiene from the core's parts, so create-core needs only a few lines: construction,
// the handler spread, the alert conditions, start and stop. After a server's real run the figures are
// charted at once (agent series samples before and after, plus a marker) and the server is probed again.
import type { ServerConfig, ServerSnapshot } from '../../shared/domain';
import type { HygieneAgentFigures, HygieneRun, HygieneRunServer } from '../../shared/hygiene';
import type { Condition } from '../alerts/alert-rules';
import type { HealthHistory, HealthSample } from '../history/health-history';
import type { Database } from '../history/sqlite';
import { hygieneRunRecord } from '../journal/journal-sources';
import type { ConsoleJournal } from '../journal/journal-store';
import type { Logger } from '../log';
import type { SessionHealth } from '../sessions/session-health';
import { hygieneHandlers } from './hygiene-handlers';
import { HygieneRemote, type HygieneRemoteDeps } from './hygiene-remote';
import { HygieneService } from './hygiene-service';
import { HygieneStore } from './hygiene-store';
import { InMemoryMaintenance } from './maintenance-flags';
import { InMemoryServerMutex, type ServerMutex } from './server-mutex';

export interface HygieneModuleDeps extends Omit<HygieneRemoteDeps, 'agents' | 'onStoreMeta'> {
  db: Database;
  logger: Logger;
  author: string;
  servers: () => ServerConfig[];
  snapshot: (serverId: string) => ServerSnapshot | null;
  healthHistory: HealthHistory;
  sessionHealth: SessionHealth;
  probeNow: (serverId: string) => void;
  emit: (runId: string | null) => void;
  /** The registry's mutex once merged; the in-memory one until then. */
  mutex?: ServerMutex;
  tickMs?: number;
  /** Where each server's finished real run is journaled for incident reports. */
  journal?: ConsoleJournal;
}

export interface HygieneModule {
  handlers: ReturnType<typeof hygieneHandlers>;
  /** The alert path asks: is this server in a hygiene maintenance window now? */
  inMaintenance: (serverId: string) => boolean;
  conditions: (server: ServerConfig) => Condition[];
  start(): void;
  stop(): Promise<void>;
}

function samplesOf(figures: HygieneAgentFigures[]): HealthSample[] {
  return figures.flatMap((a) => {
    const dim = `agent:${a.agentId}`;
    const out: HealthSample[] = [];
    if (a.rows !== null) out.push({ dimension: dim, metric: 'rows', value: a.rows });
    if (a.zeroTokenRows !== null) out.push({ dimension: dim, metric: 'zero_rows', value: a.zeroTokenRows });
    if (a.storeBytes !== null) out.push({ dimension: dim, metric: 'store_bytes', value: a.storeBytes });
    return out;
  });
}

export function createHygiene(d: HygieneModuleDeps): HygieneModule {
  const store = new HygieneStore(d.db);
  const maintenance = new InMemoryMaintenance();
  const remote = new HygieneRemote({ ...d, agents: (id) => d.healthHistory.agents(id), onStoreMeta: (id, result) => d.sessionHealth.acceptStoreMeta(id, result, Date.now()) });
  const onServerFinished = (serverId: string, entry: HygieneRunServer, run: HygieneRun) => {
    try {
      if (entry.before.length && entry.startedAt !== null) d.healthHistory.addSamples(serverId, entry.startedAt, samplesOf(entry.before));
      const at = entry.finishedAt ?? Date.now();
      if (entry.after.length) d.healthHistory.addSamples(serverId, at, samplesOf(entry.after));
      if (entry.state === 'done' || entry.state === 'failed') {
        for (const b of entry.before) {
          const a = entry.after.find((x) => x.agentId === b.agentId);
          store.addMarker({ t: at, runId: run.id, serverId, agentId: b.agentId, rowsBefore: b.rows, rowsAfter: a?.rows ?? null, outcome: entry.state });
        }
      }
      const record = hygieneRunRecord(serverId, entry, run.id, at);
      if (record) d.journal?.append(record);
    } catch (err) {
      d.logger.error('hygiene: recording figures failed', { serverId, error: String(err) });
    }
    d.probeNow(serverId);
  };
  const service = new HygieneService({
    store,
    servers: d.servers,
    logger: d.logger,
    now: Date.now,
    mutex: d.mutex ?? new InMemoryServerMutex(),
    maintenance,
    snapshot: d.snapshot,
    // Stored under pseudonyms; compaction needs the real key, from the sessions last seen live.
    sessions: (id) => {
      const real = d.sessionHealth.realKeys(id);
      return d.healthHistory.sessions(id, 500).flatMap((s) => {
        const key = real.get(s.sessionKey);
        return key ? [{ sessionKey: key, agentId: s.agentId, fill: s.fill }] : [];
      });
    },
    readFigures: (server) => remote.readFigures(server),
    remoteFor: (server) => remote.remoteFor(server),
    onRunChanged: (run) => d.emit(run.id),
    onServerFinished,
  });
  let timer: NodeJS.Timeout | null = null;
  let ticking = false;
  const tick = () => {
    if (ticking) return;
    ticking = true;
    service
      .tick()
      .catch((err: unknown) => d.logger.error('hygiene tick failed', { error: String(err) }))
      .finally(() => (ticking = false));
  };
  return {
    handlers: hygieneHandlers({ service, store, author: d.author, changed: d.emit }),
    inMaintenance: (id) => maintenance.active(id) !== null,
    conditions: (server) => service.conditions(server),
    start: () => {
      service.resume();
      store.prune(Date.now() - 365 * 24 * 3_600_000);
      timer = setInterval(tick, d.tickMs ?? 15_000);
      timer.unref?.();
    },
    stop: async () => {
      if (timer) clearInterval(timer);
      // A run in flight gets 10 s to finish its step; one cut off is recorded as interrupted at the next start.
      await Promise.race([service.idle(), new Promise((r) => setTimeout(r, 10_000).unref?.())]);
    },
  };
}
