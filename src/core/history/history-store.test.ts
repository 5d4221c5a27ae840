import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import type { ServerSnapshot } from '../../shared/domain';
import { openHistoryStore } from './history-store';
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
    expect(migrate(db, historyMigrations)).toEqual([1]);
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
