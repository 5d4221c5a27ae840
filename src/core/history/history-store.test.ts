import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import type { ServerSnapshot } from '../../shared/domain';
import { HOUR, MINUTE, openHistoryStore, RETENTION } from './history-store';
import { historyMigrations } from './migrations';
import { migrate, transaction } from './sqlite';

const snap = (over: Partial<ServerSnapshot> = {}): ServerSnapshot => ({
  serverId: 's1',
  status: 'UP',
  checkedAt: 1000,
  statusSince: 1000,
  notUpSince: null,
  failureStreak: 0,
  durationMs: 12,
  version: '2026.9.6',
  build: 'eb377ac',
  agents: [],
  gateway: null,
  runtime: null,
  sessions: null,
  heartbeats: null,
  stores: null,
  cliVersion: null,
  error: null,
  ...over,
});

describe('history store', () => {
  it('keeps the latest snapshot per server and the transitions, newest first', () => {
    const h = openHistoryStore(':memory:');
    h.recordSnapshot(snap(), { serverId: 's1', at: 1000, from: 'UNKNOWN', to: 'UP', outageMs: null, errorKind: null, errorMessage: null });
    h.recordSnapshot(snap({ status: 'DOWN', checkedAt: 2000, error: { kind: 'gateway-unreachable', message: 'refused' } }), {
      serverId: 's1',
      at: 2000,
      from: 'UP',
      to: 'DOWN',
      outageMs: null,
      errorKind: 'gateway-unreachable',
      errorMessage: 'refused',
    });
    expect(h.latestSnapshots()).toHaveLength(1);
    expect(h.latestSnapshots()[0]!.status).toBe('DOWN');
    expect(h.transitions('s1', 10).map((t) => t.to)).toEqual(['DOWN', 'UP']);
    expect(h.transitions('s1', 1)).toHaveLength(1);
    h.close();
  });

  it('survives reopening a file database (WAL) and forgets only the latest on removal', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ym-hist-')), 'h.sqlite');
    const h1 = openHistoryStore(file);
    h1.recordSnapshot(snap(), null);
    h1.close();
    const h2 = openHistoryStore(file);
    expect(h2.latestSnapshots()).toHaveLength(1);
    h2.forgetServer('s1');
    expect(h2.latestSnapshots()).toHaveLength(0);
    h2.close();
    const raw = new DatabaseSync(file);
    expect((raw.prepare('PRAGMA journal_mode').get() as { journal_mode: string }).journal_mode).toBe('wal');
    expect((raw.prepare('SELECT count(*) AS n FROM probe_samples').get() as { n: number }).n).toBe(1);
    raw.close();
  });

  it('applies migrations once and refuses a database from a newer version', () => {
    const db = new DatabaseSync(':memory:');
    expect(migrate(db, historyMigrations)).toEqual(historyMigrations.map((m) => m.version).sort((a, b) => a - b));
    expect(migrate(db, historyMigrations)).toEqual([]);
    db.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(999, 'future', 0);
    expect(() => migrate(db, historyMigrations)).toThrow(/newer Yardmaster/);
  });

  it('rolls back a failed transaction whole', () => {
    const db = new DatabaseSync(':memory:');
    db.exec('CREATE TABLE t (x INTEGER)');
    expect(() =>
      transaction(db, () => {
        db.exec('INSERT INTO t VALUES (1)');
        throw new Error('boom');
      }),
    ).toThrow('boom');
    expect((db.prepare('SELECT count(*) AS n FROM t').get() as { n: number }).n).toBe(0);
  });
});

describe('metric history', () => {
  const up = (ts: number, rss: number): ServerSnapshot =>
    snap({
      checkedAt: ts,
      runtime: { runtimeVersion: 'v', rssBytes: rss, heapUsedBytes: 1, eventLoopDegraded: false, eventLoopDelayP99Ms: 20, modelRuntimeDegraded: false, activeTasks: 0, failedTasks: 0 },
      sessions: [
        { key: 'a', agentId: 'main', kind: null, status: null, updatedAt: null, inputTokens: null, outputTokens: null, totalTokens: 900, totalTokensFresh: false, contextTokens: 1000, estimatedPromptTokens: 300, contextTokenBudget: 1000, shouldCompact: false, route: 'fits', hasActiveRun: false, abortedLastRun: false },
        { key: 'b', agentId: 'main', kind: null, status: null, updatedAt: null, inputTokens: null, outputTokens: null, totalTokens: 500, totalTokensFresh: true, contextTokens: 1000, estimatedPromptTokens: null, contextTokenBudget: null, shouldCompact: null, route: null, hasActiveRun: null, abortedLastRun: null },
      ],
    });

  it('keeps raw samples for short ranges and min/avg/max rollups for long ones', () => {
    const h = openHistoryStore(':memory:');
    const t0 = Date.now() - 2 * HOUR;
    const base = t0 - (t0 % HOUR);
    h.recordSnapshot(up(base + 1_000, 100), null);
    h.recordSnapshot(up(base + 20_000, 300), null);
    h.recordSnapshot(up(base + MINUTE + 5_000, 200), null);
    const raw = h.series('s1', 'rss_bytes', base, base + HOUR);
    expect(raw.resolutionMs).toBe(0);
    expect(raw.points.map((p) => p.avg)).toEqual([100, 300, 200]);
    const daily = h.series('s1', 'rss_bytes', base - 23 * HOUR, base + HOUR);
    expect(daily.resolutionMs).toBe(MINUTE);
    expect(daily.points).toEqual([
      { t: base, min: 100, avg: 200, max: 300, count: 2 },
      { t: base + MINUTE, min: 200, avg: 200, max: 200, count: 1 },
    ]);
    const month = h.series('s1', 'rss_bytes', base - 29 * 24 * HOUR, base + HOUR);
    expect(month.resolutionMs).toBe(HOUR);
    expect(month.points).toEqual([{ t: base, min: 100, avg: 200, max: 300, count: 3 }]);
    // Context fill prefers the budget estimate; a non-fresh totalTokens is ignored.
    expect(h.series('s1', 'max_context_fill', base, base + HOUR).points[0]!.max).toBe(0.5);
    h.close();
  });

  it('prunes by age in chunks and keeps every transition', () => {
    const h = openHistoryStore(':memory:');
    const now = Date.now();
    const old = now - RETENTION.rawMs - HOUR;
    for (let i = 0; i < 12_000; i++) h.recordSnapshot(snap({ checkedAt: old - i * 1000 }), null);
    h.recordSnapshot(snap({ checkedAt: now }), { serverId: 's1', at: old, from: 'UP', to: 'DOWN', outageMs: null, errorKind: null, errorMessage: null });
    const { deleted } = h.prune(now);
    expect(deleted).toBeGreaterThan(24_000); // 12k probe samples + 2 metrics × 12k raw samples
    expect(h.series('s1', 'up', now - HOUR, now).points).toHaveLength(1);
    // Minute rollups of 3 hours ago are still within 30 days.
    expect(h.series('s1', 'up', old - 5 * HOUR, old + HOUR).points.length).toBeGreaterThan(0);
    expect(h.transitions('s1', 10)).toHaveLength(1);
    h.close();
  });
});
