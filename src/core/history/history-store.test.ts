import { pruneDatabase } from '../db/retention';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import type { ServerSnapshot } from '../../shared/domain';
import { HOUR, MINUTE, openHistoryStore, RETENTION } from './history-store';
import { historyMigrations } from './migrations';
import { ephemeralPseudonyms } from '../privacy/pseudonyms';
import { registerPrivacyFunctions } from '../privacy/privacy-migrations';
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
  it('never stores the session rows of a snapshot (their keys can name clients)', () => {
    const h = openHistoryStore(':memory:');
    const key = 'agent:main:whatsapp:direct:+15551234567';
    h.recordSnapshot(snap({ sessions: [{ key } as never] }), null);
    expect(h.latestSnapshots()[0]!.sessions).toBeNull();
    expect(JSON.stringify(h.db.prepare('SELECT * FROM server_latest').all())).not.toContain('5551234567');
  });

  it('writes a fact-derived metric when it changes or every 10 minutes, and the probe figures every time', () => {
    const h = openHistoryStore(':memory:');
    const runtime = { rssBytes: 5e8 } as ServerSnapshot['runtime'];
    const t0 = Date.now() - HOUR; // raw samples are served for recent ranges
    for (const [i, rss] of [5e8, 5e8, 5e8, 6e8].entries()) h.recordSnapshot(snap({ checkedAt: t0 + i * 15_000, runtime: { ...runtime!, rssBytes: rss } }), null);
    h.recordSnapshot(snap({ checkedAt: t0 + 11 * MINUTE, runtime: { ...runtime!, rssBytes: 6e8 } }), null);
    const times = (metric: 'rss_bytes' | 'probe_ms') => h.series('s1', metric, t0, t0 + 20 * MINUTE).points.map((p) => p.t - t0);
    expect(times('rss_bytes')).toEqual([0, 45_000, 11 * MINUTE]);
    expect(times('probe_ms')).toEqual([0, 15_000, 30_000, 45_000, 11 * MINUTE]);
  });

  it('rewrites an unchanged latest snapshot at most once a minute, a changed one at once, and the held-back one at flush', () => {
    const h = openHistoryStore(':memory:');
    const checkedAt = () => h.latestSnapshots().map((x) => x.checkedAt);
    h.recordSnapshot(snap({ checkedAt: 0 }), null);
    h.recordSnapshot(snap({ checkedAt: 15_000 }), null);
    expect(checkedAt()).toEqual([0]);
    // Fresh RPC facts (a new sessions list) are written at once; the same list again is not.
    const sessions: ServerSnapshot['sessions'] = [];
    h.recordSnapshot(snap({ checkedAt: 30_000, sessions }), null);
    expect(checkedAt()).toEqual([30_000]);
    h.recordSnapshot(snap({ checkedAt: 45_000, sessions }), null);
    expect(checkedAt()).toEqual([30_000]);
    h.recordSnapshot(snap({ checkedAt: 50_000, status: 'PENDING', sessions }), null);
    expect(checkedAt()).toEqual([50_000]);
    h.recordSnapshot(snap({ checkedAt: 55_000, status: 'PENDING', sessions }), null);
    expect(checkedAt()).toEqual([50_000]);
    h.flushLatest();
    expect(checkedAt()).toEqual([55_000]);
  });

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
    registerPrivacyFunctions(db, ephemeralPseudonyms());
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

  it('prunes by age in chunks and keeps recent transitions', async () => {
    const h = openHistoryStore(':memory:');
    const now = Date.now();
    const old = now - RETENTION.rawMs - HOUR;
    for (let i = 0; i < 12_000; i++) h.recordSnapshot(snap({ checkedAt: old - i * 1000 }), null);
    h.recordSnapshot(snap({ checkedAt: now }), { serverId: 's1', at: old, from: 'UP', to: 'DOWN', outageMs: null, errorKind: null, errorMessage: null });
    const { deleted } = await pruneDatabase(h.db, now);
    expect(deleted).toBeGreaterThan(24_000); // 12k probe samples + 2 metrics × 12k raw samples
    expect(h.series('s1', 'up', now - HOUR, now).points).toHaveLength(1);
    // Minute rollups of 3 hours ago are still within 30 days.
    expect(h.series('s1', 'up', old - 5 * HOUR, old + HOUR).points.length).toBeGreaterThan(0);
    expect(h.transitions('s1', 10)).toHaveLength(1);
    h.close();
  });
});
