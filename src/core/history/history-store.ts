// Local history of what the collector saw. One interface; the SQLite implementation is below.
import type { SeriesPoint, ServerSnapshot, StatusTransition } from '../../shared/domain';
import { metricsOf, type Metric } from './metrics';
import { historyMigrations } from './migrations';
import { deleteInChunks, migrate, openDatabase, transaction, type Database } from './sqlite';

export interface HistoryStore {
  /** Records one probe result, and a transition if the status changed. One transaction. */
  recordSnapshot(snapshot: ServerSnapshot, transition: StatusTransition | null): void;
  latestSnapshots(): ServerSnapshot[];
  transitions(serverId: string, limit: number): StatusTransition[];
  forgetServer(serverId: string): void;
  /** Points for one metric; raw samples for short ranges, rollups (min/avg/max) for long ones. */
  series(serverId: string, metric: Metric, from: number, to: number): { resolutionMs: number; points: SeriesPoint[] };
  /** The database, for stores that live beside the history (alerts). */
  readonly db: Database;
  /** Deletes what retention allows, in chunks so the poller is never blocked for long. */
  prune(now: number): { deleted: number };
  close(): void;
}

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const RETENTION = {
  rawMs: 48 * HOUR,
  minuteMs: 30 * 24 * HOUR,
  hourMs: 365 * 24 * HOUR,
} as const;

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
  private readonly insertMetric;
  private readonly upsertRollup;

  constructor(readonly db: Database) {
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
    this.insertMetric = db.prepare('INSERT OR REPLACE INTO metric_samples (server_id, metric, ts, value) VALUES (?, ?, ?, ?)');
    // Rollups are maintained as samples arrive, so charts never scan raw rows and no batch job can lag.
    this.upsertRollup = db.prepare(
      `INSERT INTO metric_rollups (resolution_ms, server_id, metric, bucket, min, max, sum, count)
       VALUES (?, ?, ?, ?, ?, ?, ?, 1)
       ON CONFLICT (resolution_ms, server_id, metric, bucket) DO UPDATE SET
         min = min(min, excluded.min), max = max(max, excluded.max), sum = sum + excluded.sum, count = count + 1`,
    );
  }

  recordSnapshot(s: ServerSnapshot, t: StatusTransition | null): void {
    transaction(this.db, () => {
      this.insertSample.run(s.serverId, s.checkedAt, s.status, s.durationMs, s.version, s.agents.length, s.error?.kind ?? null);
      this.upsertLatest.run(s.serverId, JSON.stringify(s));
      if (t) this.insertTransition.run(t.serverId, t.at, t.from, t.to, t.outageMs, t.errorKind, t.errorMessage);
      for (const [metric, value] of metricsOf(s)) {
        if (!Number.isFinite(value)) continue;
        this.insertMetric.run(s.serverId, metric, s.checkedAt, value);
        for (const resolution of [MINUTE, HOUR]) {
          const bucket = s.checkedAt - (s.checkedAt % resolution);
          this.upsertRollup.run(resolution, s.serverId, metric, bucket, value, value, value);
        }
      }
    });
  }

  series(serverId: string, metric: Metric, from: number, to: number): { resolutionMs: number; points: SeriesPoint[] } {
    const span = to - from;
    if (span <= 6 * HOUR && from >= Date.now() - RETENTION.rawMs) {
      const rows = this.db
        .prepare('SELECT ts, value FROM metric_samples WHERE server_id = ? AND metric = ? AND ts BETWEEN ? AND ? ORDER BY ts')
        .all(serverId, metric, from, to) as Array<{ ts: number; value: number }>;
      return { resolutionMs: 0, points: rows.map((r) => ({ t: r.ts, min: r.value, avg: r.value, max: r.value, count: 1 })) };
    }
    const resolution = span <= 7 * 24 * HOUR ? MINUTE : HOUR;
    const rows = this.db
      .prepare(
        `SELECT bucket, min, max, sum, count FROM metric_rollups
         WHERE resolution_ms = ? AND server_id = ? AND metric = ? AND bucket BETWEEN ? AND ? ORDER BY bucket`,
      )
      .all(resolution, serverId, metric, from - (from % resolution), to) as Array<{ bucket: number; min: number; max: number; sum: number; count: number }>;
    return { resolutionMs: resolution, points: rows.map((r) => ({ t: r.bucket, min: r.min, avg: r.sum / r.count, max: r.max, count: r.count })) };
  }

  prune(now: number): { deleted: number } {
    let deleted = 0;
    const chunked = (sql: string, ...params: number[]) => {
      deleted += deleteInChunks(this.db, sql, ...params);
    };
    chunked(
      `DELETE FROM metric_samples WHERE (server_id, metric, ts) IN
       (SELECT server_id, metric, ts FROM metric_samples WHERE ts < ? LIMIT ?)`,
      now - RETENTION.rawMs,
    );
    chunked(
      `DELETE FROM probe_samples WHERE (server_id, ts) IN (SELECT server_id, ts FROM probe_samples WHERE ts < ? LIMIT ?)`,
      now - RETENTION.rawMs,
    );
    for (const [resolution, keep] of [
      [MINUTE, RETENTION.minuteMs],
      [HOUR, RETENTION.hourMs],
    ] as const) {
      chunked(
        `DELETE FROM metric_rollups WHERE (resolution_ms, server_id, metric, bucket) IN
         (SELECT resolution_ms, server_id, metric, bucket FROM metric_rollups WHERE resolution_ms = ? AND bucket < ? LIMIT ?)`,
        resolution,
        now - keep,
      );
    }
    // Status transitions are kept: they are the outage record.
    return { deleted };
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
