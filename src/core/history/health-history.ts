// Session-health history beside the server history (same database, migration 5): series per
// dimension ("session:<key>", "agent:<id>") with the same raw + 1-minute + 1-hour rollups and
// retention as metric_samples, the current state of the watched sessions and agents, and compaction
// markers. Only numbers, identifiers and short enums are stored.
import type { SeriesPoint } from '../../shared/domain';
import type { CompactionMarker, FillHeatmap, HealthSeries } from '../../shared/session-health';
import { HOUR, MINUTE, RETENTION } from './history-store';
import type { StatementSync } from 'node:sqlite';
import { transaction, type Database } from './sqlite';
import { fillHeatmap } from './health-heatmap';

export interface HealthSample {
  dimension: string;
  metric: string;
  value: number;
}

export interface SessionLatest {
  serverId: string;
  sessionKey: string;
  agentId: string | null;
  ts: number;
  fill: number | null;
  promptTokens: number | null;
  budgetTokens: number | null;
  shouldCompact: boolean;
  compactPolls: number;
  compactionCount: number | null;
  route: string | null;
  status: string | null;
  activeRunSince: number | null;
  abortedLastRun: boolean;
}

export interface AgentLatest {
  serverId: string;
  agentId: string;
  ts: number;
  rows: number | null;
  zeroTokenRows: number | null;
  storeBytes: number | null;
  maxFill: number | null;
  metaReadAt: number | null;
  metaError: string | null;
}


/** Resolution for a range: raw samples up to 6 h inside raw retention, 1-minute rollups up to 7 d, else 1-hour. */
export function resolutionFor(from: number, to: number, now: number): number {
  const span = to - from;
  if (span <= 6 * HOUR && from >= now - RETENTION.rawMs) return 0;
  return span <= 7 * 24 * HOUR ? MINUTE : HOUR;
}

type Row = Record<string, unknown>;
const n = (v: unknown): number | null => (typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : null);
const s = (v: unknown): string | null => (typeof v === 'string' ? v : null);

export class HealthHistory {
  private readonly insertSample;
  private readonly upsertRollup;
  private readonly upsertSessionStmt;
  private readonly upsertAgentStmt;

  // Statements compiled once: the session rules read these for every snapshot of every server.
  private readonly statements = new Map<string, StatementSync>();
  private q(sql: string): StatementSync {
    let st = this.statements.get(sql);
    if (!st) this.statements.set(sql, (st = this.db.prepare(sql)));
    return st;
  }

