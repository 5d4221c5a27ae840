// What an incident report reads from the store: one SQL query per question, nothing re-probed.
// Series come from the minute rollups for short windows and the hour rollups for long ones, so a
// 30-day report reads ~720 rows per metric instead of a million raw samples.
import type { Alert, ProbeErrorKind, ServerStatus, Silence, StatusTransition } from '../../shared/domain';
import type { MetricSummary, ReportChartPoint } from '../../shared/incident-report';
import type { Database } from '../history/sqlite';
import { toAlert } from '../alerts/alert-store';

const MINUTE = 60_000;
const HOUR = 3_600_000;

export type ReportMetric = 'rss_bytes' | 'event_loop_p99_ms' | 'probe_ms' | 'max_context_fill' | 'up';

export interface ProbeCounts {
  ok: number;
  failed: number;
  errorKinds: Array<{ kind: ProbeErrorKind; count: number }>;
  statuses: ServerStatus[];
  /** Distinct versions seen, in order of first sighting. */
  versions: string[];
}

export interface ReportSource {
  transitions(serverIds: string[] | null, from: number, to: number): StatusTransition[];
  /** The last transition before `at` per server (what state each server was in when the window opened). */
  statusAt(serverId: string, at: number): ServerStatus | null;
  /** Alerts that were open at any time inside [from, to]. */
  alerts(from: number, to: number): Alert[];
  alertById(id: string): Alert | null;
  silences(from: number, to: number): Silence[];
  probes(serverId: string, from: number, to: number): ProbeCounts;
  /** Changes of the running version inside the range. */
  versionChanges(serverId: string, from: number, to: number): Array<{ at: number; from: string; to: string }>;
  summary(serverId: string, metric: ReportMetric, from: number, to: number): MetricSummary | null;
  series(serverId: string, metric: ReportMetric, from: number, to: number): { resolutionMs: number; points: ReportChartPoint[] };
  /** Sessions whose fill or compaction state was recorded inside the range. */
  sessionsTouched(serverId: string, from: number, to: number): number;
}

/** Minute rollups up to two days, hour rollups beyond: a chart never has more than ~2,880 points. */
export const resolutionFor = (from: number, to: number): number => (to - from <= 48 * HOUR ? MINUTE : HOUR);

type Row = Record<string, unknown>;

// Summaries carry server names; reports write their own sentences from the rule and ids.
const alertRow = (r: Row): Alert => ({ ...toAlert(r), summary: '' });

