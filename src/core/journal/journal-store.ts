// The journal's table: sources append dated facts (kind, server, alert, facts of numbers and ids) and
// the incident report reads a window of them back in order. Appending never throws into its source: a
// refused or failed write is counted and the source goes on (a full disk must not stop a page).
import type { Database } from '../history/sqlite';
import { checkFacts, JOURNAL_KINDS, type JournalRecord } from './journal-facts';

/** A report window reads at most this many entries (a storm across a large fleet still fits). */
export const JOURNAL_READ_LIMIT = 5_000;

export class ConsoleJournal {
  private readonly insert;
  private readonly range;
  /** Writes refused by checkFacts or failed in SQLite since start (shown in tests; never fatal). */
  refused = 0;
  failed = 0;

  constructor(db: Database) {
    this.insert = db.prepare('INSERT INTO journal_entries (ts, kind, server_id, alert_id, facts_json) VALUES (?, ?, ?, ?, ?)');
    this.range = db.prepare('SELECT ts, kind, server_id, alert_id, facts_json FROM journal_entries WHERE ts BETWEEN ? AND ? ORDER BY ts, id LIMIT ?');
  }

  /** Records one fact; false when it was refused (not ids and numbers) or could not be written. */
  append(record: JournalRecord): boolean {
    const ids = { serverId: record.serverId, alertId: record.alertId ?? null };
    if (!JOURNAL_KINDS.includes(record.kind) || !Number.isFinite(record.at) || checkFacts(ids) !== null || checkFacts(record.facts as unknown as Record<string, unknown>) !== null) {
      this.refused++;
      return false;
    }
    try {
      this.insert.run(record.at, record.kind, ids.serverId, ids.alertId, JSON.stringify(record.facts));
      return true;
    } catch {
      // The database closed (shutdown) or the disk is full: the fact is lost, the source is not stopped.
      this.failed++;
      return false;
    }
  }

  /** Entries with from ≤ at ≤ to, oldest first. */
  between(from: number, to: number, limit = JOURNAL_READ_LIMIT): JournalRecord[] {
    const rows = this.range.all(from, to, limit) as Array<{ ts: number; kind: string; server_id: string | null; alert_id: string | null; facts_json: string }>;
    const out: JournalRecord[] = [];
    for (const r of rows) {
      try {
        out.push({ kind: r.kind, at: r.ts, serverId: r.server_id, alertId: r.alert_id, facts: JSON.parse(r.facts_json) } as JournalRecord);
      } catch {
        // A damaged row costs that one entry.
      }
    }
    return out;
  }
}
