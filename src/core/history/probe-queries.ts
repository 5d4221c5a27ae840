// Read-only queries behind the window's status strips and probe charts. Each is one SQL statement.
import type { ProbeMark, ProbeTimeline } from '../../shared/console-ui';
import type { ProbeErrorKind, ServerStatus } from '../../shared/domain';
import { HOUR, MINUTE, RETENTION } from './history-store';
import type { Database } from './sqlite';

/** The last `limit` probes of every server, oldest first, looking back at most `sinceMs`. */
export function recentProbes(db: Database, limit: number, since: number): Record<string, ProbeMark[]> {
  const rows = db
    .prepare(
      `SELECT server_id, ts, status, duration_ms, error_kind FROM (
         SELECT server_id, ts, status, duration_ms, error_kind,
                row_number() OVER (PARTITION BY server_id ORDER BY ts DESC) AS rn
         FROM probe_samples WHERE ts >= ?)
       WHERE rn <= ? ORDER BY server_id, ts`,
    )
    .all(since, limit) as Array<{ server_id: string; ts: number; status: string; duration_ms: number; error_kind: string | null }>;
  const out: Record<string, ProbeMark[]> = {};
  for (const r of rows) {
    (out[r.server_id] ??= []).push({ t: r.ts, status: r.status as ServerStatus, durationMs: r.duration_ms, errorKind: r.error_kind as ProbeErrorKind | null });
  }
  return out;
}

/**
 * Probe results of one server in about `buckets` equal buckets over [from, to]. Within the raw
 * retention every probe counts (failures apart from latency); further back the minute/hour rollups of
 * `up` and `probe_ms` are used, where a bucket with any failure has no latency (they cannot be told apart).
 */
export function probeTimeline(db: Database, serverId: string, from: number, to: number, buckets: number, now = Date.now()): ProbeTimeline {
  const span = Math.max(1, to - from);
  if (from >= now - RETENTION.rawMs) {
    const bucketMs = Math.max(1000, Math.ceil(span / buckets));
    const rows = db
      .prepare(
        `SELECT CAST((ts - ?) / ? AS INTEGER) AS b, count(*) AS probes,
                sum(status IN ('DOWN', 'PENDING', 'UNKNOWN')) AS failures,
                sum(status = 'MAINTENANCE') AS maintenance,
                avg(CASE WHEN status = 'UP' THEN duration_ms END) AS ok_avg,
                max(CASE WHEN status = 'UP' THEN duration_ms END) AS ok_max
         FROM probe_samples WHERE server_id = ? AND ts BETWEEN ? AND ? GROUP BY b ORDER BY b`,
      )
      .all(from, bucketMs, serverId, from, to) as Array<{ b: number; probes: number; failures: number; maintenance: number; ok_avg: number | null; ok_max: number | null }>;
    return {
      from,
      to,
      bucketMs,
      source: 'raw',
      buckets: rows.map((r) => ({ t: from + r.b * bucketMs, probes: r.probes, failures: r.failures, maintenance: r.maintenance, okAvgMs: r.ok_avg, okMaxMs: r.ok_max })),
    };
  }
  const resolution = span <= 7 * 24 * HOUR ? MINUTE : HOUR;
  const bucketMs = Math.max(resolution, Math.ceil(span / buckets / resolution) * resolution);
  const rows = db
    .prepare(
      `SELECT CAST((u.bucket - ?) / ? AS INTEGER) AS b, sum(u.count) AS probes, sum(u.count) - sum(u.sum) AS failures,
              sum(p.sum) / sum(p.count) AS avg_ms, max(p.max) AS max_ms
       FROM metric_rollups u LEFT JOIN metric_rollups p
         ON p.resolution_ms = u.resolution_ms AND p.server_id = u.server_id AND p.metric = 'probe_ms' AND p.bucket = u.bucket
       WHERE u.resolution_ms = ? AND u.server_id = ? AND u.metric = 'up' AND u.bucket BETWEEN ? AND ?
       GROUP BY b ORDER BY b`,
    )
    .all(from, bucketMs, resolution, serverId, from - (from % resolution), to) as Array<{ b: number; probes: number; failures: number; avg_ms: number | null; max_ms: number | null }>;
  return {
    from,
    to,
    bucketMs,
    source: 'rollup',
    buckets: rows.map((r) => {
      const failures = Math.round(r.failures);
      return { t: from + r.b * bucketMs, probes: r.probes, failures, maintenance: 0, okAvgMs: failures ? null : r.avg_ms, okMaxMs: failures ? null : r.max_ms };
    }),
  };
}
