// The write batch on a real database file, with a second connection standing in for another reader.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { batchWrites, commitWrites, openDatabase, transaction } from './sqlite';

function setup() {
  const path = join(mkdtempSync(join(tmpdir(), 'ym-batch-')), 'h.sqlite');
  const db = openDatabase(path);
  db.exec('CREATE TABLE t (v INTEGER NOT NULL)');
  batchWrites(db, 60_000);
  const other = new DatabaseSync(path, { readOnly: true });
  const count = (c: DatabaseSync) => (c.prepare('SELECT count(*) AS n FROM t').get() as { n: number }).n;
  return { db, other, count };
}

describe('write batch', () => {
  it('shows writes on its own connection at once and to others after the commit', () => {
    const { db, other, count } = setup();
    transaction(db, () => db.prepare('INSERT INTO t VALUES (1)').run());
    transaction(db, () => db.prepare('INSERT INTO t VALUES (2)').run());
    expect(count(db)).toBe(2);
    expect(count(other)).toBe(0);
    commitWrites(db);
    expect(count(other)).toBe(2);
    db.close();
  });

  it('keeps each transaction all-or-nothing inside the batch', () => {
    const { db, other, count } = setup();
    transaction(db, () => db.prepare('INSERT INTO t VALUES (1)').run());
    expect(() =>
      transaction(db, () => {
        db.prepare('INSERT INTO t VALUES (2)').run();
        // Nested calls join their outer unit and fall with it.
        transaction(db, () => db.prepare('INSERT INTO t VALUES (3)').run());
        throw new Error('disk says no');
      }),
    ).toThrow('disk says no');
    transaction(db, () => db.prepare('INSERT INTO t VALUES (4)').run());
    commitWrites(db);
    expect((other.prepare('SELECT v FROM t ORDER BY v').all() as Array<{ v: number }>).map((r) => r.v)).toEqual([1, 4]);
    expect(count(db)).toBe(2);
    db.close();
  });

  it('says so when a commit fails, and the next writes start a new batch', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'ym-batch-')), 'h.sqlite');
    const db = openDatabase(path);
    // A deferred foreign key is checked at COMMIT: a dependable way to make one fail.
    db.exec('CREATE TABLE p (id INTEGER PRIMARY KEY); CREATE TABLE c (p INTEGER REFERENCES p (id) DEFERRABLE INITIALLY DEFERRED)');
    const errors: string[] = [];
    batchWrites(db, 60_000, (err) => errors.push(err.message));
    transaction(db, () => db.prepare('INSERT INTO c VALUES (42)').run());
    commitWrites(db);
    expect(errors).toEqual([expect.stringContaining('FOREIGN KEY')]);
    expect(db.isTransaction).toBe(false);
    transaction(db, () => db.prepare('INSERT INTO p VALUES (1)').run());
    commitWrites(db);
    const other = new DatabaseSync(path, { readOnly: true });
    expect((other.prepare('SELECT count(*) AS n FROM p').get() as { n: number }).n).toBe(1);
    expect(errors).toHaveLength(1);
    db.close();
  });
});
