// The alert engine with fake time and a real (in-memory) SQLite store.
import { describe, expect, it } from 'vitest';
import type { Alert } from '../../shared/domain';
import { openHistoryStore } from '../history/history-store';
import { AlertEngine } from './alert-engine';
import type { Condition } from './alert-rules';
import { sqliteAlertStore } from './alert-store';
import { DEFAULT_PENDING_FOR_MS } from './pending-policy';
import { memoryPendingStore } from './pending-store';

const down: Condition = { rule: 'server-down', severity: 'critical', agentId: null, summary: 's1 is DOWN', inhibitable: false };
const overdue: Condition = { rule: 'heartbeat-overdue', severity: 'warning', agentId: 'main', summary: 's1/main late', inhibitable: true };

/** Without pending periods unless a test asks for them (pendingForMs), so raises are immediate. */
function setup(pendingForMs: Record<string, number> = {}) {
  let now = 1_000_000;
  const history = openHistoryStore(':memory:');
  const store = sqliteAlertStore(history.db);
  const pendingStore = memoryPendingStore();
  const changes: Alert[] = [];
  const make = () => new AlertEngine({ store, pendingStore, pendingForMs, onChange: (a) => changes.push(a), now: () => now, holdDownMs: 30_000 });
  return { engine: make(), make, store, pendingStore, changes, tick: (ms: number) => (now += ms), now: () => now };
}

describe('alert engine', () => {
  it('raises once, holds down before resolving, and does not re-raise a flap', () => {
    const t = setup();
    t.engine.update('s1', [down]);
    t.engine.update('s1', [down]);
    expect(t.engine.list()).toHaveLength(1);
    expect(t.changes).toHaveLength(1);
    const id = t.engine.list()[0]!.id;
    t.tick(5_000);
    t.engine.update('s1', []); // recovers...
    t.tick(10_000);
    t.engine.update('s1', [down]); // ...and flaps back within the hold-down: the same alert
    expect(t.engine.list().map((a) => a.id)).toEqual([id]);
    t.tick(5_000);
    t.engine.update('s1', []);
    t.tick(29_000);
    t.engine.update('s1', []);
    expect(t.engine.list()).toHaveLength(1);
    t.tick(2_000);
    t.engine.update('s1', []);
    expect(t.engine.list()).toHaveLength(0);
    const resolved = t.changes.at(-1)!;
    expect(resolved.resolvedAt).not.toBeNull();
    // Resolved at the moment it cleared, not when the hold-down ended: the outage length is honest.
    expect(resolved.resolvedAt! - resolved.startedAt).toBe(20_000);
  });

  it('mutes a down server’s child alerts and keeps them while it cannot check', () => {
    const t = setup();
    t.engine.update('s1', [overdue]);
    expect(t.engine.list()[0]!.inhibited).toBe(false);
    t.engine.update('s1', [down]); // child checks cannot run while down
    t.tick(60_000);
    t.engine.update('s1', [down]);
    const byRule = Object.fromEntries(t.engine.list().map((a) => [a.rule, a]));
    expect(byRule['heartbeat-overdue']).toBeDefined();
    t.engine.update('s1', [down, overdue]);
    expect(t.engine.list().find((a) => a.rule === 'heartbeat-overdue')!.inhibited).toBe(true);
    t.engine.update('s1', [overdue]);
    expect(t.engine.list().find((a) => a.rule === 'heartbeat-overdue')!.inhibited).toBe(false);
  });

  it('keeps servers apart, and acknowledgements and open alerts survive a restart', () => {
    const t = setup();
    t.engine.update('s1', [down]);
    t.engine.update('s2', [down]);
    t.engine.update('s2', []);
    t.tick(31_000);
    t.engine.update('s2', []);
    expect(t.engine.list().map((a) => a.serverId)).toEqual(['s1']);
    const acked = t.engine.ack(t.engine.list()[0]!.id, 'oncall');
    expect(acked).toMatchObject({ ackedBy: 'oncall' });
    const restarted = t.make();
    expect(restarted.list()).toEqual([expect.objectContaining({ serverId: 's1', ackedBy: 'oncall' })]);
    expect(t.store.recent(10).map((a) => a.serverId).sort()).toEqual(['s1', 's2']);
  });

  it('resolves everything of a removed server', () => {
    const t = setup();
    t.engine.update('s1', [down]);
    t.engine.forgetServer('s1');
    expect(t.engine.list()).toEqual([]);
  });
});

describe('noisy conditions', () => {
  it('raise only after holding for their forMs, and a blip in between starts over', () => {
    const t = setup();
    const loop: Condition = { rule: 'event-loop-degraded', severity: 'warning', agentId: null, summary: 'slow', inhibitable: true, forMs: 120_000 };
    t.engine.update('s1', [loop]);
    t.tick(60_000);
    t.engine.update('s1', []);
    t.tick(1_000);
    t.engine.update('s1', [loop]);
    t.tick(119_000);
    t.engine.update('s1', [loop]);
    expect(t.engine.list()).toHaveLength(0);
    t.tick(1_000);
    t.engine.update('s1', [loop]);
    expect(t.engine.list().map((a) => a.rule)).toEqual(['event-loop-degraded']);
  });
});

