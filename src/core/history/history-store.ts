// Local history of what the collector saw. One interface; the SQLite implementation is below.
import type { ServerSnapshot, StatusTransition } from '../../shared/domain';
import { historyMigrations } from './migrations';
import { migrate, openDatabase, transaction, type Database } from './sqlite';

export interface HistoryStore {
  /** Records one probe result, and a transition if the status changed. One transaction. */
  recordSnapshot(snapshot: ServerSnapshot, transition: StatusTransition | null): void;
  latestSnapshots(): ServerSnapshot[];
  transitions(serverId: string, limit: number): StatusTransition[];
  forgetServer(serverId: string): void;
  close(): void;
}

/** `path` may be ':memory:' (unit tests). */
export function openHistoryStore(path: string): HistoryStore {
  const db = openDatabase(path);
  migrate(db, historyMigrations);
  return new SqliteHistoryStore(db);
}

class SqliteHistoryStore implements HistoryStore {
  private readonly insertSample;
  private readonly upsertLatest;
  private readonly insertTransition;

  constructor(private readonly db: Database) {
    this.insertSample = db.prepare(
      `INSERT OR REPLACE INTO probe_samples (server_id, ts, status, duration_ms, version, agent_count, error_kind)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    this.upsertLatest = db.prepare(
      `INSERT INTO server_latest (server_id, snapshot_json) VALUES (?, ?)
       ON CONFLICT (server_id) DO UPDATE SET snapshot_json = excluded.snapshot_json`,
    );
    this.insertTransition = db.prepare(
      `INSERT INTO status_transitions (server_id, ts, from_status, to_status, outage_ms, error_kind, error_message)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
  }

  recordSnapshot(s: ServerSnapshot, t: StatusTransition | null): void {
    transaction(this.db, () => {
      this.insertSample.run(s.serverId, s.checkedAt, s.status, s.durationMs, s.version, s.agents.length, s.error?.kind ?? null);
      this.upsertLatest.run(s.serverId, JSON.stringify(s));
      if (t) this.insertTransition.run(t.serverId, t.at, t.from, t.to, t.outageMs, t.errorKind, t.errorMessage);
    });
  }

  latestSnapshots(): ServerSnapshot[] {
    const rows = this.db.prepare('SELECT snapshot_json FROM server_latest').all() as Array<{ snapshot_json: string }>;
    const out: ServerSnapshot[] = [];
    for (const row of rows) {
      try {
        out.push(JSON.parse(row.snapshot_json) as ServerSnapshot);
      } catch {
        // A damaged row only costs that server's last-known state; the next probe rewrites it.
      }
    }
    return out;
  }

  transitions(serverId: string, limit: number): StatusTransition[] {
    const rows = this.db
      .prepare(
        `SELECT server_id, ts, from_status, to_status, outage_ms, error_kind, error_message
         FROM status_transitions WHERE server_id = ? ORDER BY ts DESC, id DESC LIMIT ?`,
      )
      .all(serverId, limit) as Array<Record<string, unknown>>;
    return rows.map((r) => ({
      serverId: r.server_id as string,
      at: r.ts as number,
      from: r.from_status as StatusTransition['from'],
      to: r.to_status as StatusTransition['to'],
      outageMs: (r.outage_ms as number | null) ?? null,
      errorKind: (r.error_kind as StatusTransition['errorKind']) ?? null,
      errorMessage: (r.error_message as string | null) ?? null,
    }));
  }

  forgetServer(serverId: string): void {
    transaction(this.db, () => {
      this.db.prepare('DELETE FROM server_latest WHERE server_id = ?').run(serverId);
    });
  }

  close(): void {
    this.db.close();
  }
}
