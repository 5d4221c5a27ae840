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
  // Deleted and overwritten rows are zeroed on disk, not left in free pages (privacy migrations, retention).
  db.exec('PRAGMA secure_delete = ON');
  return db;
}

/** Time spent writing by this process (bench:scale reads it as SQLite write time per cycle). */
export const writeTime = { ms: 0, transactions: 0, commits: 0, commitErrors: 0 };

interface WriteBatch {
  maxMs: number;
  onCommitError: ((err: Error) => void) | undefined;
  timer: NodeJS.Timeout | null;
  inUnit: boolean;
}
const batches = new WeakMap<DatabaseSync, WriteBatch>();

/**
 * Groups this connection's write transactions into one commit at most every `maxMs`. A commit per
 * snapshot was the core's largest cost at 1,000 servers (bench:scale); one per second costs almost
 * nothing. Each transaction() is still all-or-nothing (a savepoint inside the batch), and reads on
 * this connection see its writes at once; a crash loses at most `maxMs` of writes, and close() (via
 * commitWrites) loses none.
 */
export function batchWrites(db: DatabaseSync, maxMs = 1_000, onCommitError?: (err: Error) => void): void {
  batches.set(db, { maxMs, onCommitError, timer: null, inUnit: false });
}

/** Commits the open batch now (at close, and from the batch's timer). */
export function commitWrites(db: DatabaseSync): void {
  const batch = batches.get(db);
  if (!batch) return;
  if (batch.timer) clearTimeout(batch.timer);
  batch.timer = null;
  if (!db.isOpen || !db.isTransaction) return;
  const started = performance.now();
  try {
    db.exec('COMMIT');
    writeTime.commits++;
  } catch (err) {
    // A full or failing disk: this batch is lost (as one failed transaction would have been); the
    // next writes start a new one and report the error where they run. Said aloud: it is data lost.
    writeTime.commitErrors++;
    batch.onCommitError?.(err instanceof Error ? err : new Error(String(err)));
    try {
      db.exec('ROLLBACK');
    } catch {
      // Already rolled back by SQLite.
    }
  } finally {
    writeTime.ms += performance.now() - started;
  }
}

/** node:sqlite has no transaction helper. Nested calls join the outer transaction. */
export function transaction<T>(db: DatabaseSync, work: () => T): T {
  const batch = batches.get(db);
  if (batch) return inBatch(db, batch, work);
  if (db.isTransaction) return work();
  const started = performance.now();
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = work();
    db.exec('COMMIT');
    return result;
  } catch (err) {
    db.exec('ROLLBACK');
    throw err;
  } finally {
    writeTime.ms += performance.now() - started;
    writeTime.transactions++;
  }
}

function inBatch<T>(db: DatabaseSync, batch: WriteBatch, work: () => T): T {
  if (batch.inUnit) return work();
  const started = performance.now();
  if (!db.isTransaction) {
    db.exec('BEGIN IMMEDIATE');
    batch.timer = setTimeout(() => commitWrites(db), batch.maxMs);
    batch.timer.unref?.();
  }
  batch.inUnit = true;
  db.exec('SAVEPOINT unit');
  try {
    const result = work();
    db.exec('RELEASE unit');
    return result;
  } catch (err) {
    db.exec('ROLLBACK TO unit');
    db.exec('RELEASE unit');
    throw err;
  } finally {
    batch.inUnit = false;
    writeTime.ms += performance.now() - started;
    writeTime.transactions++;
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