describe('pending periods (Alertmanager "for")', () => {
  it('a heartbeat warning notifies only after holding 2 min; a blip shorter than that never does', () => {
    const t = setup(DEFAULT_PENDING_FOR_MS);
    t.engine.update('s1', [overdue]);
    t.tick(15_000);
    t.engine.update('s1', []); // the run landed 15 s late: nothing was ever said
    t.tick(30_000);
    t.engine.update('s1', []);
    expect(t.changes).toEqual([]);
    t.engine.update('s1', [overdue]);
    t.tick(119_000);
    t.engine.update('s1', [overdue]);
    expect(t.engine.list()).toHaveLength(0);
    t.tick(1_000);
    t.engine.update('s1', [overdue]);
    expect(t.engine.list()).toEqual([expect.objectContaining({ rule: 'heartbeat-overdue', agentId: 'main' })]);
    // Critical liveness is not delayed (the status machine already confirmed it).
    t.engine.update('s2', [{ ...down, summary: 's2 is DOWN' }]);
    expect(t.engine.list().map((a) => a.serverId)).toContain('s2');
  });

  it('a pending clock survives a console restart: it neither starts over nor is lost', () => {
    const t = setup(DEFAULT_PENDING_FOR_MS);
    t.engine.update('s1', [overdue]);
    expect(t.pendingStore.saved.size).toBe(1);
    t.tick(90_000);
    const restarted = t.make(); // same stores, new process
    t.tick(30_000);
    restarted.update('s1', [overdue]);
    expect(restarted.list()).toEqual([expect.objectContaining({ rule: 'heartbeat-overdue' })]);
    expect(t.pendingStore.saved.size).toBe(0);
  });
});

describe('missing data is not "cleared"', () => {
  it('keeps an alert whose inputs are unknown, and resolves it only after a hold-down of real data', () => {
    const t = setup();
    t.engine.update('s1', [overdue]);
    const id = t.engine.list()[0]!.id;
    // cron list failed: no heartbeat facts for a whole RPC interval (longer than the hold-down).
    for (let i = 0; i < 4; i++) {
      t.tick(20_000);
      t.engine.update('s1', [], ['heartbeat-overdue']);
    }
    expect(t.engine.list().map((a) => a.id)).toEqual([id]);
    // The facts are back and the heartbeat is still late: the same alert, no second page.
    t.engine.update('s1', [overdue]);
    expect(t.engine.list().map((a) => a.id)).toEqual([id]);
    expect(t.changes.filter((a) => a.resolvedAt !== null)).toEqual([]);
    // Really cleared: resolved after the hold-down, counted from the first known clear.
    t.engine.update('s1', []);
    t.tick(10_000);
    t.engine.update('s1', [], ['heartbeat-overdue']);
    t.tick(25_000);
    t.engine.update('s1', []);
    expect(t.engine.list()).toHaveLength(1);
    t.tick(30_000);
    t.engine.update('s1', []);
    expect(t.engine.list()).toHaveLength(0);
  });

  it('keeps a pending clock running through a gap in the data, and "*" covers all but liveness', () => {
    const t = setup(DEFAULT_PENDING_FOR_MS);
    t.engine.update('s1', [overdue]);
    t.tick(60_000);
    t.engine.update('s1', [], ['*']); // a probe failed (PENDING): nothing but liveness is known
    t.tick(60_000);
    t.engine.update('s1', [overdue]);
    expect(t.engine.list().map((a) => a.rule)).toEqual(['heartbeat-overdue']);
    // Liveness stays known under '*': a server-down alert resolves normally.
    t.engine.update('s2', [down]);
    t.engine.update('s2', [], ['*']);
    t.tick(31_000);
    t.engine.update('s2', [], ['*']);
    expect(t.engine.list().map((a) => a.serverId)).toEqual(['s1']);
  });
});

describe('silences', () => {
  it('mute matching alerts while they last, and let them speak again after', async () => {
    const { SilenceStore } = await import('./silences');
    let now = 5_000_000;
    const history = openHistoryStore(':memory:');
    const silences = new SilenceStore(history.db);
    const changes: Alert[] = [];
    const engine = new AlertEngine({ store: sqliteAlertStore(history.db), pendingForMs: {}, onChange: (a) => changes.push(a), now: () => now, silences: () => silences.active(now) });
    engine.update('s1', [down, overdue]);
    const s = silences.create({ serverId: 's1', rule: 'heartbeat-overdue' }, now, 3_600_000, 'oncall', 'known issue');
    engine.refreshSilences();
    const byRule = () => Object.fromEntries(engine.list().map((a) => [a.rule, a.silencedBy]));
    expect(byRule()).toEqual({ 'server-down': null, 'heartbeat-overdue': s.id });
    expect(changes.at(-1)).toMatchObject({ rule: 'heartbeat-overdue', silencedBy: s.id });
    now += 3_600_000;
    engine.update('s1', [down, overdue]);
    expect(byRule()['heartbeat-overdue']).toBeNull();
    // A snooze of everything: empty matchers.
    const all = silences.create({}, now, 60_000, 'oncall', '');
    engine.refreshSilences();
    expect(engine.list().every((a) => a.silencedBy === all.id)).toBe(true);
    expect(silences.expire(all.id, now + 1)).toBe(true);
  });
});
