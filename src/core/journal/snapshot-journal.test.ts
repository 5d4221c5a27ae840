// Restarts and version changes as the probes see them, through the real status machine: a new boot id
// after an outage is one restart (however many failed probes lay between), the CLI path's moved start
// time is one too (its jitter is not), a version change is journaled once, and a restart while the
// console was off is seen against the last stored snapshot.
import { describe, expect, it } from 'vitest';
import type { GatewayFacts, ServerSnapshot } from '../../shared/domain';
import { openConsoleDatabase } from '../db/console-database';
import { nextSnapshot, type ProbeResultFacts } from '../status-machine';
import { SnapshotJournal, START_TIME_TOLERANCE_MS } from './snapshot-journal';

const T0 = Date.UTC(2026, 11, 2, 6, 0, 0);
const gateway = (bootId: string | null, startedAt: number): GatewayFacts => ({ via: bootId ? 'websocket' : 'cli', protocol: 3, buildId: null, bootId, startedAt, note: null });
const up = (bootId: string | null, startedAt: number, version = '2026.9.6'): ProbeResultFacts => ({ ok: true, error: null, version, gateway: gateway(bootId, startedAt), durationMs: 30 });
const down: ProbeResultFacts = { ok: false, error: { kind: 'gateway-unreachable', message: 'connect ECONNREFUSED' }, durationMs: 30 };

/** Probes one server through the status machine and feeds every snapshot to the journal. */
function prober(observe: (s: ServerSnapshot) => void, from: ServerSnapshot | null = null) {
  let prev = from;
  return (result: ProbeResultFacts, at: number) => {
    prev = nextSnapshot('s1', prev, result, at, 1).snapshot;
    observe(prev);
    return prev;
  };
}

describe('snapshot journal', () => {
  it('a crash and restart is one gateway-restart, with both boot ids and the new start time', () => {
    const { journal, close } = openConsoleDatabase(':memory:');
    const probe = prober((s) => watcher.observe(s));
    const watcher = new SnapshotJournal(journal);
    probe(up('boot-aaaa1111', T0 - 3_600_000), T0);
    probe(up('boot-aaaa1111', T0 - 3_600_000), T0 + 15_000);
    probe(down, T0 + 30_000);
    probe(down, T0 + 45_000);
    probe(down, T0 + 60_000);
    probe(up('boot-bbbb2222', T0 + 70_000), T0 + 75_000);
    probe(up('boot-bbbb2222', T0 + 70_000), T0 + 90_000);
    expect(journal.between(0, T0 + 3_600_000)).toEqual([
      { kind: 'gateway-restart', at: T0 + 75_000, serverId: 's1', alertId: null, facts: { seenBy: 'boot-id', bootBefore: 'boot-aaaa1111', bootAfter: 'boot-bbbb2222', startedAt: T0 + 70_000, startedBefore: T0 - 3_600_000 } },
    ]);
    close();
  });

  it('without a boot id (CLI path) a start time that moved is a restart; its jitter is not', () => {
    const { journal, close } = openConsoleDatabase(':memory:');
    const watcher = new SnapshotJournal(journal);
    const probe = prober((s) => watcher.observe(s));
    probe(up(null, T0 - 600_000), T0);
    probe(up(null, T0 - 600_000 + START_TIME_TOLERANCE_MS - 1), T0 + 15_000);
    probe(up(null, T0 + 20_000), T0 + 30_000);
    expect(journal.between(0, T0 + 60_000).map((e) => [e.kind, e.at, e.facts])).toEqual([
      ['gateway-restart', T0 + 30_000, { seenBy: 'start-time', bootBefore: null, bootAfter: null, startedAt: T0 + 20_000, startedBefore: T0 - 600_000 + START_TIME_TOLERANCE_MS - 1 }],
    ]);
    close();
  });

  it('a version change is journaled once, at the probe that first saw it', () => {
    const { journal, close } = openConsoleDatabase(':memory:');
    const watcher = new SnapshotJournal(journal);
    const probe = prober((s) => watcher.observe(s));
    probe(up('b1', T0 - 60_000, '2026.9.5'), T0);
    probe(down, T0 + 15_000);
    probe(up('b2', T0 + 20_000, '2026.9.6'), T0 + 30_000);
    probe(up('b2', T0 + 20_000, '2026.9.6'), T0 + 45_000);
    expect(journal.between(0, T0 + 60_000).map((e) => [e.kind, e.at])).toEqual([
      ['gateway-restart', T0 + 30_000],
      ['version-change', T0 + 30_000],
    ]);
    expect(journal.between(0, T0 + 60_000)[1]!.facts).toEqual({ from: '2026.9.5', to: '2026.9.6' });
    close();
  });

  it('a restart while the console was off is seen against the last stored snapshot', () => {
    const { journal, history, close } = openConsoleDatabase(':memory:');
    const before = prober((s) => history.recordSnapshot(s, null));
    before(up('boot-old', T0 - 600_000), T0);
    // The console restarts: a new journal seeded from what the store kept.
    const watcher = new SnapshotJournal(journal, history.latestSnapshots());
    const after = prober((s) => watcher.observe(s), history.latestSnapshots()[0]!);
    after(up('boot-new', T0 + 3_000_000), T0 + 3_600_000);
    expect(journal.between(0, T0 + 3_600_000).map((e) => [e.kind, e.facts])).toEqual([
      ['gateway-restart', { seenBy: 'boot-id', bootBefore: 'boot-old', bootAfter: 'boot-new', startedAt: T0 + 3_000_000, startedBefore: T0 - 600_000 }],
    ]);
    close();
  });
});
