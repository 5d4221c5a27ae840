// The console's mutating capabilities (issue 13 staged rollouts, issue 18 session hygiene), built
// together because they share everything that makes a change to a server safe: the registry's
// per-server mutex (never two at once on one server), the SSH pool, and maintenance windows that keep
// planned work from paging while its failures still do.
import type { Alerting } from '../alerts/alerting';
import type { Condition } from '../alerts/alert-rules';
import type { Collector } from '../collector';
import type { EventHub } from '../events';
import type { HealthHistory } from '../history/health-history';
import type { Database } from '../history/sqlite';
import { createHygiene } from '../hygiene/hygiene-module';
import type { ConsoleJournal } from '../journal/journal-store';
import type { Logger } from '../log';
import type { ServerRegistry } from '../registry/server-registry';
import { createRollouts } from '../rollouts/create-rollouts';
import type { SessionHealth } from '../sessions/session-health';
import type { SshPool } from '../ssh/ssh-pool';
import { serverSshTarget } from '../ssh/server-ssh-target';

export interface ServerActionsDeps {
  db: Database;
  health: HealthHistory;
  logger: Logger;
  author: string;
  pool: SshPool;
  registry: ServerRegistry;
  collector: () => Collector;
  alerting: Alerting;
  sessionHealth: SessionHealth;
  events: EventHub;
  knownHostsPath: () => string;
  trustedHostsPath: string;
  passphrase: (serverId: string) => string | undefined;
  agentSocket: () => string;
  /** Rollout steps and hygiene runs are journaled for incident reports. */
  journal?: ConsoleJournal;
}

export function createServerActions(d: ServerActionsDeps) {
  const openclawPaths = { get: (id: string) => d.registry.scope(id).openclawPath };
  const rollouts = createRollouts({
    db: d.db,
    logger: d.logger,
    actor: d.author,
    pool: d.pool,
    mutex: d.registry.mutex,
    openclawPaths,
    sshTarget: (s) => serverSshTarget(s, { knownHostsPath: d.knownHostsPath(), trustedHostsPath: d.trustedHostsPath, passphrase: d.passphrase(s.id), agentSocket: d.agentSocket() }),
    servers: () => d.registry.list(),
    snapshot: (id) => d.collector().snapshot(id),
    probeNow: (id) => d.collector().probeNow(id),
    activeAlerts: () => d.alerting.engine.list(),
    emit: (id) => d.events.emit('rollout.changed', { id }),
    journal: d.journal,
  });
  const hygiene = createHygiene({
    db: d.db,
    logger: d.logger,
    author: d.author,
    mutex: d.registry.mutex,
    servers: () => d.registry.list(),
    snapshot: (id) => d.collector().snapshot(id),
    healthHistory: d.health,
    sessionHealth: d.sessionHealth,
    probeNow: (id) => void d.collector().probeNow(id).catch(() => {}),
    emit: (runId) => d.events.emit('hygiene.changed', { runId }),
    pool: d.pool,
    knownHostsPath: d.knownHostsPath,
    trustedHostsPath: d.trustedHostsPath,
    passphrase: d.passphrase,
    agentSocket: d.agentSocket(),
    openclawPaths,
    journal: d.journal,
  });
  return {
    handlers: { ...rollouts.handlers, ...hygiene.handlers },
    /** A rollout's or a hygiene run's planned work pages no one by itself; their failures do. */
    adjust: (serverId: string, list: Condition[]): Condition[] => {
      const own = hygiene.conditions(d.registry.require(serverId));
      return hygiene.inMaintenance(serverId) ? own : rollouts.conditions(serverId, [...list, ...own]);
    },
    start: () => {
      rollouts.start();
      hygiene.start();
    },
    stop: async () => {
      rollouts.stop();
      await hygiene.stop();
    },
  };
}