  constructor(readonly db: Database) {
    this.insertSample = db.prepare('INSERT OR REPLACE INTO health_samples (server_id, dimension, metric, ts, value) VALUES (?, ?, ?, ?, ?)');
    // Maintained as samples arrive (as metric_rollups are), so a 30-day chart reads at most 720 rows.
    this.upsertRollup = db.prepare(
      `INSERT INTO health_rollups (resolution_ms, server_id, dimension, metric, bucket, min, max, sum, count)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1)
       ON CONFLICT (resolution_ms, server_id, dimension, metric, bucket) DO UPDATE SET
         min = min(min, excluded.min), max = max(max, excluded.max), sum = sum + excluded.sum, count = count + 1`,
    );
    this.upsertSessionStmt = db.prepare(
      `INSERT OR REPLACE INTO session_latest (server_id, session_key, agent_id, ts, fill, prompt_tokens, budget_tokens, should_compact,
         compact_polls, compaction_count, route, status, active_run_since, aborted_last_run)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.upsertAgentStmt = db.prepare(
      `INSERT OR REPLACE INTO agent_latest (server_id, agent_id, ts, rows, zero_token_rows, store_bytes, max_fill, meta_read_at, meta_error)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
  }

  /** Runs work in one transaction (joins an outer one). */
  atomically<T>(work: () => T): T {
    return transaction(this.db, work);
  }

  addSamples(serverId: string, ts: number, samples: readonly HealthSample[]): void {
    for (const x of samples) {
      if (!Number.isFinite(x.value)) continue;
      this.insertSample.run(serverId, x.dimension, x.metric, ts, x.value);
      for (const resolution of [MINUTE, HOUR]) {
        this.upsertRollup.run(resolution, serverId, x.dimension, x.metric, ts - (ts % resolution), x.value, x.value, x.value);
      }
    }
  }

  upsertSession(r: SessionLatest): void {
    this.upsertSessionStmt.run(
      r.serverId, r.sessionKey, r.agentId, r.ts, r.fill, r.promptTokens, r.budgetTokens, r.shouldCompact ? 1 : 0,
      r.compactPolls, r.compactionCount, r.route, r.status, r.activeRunSince, r.abortedLastRun ? 1 : 0,
    );
  }

  /** Sessions no longer watched (gone, or out of the top N) leave the latest table; their series stay. */
  dropSessionsNotSeenAt(serverId: string, ts: number): void {
    this.q('DELETE FROM session_latest WHERE server_id = ? AND ts <> ?').run(serverId, ts);
  }

  upsertAgent(r: AgentLatest): void {
    this.upsertAgentStmt.run(r.serverId, r.agentId, r.ts, r.rows, r.zeroTokenRows, r.storeBytes, r.maxFill, r.metaReadAt, r.metaError);
  }

  sessions(serverId: string | null, limit = 1000): SessionLatest[] {
    const rows = (
      serverId === null
        ? this.q('SELECT * FROM session_latest ORDER BY fill IS NULL, fill DESC LIMIT ?').all(limit)
        : this.q('SELECT * FROM session_latest WHERE server_id = ? ORDER BY fill IS NULL, fill DESC LIMIT ?').all(serverId, limit)
    ) as Row[];
    return rows.map((r) => ({
      serverId: r.server_id as string,
      sessionKey: r.session_key as string,
      agentId: s(r.agent_id),
      ts: n(r.ts)!,
      fill: n(r.fill),
      promptTokens: n(r.prompt_tokens),
      budgetTokens: n(r.budget_tokens),
      shouldCompact: r.should_compact === 1,
      compactPolls: n(r.compact_polls) ?? 0,
      compactionCount: n(r.compaction_count),
      route: s(r.route),
      status: s(r.status),
      activeRunSince: n(r.active_run_since),
      abortedLastRun: r.aborted_last_run === 1,
    }));
  }

  agents(serverId: string | null): AgentLatest[] {
    const rows = (
      serverId === null
        ? this.q('SELECT * FROM agent_latest ORDER BY server_id, agent_id').all()
        : this.q('SELECT * FROM agent_latest WHERE server_id = ? ORDER BY agent_id').all(serverId)
    ) as Row[];
    return rows.map((r) => ({
      serverId: r.server_id as string,
      agentId: r.agent_id as string,
      ts: n(r.ts)!,
      rows: n(r.rows),
      zeroTokenRows: n(r.zero_token_rows),
      storeBytes: n(r.store_bytes),
      maxFill: n(r.max_fill),
      metaReadAt: n(r.meta_read_at),
      metaError: s(r.meta_error),
    }));
  }

  addCompaction(serverId: string, m: CompactionMarker): void {
    this.q('INSERT INTO session_compactions (server_id, session_key, ts, count, fill_before, fill_after) VALUES (?, ?, ?, ?, ?, ?)')
      .run(serverId, m.sessionKey, m.t, m.count, m.fillBefore, m.fillAfter);
  }

  /**
   * The store says the count rose to `count`: if a fill drop was already marked (count unknown) since
   * `since`, that marker gets the count; otherwise a new marker is added at `ts`.
   */
  confirmCompaction(serverId: string, sessionKey: string, count: number, since: number, ts: number): void {
    const open = this.q('SELECT id FROM session_compactions WHERE server_id = ? AND session_key = ? AND count IS NULL AND ts >= ? ORDER BY ts DESC LIMIT 1')
      .get(serverId, sessionKey, since) as { id: number } | undefined;
    if (open) this.q('UPDATE session_compactions SET count = ? WHERE id = ?').run(count, open.id);
    else this.addCompaction(serverId, { t: ts, sessionKey, count, fillBefore: null, fillAfter: null });
  }

  /** Fill-drop markers not yet confirmed by a store read, oldest first. */
  openCompactions(serverId: string, sessionKey: string | null, since: number): Array<{ id: number; t: number }> {
    const rows = (
      sessionKey === null
        ? this.q('SELECT id, ts FROM session_compactions WHERE server_id = ? AND count IS NULL AND ts >= ? ORDER BY ts').all(serverId, since)
        : this.q('SELECT id, ts FROM session_compactions WHERE server_id = ? AND session_key = ? AND count IS NULL AND ts >= ? ORDER BY ts')
            .all(serverId, sessionKey, since)
    ) as Array<{ id: number; ts: number }>;
    return rows.map((r) => ({ id: r.id, t: r.ts }));
  }

  /**
   * A fill drop just after a count rise the store already showed (marked at read time, no fill yet):
   * the same compaction, so that marker moves to the drop. False when there is none to move.
   */
  moveCountMarkerToDrop(serverId: string, sessionKey: string, since: number, m: { t: number; fillBefore: number | null; fillAfter: number | null }): boolean {
    const row = this.q(
        `SELECT id FROM session_compactions WHERE server_id = ? AND session_key = ? AND count IS NOT NULL AND fill_after IS NULL AND ts >= ?
         ORDER BY ts DESC LIMIT 1`,
      )
      .get(serverId, sessionKey, since) as { id: number } | undefined;
    if (!row) return false;
    this.q('UPDATE session_compactions SET ts = ?, fill_before = ?, fill_after = ? WHERE id = ?').run(m.t, m.fillBefore, m.fillAfter, row.id);
    return true;
  }

  setCompactionCount(id: number, count: number): void {
    this.q('UPDATE session_compactions SET count = ? WHERE id = ?').run(count, id);
  }

  deleteCompaction(id: number): void {
    this.q('DELETE FROM session_compactions WHERE id = ?').run(id);
  }

  compactions(serverId: string, sessionKey: string | null, from: number, to: number): CompactionMarker[] {
    const rows = (
      sessionKey === null
        ? this.q('SELECT * FROM session_compactions WHERE server_id = ? AND ts BETWEEN ? AND ? ORDER BY ts LIMIT 2000').all(serverId, from, to)
        : this.q('SELECT * FROM session_compactions WHERE server_id = ? AND session_key = ? AND ts BETWEEN ? AND ? ORDER BY ts LIMIT 2000')
            .all(serverId, sessionKey, from, to)
    ) as Row[];
    return rows.map((r) => ({ t: n(r.ts)!, sessionKey: r.session_key as string, count: n(r.count), fillBefore: n(r.fill_before), fillAfter: n(r.fill_after) }));
  }

  /** Raw samples of one series since `from` (for trend fits). */
  raw(serverId: string, dimension: string, metric: string, from: number): Array<{ t: number; v: number }> {
    return (
      this.q('SELECT ts, value FROM health_samples WHERE server_id = ? AND dimension = ? AND metric = ? AND ts >= ? ORDER BY ts')
        .all(serverId, dimension, metric, from) as Array<{ ts: number; value: number }>
    ).map((r) => ({ t: r.ts, v: r.value }));
  }

  series(serverId: string, dimension: string, metric: string, from: number, to: number, now = Date.now()): HealthSeries {
    const resolution = resolutionFor(from, to, now);
    if (resolution === 0) {
      const rows = this.q('SELECT ts, value FROM health_samples WHERE server_id = ? AND dimension = ? AND metric = ? AND ts BETWEEN ? AND ? ORDER BY ts')
        .all(serverId, dimension, metric, from, to) as Array<{ ts: number; value: number }>;
      return { resolutionMs: 0, points: rows.map((r) => ({ t: r.ts, min: r.value, avg: r.value, max: r.value, count: 1 })) };
    }
    const rows = this.q(
        `SELECT bucket, min, max, sum, count FROM health_rollups
         WHERE resolution_ms = ? AND server_id = ? AND dimension = ? AND metric = ? AND bucket BETWEEN ? AND ? ORDER BY bucket`,
      )
      .all(resolution, serverId, dimension, metric, from - (from % resolution), to) as Array<{ bucket: number; min: number; max: number; sum: number; count: number }>;
    return { resolutionMs: resolution, points: rows.map(toPoint) };
  }

  /** Every series of one server whose dimension starts with `prefix` ("agent:"), one query. */
  seriesByPrefix(serverId: string, prefix: string, metric: string, from: number, to: number, now = Date.now()): { resolutionMs: number; byDimension: Map<string, SeriesPoint[]> } {
    const resolution = resolutionFor(from, to, now);
    // A range on the primary key (server, dimension) instead of LIKE, which SQLite would not index here.
    const hi = prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
    const byDimension = new Map<string, SeriesPoint[]>();
    const push = (d: string, p: SeriesPoint) => {
      let list = byDimension.get(d);
      if (!list) byDimension.set(d, (list = []));
      list.push(p);
    };
    if (resolution === 0) {
      const rows = this.q(
          `SELECT dimension, ts, value FROM health_samples WHERE server_id = ? AND dimension >= ? AND dimension < ? AND metric = ? AND ts BETWEEN ? AND ?
           ORDER BY dimension, ts`,
        )
        .all(serverId, prefix, hi, metric, from, to) as Array<{ dimension: string; ts: number; value: number }>;
      for (const r of rows) push(r.dimension, { t: r.ts, min: r.value, avg: r.value, max: r.value, count: 1 });
    } else {
      const rows = this.q(
          `SELECT dimension, bucket, min, max, sum, count FROM health_rollups
           WHERE resolution_ms = ? AND server_id = ? AND dimension >= ? AND dimension < ? AND metric = ? AND bucket BETWEEN ? AND ?
           ORDER BY dimension, bucket`,
        )
        .all(resolution, serverId, prefix, hi, metric, from - (from % resolution), to) as Array<{ dimension: string; bucket: number; min: number; max: number; sum: number; count: number }>;
      for (const r of rows) push(r.dimension, toPoint(r));
    }
    return { resolutionMs: resolution, byDimension };
  }

  /** Fleet heat-map: the worst (max) fill per agent per bucket (see health-heatmap.ts). */
  heatmap(from: number, to: number): FillHeatmap {
    return fillHeatmap(this.db, from, to);
  }

  /** A removed server leaves the live tables (its series age out like any other). */
  forgetServer(serverId: string): void {
    transaction(this.db, () => {
      this.q('DELETE FROM session_latest WHERE server_id = ?').run(serverId);
      this.q('DELETE FROM agent_latest WHERE server_id = ?').run(serverId);
    });
  }
}

function toPoint(r: { bucket: number; min: number; max: number; sum: number; count: number }): SeriesPoint {
  return { t: r.bucket, min: r.min, avg: r.sum / r.count, max: r.max, count: r.count };
}
