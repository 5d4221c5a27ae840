// Local history of what the collector saw. One interface; the SQLite implementation is below.
// Retention is in db/retention.ts (every table's, in one place).
import type { SeriesPoint, ServerSnapshot, StatusTransition } from '../../shared/domain';
import { metricsOf, type Metric } from './metrics';
import { historyMigrations } from './migrations';
import { ephemeralPseudonyms } from '../privacy/pseudonyms';
import { registerPrivacyFunctions } from '../privacy/privacy-migrations';
import { commitWrites, migrate, openDatabase, transaction, type Database } from './sqlite';

export interface HistoryStore {
  /** Records one probe result, and a transition if the status changed. One transaction. */
  recordSnapshot(snapshot: ServerSnapshot, transition: StatusTransition | null): void;
  latestSnapshots(): ServerSnapshot[];
  transitions(serverId: string, limit: number): StatusTransition[];
  forgetServer(serverId: string): void;
  /** Points for one metric; raw samples for short ranges, rollups (min/avg/max) for long ones. */
  series(serverId: string, metric: Metric, from: number, to: number): { resolutionMs: number; points: SeriesPoint[] };
  /** Writes the latest snapshots held back (see recordSnapshot); at shutdown. */
  flushLatest(): void;
  /** The database, for stores that live beside the history (alerts). */
  readonly db: Database;
  close(): void;
}

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const RETENTION = {
  rawMs: 48 * HOUR,
  minuteMs: 30 * 24 * HOUR,
  hourMs: 365 * 24 * HOUR,
} as const;

/** `path` may be ':memory:' (unit tests). The console opens it through openConsoleDatabase (with the install's pseudonyms). */
export function openHistoryStore(path: string): HistoryStore {
  const db = openDatabase(path);
  registerPrivacyFunctions(db, ephemeralPseudonyms());
  migrate(db, historyMigrations);
  return new SqliteHistoryStore(db);
}

/** The history repository on an open, migrated database. */
export function historyStoreOn(db: Database): HistoryStore {
  return new SqliteHistoryStore(db);
}

/** A server's latest snapshot (read only at start-up) is rewritten at most this often unless it changed status or facts. */
const LATEST_EVERY_MS = 60_000;
/** A fact-derived metric (RSS, sessions…) repeats between RPC refreshes: an unchanged value is written this often. */
const UNCHANGED_METRIC_EVERY_MS = 10 * 60_000;
/** Written on every probe: the poll's own figures (uptime ratios and probe times average over them). */
const EVERY_PROBE: ReadonlySet<Metric> = new Set<Metric>(['up', 'probe_ms']);

class SqliteHistoryStore implements HistoryStore {
  /** Per server: when its latest snapshot was last written, the facts it held, and one held back since. */
  private readonly latest = new Map<string, { at: number; status: string; sessions: unknown; heldBack: ServerSnapshot | null }>();
  /** Per server: the fact-derived metrics last written, so an unchanged value is not written every poll. */
  private readonly written = new Map<string, Map<Metric, { value: number; at: number }>>();
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
      // The full snapshot is the largest write of a cycle; written again only when the status or the RPC
      // facts changed, or a minute passed (and at shutdown). Session rows carry real keys (client
      // identities): they live in memory only; the next probe reads them again.
      const last = this.latest.get(s.serverId);
      if (!last || t || last.status !== s.status || last.sessions !== s.sessions || s.checkedAt - last.at >= LATEST_EVERY_MS) {
        this.upsertLatest.run(s.serverId, JSON.stringify({ ...s, sessions: null }));
        this.latest.set(s.serverId, { at: s.checkedAt, status: s.status, sessions: s.sessions, heldBack: null });
      } else last.heldBack = s;
      if (t) this.insertTransition.run(t.serverId, t.at, t.from, t.to, t.outageMs, t.errorKind, t.errorMessage);
      let written = this.written.get(s.serverId);
      if (!written) this.written.set(s.serverId, (written = new Map()));
      for (const [metric, value] of metricsOf(s)) {
        if (!Number.isFinite(value)) continue;
        if (!EVERY_PROBE.has(metric)) {
          const last = written.get(metric);
          if (last && last.value === value && s.checkedAt - last.at < UNCHANGED_METRIC_EVERY_MS) continue;
          written.set(metric, { value, at: s.checkedAt });
        }
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

  flushLatest(): void {
    transaction(this.db, () => {
      for (const [serverId, last] of this.latest) {
        if (!last.heldBack) continue;
        this.upsertLatest.run(serverId, JSON.stringify({ ...last.heldBack, sessions: null }));
        this.latest.set(serverId, { ...last, at: last.heldBack.checkedAt, heldBack: null });
      }
    });
  }

  forgetServer(serverId: string): void {
    this.latest.delete(serverId);
    this.written.delete(serverId);
    transaction(this.db, () => {
      this.db.prepare('DELETE FROM server_latest WHERE server_id = ?').run(serverId);
    });
  }

  close(): void {
    this.flushLatest();
    commitWrites(this.db);
    this.db.close();
  }
}
