// Retention of the record tables (defect 8) and a prune that lets the event loop run between chunks.
import { describe, expect, it } from 'vitest';
import { testAlert } from '../alerts/test-alerts';
import { openConsoleDatabase } from './console-database';
import { pruneDatabase, RECORD_RETENTION } from './retention';

const NOW = Date.UTC(2026, 11, 1);
const DAY = 86_400_000;

describe('retention', () => {
  it('prunes old transitions, resolved alerts and expired silences, and keeps what is recent or active', async () => {
    const c = openConsoleDatabase(':memory:');
    const old = NOW - RECORD_RETENTION.transitionsMs - DAY;
    c.db.prepare('INSERT INTO status_transitions (server_id, ts, from_status, to_status) VALUES (?, ?, ?, ?)').run('s1', old, 'UP', 'DOWN');
    c.db.prepare('INSERT INTO status_transitions (server_id, ts, from_status, to_status) VALUES (?, ?, ?, ?)').run('s1', NOW - DAY, 'UP', 'DOWN');
    c.alerts.upsert(testAlert({ id: 'old-resolved', startedAt: old, resolvedAt: old + 1 }));
    c.alerts.upsert(testAlert({ id: 'old-active', startedAt: old, resolvedAt: null }));
    c.alerts.upsert(testAlert({ id: 'recent', startedAt: NOW - DAY, resolvedAt: NOW - DAY + 1 }));
    const expired = c.silences.create({}, NOW - RECORD_RETENTION.expiredSilencesMs - 2 * DAY, 3_600_000, 'a', '');
    const fresh = c.silences.create({}, NOW - DAY, 3_600_000, 'a', '');
    const { byTable } = await pruneDatabase(c.db, NOW);
    expect(byTable.status_transitions).toBe(1);
    expect(c.history.transitions('s1', 10).map((x) => x.at)).toEqual([NOW - DAY]);
    expect(c.alerts.recent(10).map((a) => a.id).sort()).toEqual(['old-active', 'recent']);
    const ids = (c.db.prepare('SELECT id FROM silences').all() as Array<{ id: string }>).map((r) => r.id);
    expect(ids).toEqual([fresh.id]);
    expect(ids).not.toContain(expired.id);
    c.close();
  });

  it('yields to the event loop between chunks instead of deleting the backlog in one go', async () => {
    const c = openConsoleDatabase(':memory:');
    const insert = c.db.prepare('INSERT INTO status_transitions (server_id, ts, from_status, to_status) VALUES (?, ?, ?, ?)');
    const old = NOW - RECORD_RETENTION.transitionsMs - DAY;
    for (let i = 0; i < 1_000; i++) insert.run('s1', old - i, 'UP', 'DOWN');
    let turns = 0;
    let done = false;
    const tick = () => {
      if (done) return;
      turns++;
      setImmediate(tick);
    };
    setImmediate(tick);
    const result = await pruneDatabase(c.db, NOW, { chunk: 100 });
    done = true;
    expect(result.byTable.status_transitions).toBe(1_000);
    // Other work ran while the 10 chunks were deleted.
    expect(turns).toBeGreaterThanOrEqual(10);
    c.close();
  });
});