export function sqliteReportSource(db: Database): ReportSource {
  const transitionRow = (r: Row): StatusTransition => ({
    serverId: r.server_id as string,
    at: r.ts as number,
    from: r.from_status as ServerStatus,
    to: r.to_status as ServerStatus,
    outageMs: (r.outage_ms as number | null) ?? null,
    errorKind: (r.error_kind as ProbeErrorKind | null) ?? null,
    // Reports never carry probe error texts: the kind says what broke.
    errorMessage: null,
  });
  return {
    transitions(serverIds, from, to) {
      const rows = db
        .prepare('SELECT server_id, ts, from_status, to_status, outage_ms, error_kind FROM status_transitions WHERE ts BETWEEN ? AND ? ORDER BY ts, id')
        .all(from, to) as Row[];
      const wanted = serverIds ? new Set(serverIds) : null;
      return rows.map(transitionRow).filter((t) => !wanted || wanted.has(t.serverId));
    },
    statusAt(serverId, at) {
      const row = db
        .prepare('SELECT to_status FROM status_transitions WHERE server_id = ? AND ts < ? ORDER BY ts DESC, id DESC LIMIT 1')
        .get(serverId, at) as Row | undefined;
      return (row?.to_status as ServerStatus | undefined) ?? null;
    },
    alerts(from, to) {
      const rows = db
        .prepare('SELECT * FROM alerts WHERE started_at <= ? AND (resolved_at IS NULL OR resolved_at >= ?) ORDER BY started_at')
        .all(to, from) as Row[];
      return rows.map(alertRow);
    },
    alertById(id) {
      const row = db.prepare('SELECT * FROM alerts WHERE id = ?').get(id) as Row | undefined;
      return row ? alertRow(row) : null;
    },
    silences(from, to) {
      const rows = db.prepare('SELECT * FROM silences WHERE starts_at <= ? AND ends_at >= ? ORDER BY starts_at').all(to, from) as Row[];
      return rows.map((r) => {
        let matchers: Silence['matchers'];
        try {
          matchers = JSON.parse(r.matchers_json as string) as Silence['matchers'];
        } catch {
          matchers = {};
        }
        return { id: r.id as string, matchers, startsAt: r.starts_at as number, endsAt: r.ends_at as number, author: r.author as string, comment: '' };
      });
    },
    probes(serverId, from, to) {
      // Aggregated in SQL: a day of 15 s probes is 5,760 rows per server, never copied into JS.
      const byKind = db
        .prepare('SELECT error_kind, count(*) AS n FROM probe_samples WHERE server_id = ? AND ts BETWEEN ? AND ? GROUP BY error_kind')
        .all(serverId, from, to) as Array<{ error_kind: ProbeErrorKind | null; n: number }>;
      const statuses = db
        .prepare('SELECT DISTINCT status FROM probe_samples WHERE server_id = ? AND ts BETWEEN ? AND ?')
        .all(serverId, from, to) as Array<{ status: ServerStatus }>;
      const versions = db
        .prepare('SELECT version FROM probe_samples WHERE server_id = ? AND ts BETWEEN ? AND ? AND version IS NOT NULL GROUP BY version ORDER BY min(ts)')
        .all(serverId, from, to) as Array<{ version: string }>;
      const ok = byKind.find((k) => k.error_kind === null)?.n ?? 0;
      return {
        ok,
        failed: byKind.reduce((n, k) => n + (k.error_kind === null ? 0 : k.n), 0),
        errorKinds: byKind
          .filter((k): k is { error_kind: ProbeErrorKind; n: number } => k.error_kind !== null)
          .map((k) => ({ kind: k.error_kind, count: k.n }))
          .sort((a, b) => b.count - a.count),
        statuses: statuses.map((r) => r.status),
        versions: versions.map((r) => r.version),
      };
    },
    versionChanges(serverId, from, to) {
      const rows = db
        .prepare(
          `SELECT ts, prev, version FROM (
             SELECT ts, version, lag(version) OVER (ORDER BY ts) AS prev FROM probe_samples
             WHERE server_id = ? AND ts BETWEEN ? AND ? AND version IS NOT NULL)
           WHERE prev IS NOT NULL AND prev <> version`,
        )
        .all(serverId, from, to) as Array<{ ts: number; prev: string; version: string }>;
      return rows.map((r) => ({ at: r.ts, from: r.prev, to: r.version }));
    },
    summary(serverId, metric, from, to) {
      const row = db
        .prepare(
          `SELECT min(min) AS min, max(max) AS max, sum(sum) AS sum, sum(count) AS count FROM metric_rollups
           WHERE resolution_ms = ? AND server_id = ? AND metric = ? AND bucket BETWEEN ? AND ?`,
        )
        .get(resolutionFor(from, to), serverId, metric, from - (from % resolutionFor(from, to)), to) as Row | undefined;
      const count = (row?.count as number | null) ?? 0;
      if (!row || !count) return null;
      return { min: row.min as number, max: row.max as number, avg: (row.sum as number) / count, count };
    },
    series(serverId, metric, from, to) {
      const resolution = resolutionFor(from, to);
      const rows = db
        .prepare(
          `SELECT bucket, min, max, sum, count FROM metric_rollups
           WHERE resolution_ms = ? AND server_id = ? AND metric = ? AND bucket BETWEEN ? AND ? ORDER BY bucket`,
        )
        .all(resolution, serverId, metric, from - (from % resolution), to) as Array<{ bucket: number; min: number; max: number; sum: number; count: number }>;
      return { resolutionMs: resolution, points: rows.map((r) => ({ t: r.bucket, min: r.min, avg: r.sum / r.count, max: r.max })) };
    },
    sessionsTouched(serverId, from, to) {
      const row = db
        .prepare(
          // A range on dimension (not LIKE, which SQLite cannot seek with) keeps this on the primary key
          // (resolution, server, dimension…): with LIKE it walked every server's buckets, a third of the
          // console's CPU when a 1,000-server storm resolved (bench:scale).
          `SELECT count(DISTINCT dimension) AS n FROM health_rollups
           WHERE resolution_ms = ? AND server_id = ? AND dimension >= 'session:' AND dimension < 'session;' AND bucket BETWEEN ? AND ?`,
        )
        .get(resolutionFor(from, to), serverId, from - (from % resolutionFor(from, to)), to) as Row | undefined;
      return (row?.n as number | null) ?? 0;
    },
  };
}
