// The fleet fill heat-map from the session-health rollups: the worst (max) fill per agent per bucket,
// 1-hour buckets (10-minute ones for ranges up to 6 h).
import type { FillHeatmap } from '../../shared/session-health';
import { HOUR, MINUTE } from './history-store';
import type { Database } from './sqlite';

export function fillHeatmap(db: Database, from: number, to: number): FillHeatmap {
  const resolution = to - from <= 6 * HOUR ? MINUTE * 10 : HOUR;
  const source = resolution === HOUR ? HOUR : MINUTE;
  const rows = db
    .prepare(
      `SELECT server_id, dimension, bucket, max FROM health_rollups
       WHERE resolution_ms = ? AND metric = 'max_fill' AND bucket BETWEEN ? AND ?`,
    )
    .all(source, from - (from % resolution), to) as Array<{ server_id: string; dimension: string; bucket: number; max: number }>;
  const start = from - (from % resolution);
  const buckets: number[] = [];
  for (let b = start; b <= to; b += resolution) buckets.push(b);
  const byKey = new Map<string, { serverId: string; agentId: string; cells: Array<number | null> }>();
  for (const r of rows) {
    if (!r.dimension.startsWith('agent:')) continue;
    const key = `${r.server_id}\u0000${r.dimension}`;
    let row = byKey.get(key);
    if (!row) byKey.set(key, (row = { serverId: r.server_id, agentId: r.dimension.slice('agent:'.length), cells: buckets.map(() => null) }));
    const i = Math.floor((r.bucket - start) / resolution);
    if (i >= 0 && i < buckets.length) row.cells[i] = Math.max(row.cells[i] ?? 0, r.max);
  }
  return { resolutionMs: resolution, buckets, rows: [...byKey.values()].sort((a, b) => (a.serverId + a.agentId).localeCompare(b.serverId + b.agentId)) };
}
