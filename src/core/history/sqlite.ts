// Thin helpers over node:sqlite (built into Node 24 and Electron 45: nothing native to ship).
import { DatabaseSync } from 'node:sqlite';

export type Database = DatabaseSync;

export function openDatabase(path: string): DatabaseSync {
  const db = new DatabaseSync(path);
  // WAL: readers never block the poller's writes, and a kill -9 loses at most the open transaction.
  db.exec('PRAGMA journal_mode = WAL');
  db.exec('PRAGMA synchronous = NORMAL');
  db.exec('PRAGMA busy_timeout = 5000');
  db.exec('PRAGMA foreign_keys = ON');
  return db;
}

/** node:sqlite has no transaction helper. Nested calls join the outer transaction. */
export function transaction<T>(db: DatabaseSync, work: () => T): T {
  if (db.isTransaction) return work();
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = work();
    db.exec('COMMIT');
    return result;
  } catch (err) {
    db.exec('ROLLBACK');
    throw err;
  }
}

/** Rows deleted per transaction by retention, so a big prune never holds the write lock for long. */
export const PRUNE_CHUNK = 5_000;

/**
 * Runs a `DELETE … LIMIT ?` again and again, one short transaction each, until it deletes fewer than a
 * chunk. The statement's last parameter is the chunk size. Returns how many rows went.
 */
export function deleteInChunks(db: DatabaseSync, sql: string, ...params: number[]): number {
  const stmt = db.prepare(sql);
  let deleted = 0;
  for (;;) {
    const changes = Number(transaction(db, () => stmt.run(...params, PRUNE_CHUNK)).changes);
    deleted += changes;
    if (changes < PRUNE_CHUNK) return deleted;
  }
}

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Applies, in order and each in its own transaction, the migrations not yet recorded. */
export function migrate(db: DatabaseSync, migrations: readonly Migration[]): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL) STRICT`);
  const done = new Set(
    (db.prepare('SELECT version FROM schema_migrations').all() as Array<{ version: number }>).map((r) => r.version),
  );
  const newest = Math.max(0, ...done);
  const known = Math.max(0, ...migrations.map((m) => m.version));
  if (newest > known) {
    throw new Error(`History database is from a newer Yardmaster (schema ${newest} > ${known}); refusing to touch it.`);
  }
  const applied: number[] = [];
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    if (done.has(m.version)) continue;
    transaction(db, () => {
      db.exec(m.sql);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, Date.now());
    });
    applied.push(m.version);
  }
  return applied;
}
