// Restarts and version changes, as the probes see them: a new gateway boot id (or, on the CLI path
// where there is none, a process start time that moved), and a different version than the last
// probe's. Seeded from the last stored snapshots, so a restart while the console was off is still seen.
import type { ServerSnapshot } from '../../shared/domain';
import type { ConsoleJournal } from './journal-store';

/** A start time computed from the gateway's uptime jitters by its clock and the hello's latency. */
export const START_TIME_TOLERANCE_MS = 10_000;

interface Seen {
  bootId: string | null;
  startedAt: number | null;
  version: string | null;
}

export class SnapshotJournal {
  private readonly seen = new Map<string, Seen>();

  constructor(
    private readonly journal: ConsoleJournal,
    initial: ServerSnapshot[] = [],
  ) {
    for (const s of initial) this.seen.set(s.serverId, { bootId: s.knownBootId ?? s.gateway?.bootId ?? null, startedAt: s.gateway?.startedAt ?? null, version: s.version });
  }

  observe(s: ServerSnapshot): void {
    const before = this.seen.get(s.serverId);
    const bootId = s.gateway?.bootId ?? null;
    const startedAt = s.gateway?.startedAt ?? null;
    const at = s.checkedAt;
    if (before) {
      if (bootId !== null && before.bootId !== null && bootId !== before.bootId) {
        this.journal.append({ kind: 'gateway-restart', at, serverId: s.serverId, facts: { seenBy: 'boot-id', bootBefore: before.bootId, bootAfter: bootId, startedAt, startedBefore: before.startedAt } });
      } else if (bootId === null && startedAt !== null && before.startedAt !== null && Math.abs(startedAt - before.startedAt) > START_TIME_TOLERANCE_MS) {
        this.journal.append({ kind: 'gateway-restart', at, serverId: s.serverId, facts: { seenBy: 'start-time', bootBefore: null, bootAfter: null, startedAt, startedBefore: before.startedAt } });
      }
      if (s.version !== null && before.version !== null && s.version !== before.version) {
        this.journal.append({ kind: 'version-change', at, serverId: s.serverId, facts: { from: before.version, to: s.version } });
      }
    }
    // What a failed probe does not say is kept (the boot id and start time of the last live gateway).
    this.seen.set(s.serverId, { bootId: bootId ?? before?.bootId ?? null, startedAt: startedAt ?? before?.startedAt ?? null, version: s.version ?? before?.version ?? null });
  }

  forget(serverId: string): void {
    this.seen.delete(serverId);
  }
}
