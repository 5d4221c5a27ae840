import { describe, expect, it } from 'vitest';
import { nextSnapshot } from './status-machine';

const okFacts = { ok: true, error: null, version: '2026.9.6', build: 'abc', agents: [], durationMs: 10 };
const failFacts = { ok: false, error: { kind: 'gateway-unreachable' as const, message: 'refused' }, durationMs: 10 };

describe('status machine', () => {
  it('first success is UP with a transition from UNKNOWN', () => {
    const { snapshot, transition } = nextSnapshot('s', null, okFacts, 1000, 1);
    expect(snapshot.status).toBe('UP');
    expect(transition).toMatchObject({ from: 'UNKNOWN', to: 'UP', outageMs: null });
  });

  it('first failure of a new server is DOWN at once (nothing to confirm)', () => {
    expect(nextSnapshot('s', null, failFacts, 1000, 1).snapshot.status).toBe('DOWN');
  });

  it('UP → PENDING → DOWN after the retries, then recovery records the outage length', () => {
    let prev = nextSnapshot('s', null, okFacts, 1000, 1).snapshot;
    const p = nextSnapshot('s', prev, failFacts, 2000, 1);
    expect(p.snapshot.status).toBe('PENDING');
    expect(p.snapshot.notUpSince).toBe(2000);
    prev = p.snapshot;
    const d = nextSnapshot('s', prev, failFacts, 3000, 1);
    expect(d.snapshot.status).toBe('DOWN');
    expect(d.transition).toMatchObject({ from: 'PENDING', to: 'DOWN', errorKind: 'gateway-unreachable' });
    const still = nextSnapshot('s', d.snapshot, failFacts, 4000, 1);
    expect(still.transition).toBeNull();
    expect(still.snapshot.statusSince).toBe(3000);
    const up = nextSnapshot('s', still.snapshot, okFacts, 9000, 1);
    expect(up.snapshot.status).toBe('UP');
    expect(up.transition).toMatchObject({ from: 'DOWN', to: 'UP', outageMs: 7000 });
  });

  it('a failure confirmed by a second signal goes UP → DOWN with no retry, and the outage starts then', () => {
    const up = nextSnapshot('s', null, okFacts, 1000, 1).snapshot;
    const d = nextSnapshot('s', up, failFacts, 2000, 1, false, true);
    expect(d.snapshot.status).toBe('DOWN');
    expect(d.snapshot.notUpSince).toBe(2000);
    expect(d.transition).toMatchObject({ from: 'UP', to: 'DOWN' });
    // Maintenance still wins: planned work is never an outage.
    expect(nextSnapshot('s', up, failFacts, 2000, 1, true, true).snapshot.status).toBe('MAINTENANCE');
  });

  it('keeps the last known version and agents while down', () => {
    const up = nextSnapshot('s', null, { ...okFacts, agents: [{ agentId: 'main', isDefault: true, heartbeatEnabled: true, heartbeatEveryMs: 60000, sessionCount: 1 }] }, 1, 0).snapshot;
    const down = nextSnapshot('s', up, failFacts, 2, 0).snapshot;
    expect(down.status).toBe('DOWN');
    expect(down.version).toBe('2026.9.6');
    expect(down.agents).toHaveLength(1);
    expect(down.error?.kind).toBe('gateway-unreachable');
  });
});

describe('maintenance', () => {
  it('shows MAINTENANCE whatever the probe says, and never counts it as an outage', () => {
    const up = nextSnapshot('s', null, okFacts, 1000, 1).snapshot;
    const m = nextSnapshot('s', up, failFacts, 2000, 1, true);
    expect(m.snapshot.status).toBe('MAINTENANCE');
    expect(m.snapshot.notUpSince).toBeNull();
    expect(m.snapshot.error?.kind).toBe('gateway-unreachable');
    expect(m.transition).toMatchObject({ from: 'UP', to: 'MAINTENANCE' });
    const back = nextSnapshot('s', m.snapshot, okFacts, 9000, 1);
    expect(back.transition).toMatchObject({ from: 'MAINTENANCE', to: 'UP', outageMs: null });
    const broken = nextSnapshot('s', m.snapshot, failFacts, 9000, 1);
    expect(broken.snapshot.status).toBe('DOWN');
  });

  it('counts gateway restarts by new boot ids within the hour, also across a failed probe', () => {
    const gw = (bootId: string) => ({ ...okFacts, gateway: { via: 'websocket' as const, protocol: 4, buildId: null, bootId, startedAt: null, note: null } });
    let s = nextSnapshot('s', null, gw('a'), 0, 1).snapshot;
    expect(s.recentRestarts).toEqual([]);
    s = nextSnapshot('s', s, gw('a'), 60_000, 1).snapshot;
    s = nextSnapshot('s', s, failFacts, 120_000, 1).snapshot;
    expect(s.knownBootId).toBe('a');
    s = nextSnapshot('s', s, gw('b'), 180_000, 1).snapshot;
    s = nextSnapshot('s', s, gw('c'), 240_000, 1).snapshot;
    expect(s.recentRestarts).toEqual([180_000, 240_000]);
    // An hour later the old ones no longer count.
    s = nextSnapshot('s', s, gw('d'), 180_000 + 3_600_000, 1).snapshot;
    expect(s.recentRestarts).toEqual([240_000, 3_780_000]);
  });

  it('tracks agent runs failing since the last success from the task ledger, and forgets it on a success or restart', () => {
    const rt = (succeeded: number, failed: number, timedOut: number) => ({
      ...okFacts,
      gateway: { via: 'websocket' as const, protocol: 4, buildId: null, bootId: 'a', startedAt: null, note: null },
      runtime: { runtimeVersion: null, rssBytes: null, heapUsedBytes: null, eventLoopDegraded: null, eventLoopDelayP99Ms: null, modelRuntimeDegraded: null, activeTasks: null, failedTasks: null, tasksSucceeded: succeeded, tasksFailed: failed, tasksTimedOut: timedOut },
    });
    let s = nextSnapshot('s', null, rt(4, 0, 0), 0, 1).snapshot;
    expect(s.runFailures).toBeNull();
    s = nextSnapshot('s', s, rt(4, 1, 0), 1_000, 1).snapshot;
    s = nextSnapshot('s', s, failFacts, 2_000, 1).snapshot; // a failed probe keeps what we knew
    s = nextSnapshot('s', s, rt(4, 1, 0), 3_000, 1).snapshot;
    expect(s.runFailures).toEqual({ since: 1_000, failed: 1, timedOut: 0 });
    s = nextSnapshot('s', s, rt(4, 2, 1), 3_500, 1).snapshot;
    expect(s.runFailures).toEqual({ since: 1_000, failed: 2, timedOut: 1 });
    s = nextSnapshot('s', s, rt(5, 2, 1), 4_000, 1).snapshot;
    expect(s.runFailures).toBeNull();
    s = nextSnapshot('s', s, rt(5, 3, 1), 5_000, 1).snapshot;
    expect(s.runFailures).toEqual({ since: 5_000, failed: 1, timedOut: 0 });
    // The ledger restarts with the gateway: counts going down start over.
    s = nextSnapshot('s', s, rt(0, 0, 0), 6_000, 1).snapshot;
    expect(s.runFailures).toBeNull();
  });
});
