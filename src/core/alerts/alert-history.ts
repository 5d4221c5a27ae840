// Alert history by time range, straight from the alerts table (kept; the incident record).
import type { Alert } from '../../shared/domain';
import type { Database } from '../history/sqlite';

type Row = Record<string, unknown>;

/** Alerts active at any moment of [from, to], newest first. */
export function alertsInRange(db: Database, from: number, to: number, serverId: string | null, limit: number): Alert[] {
  const rows = db
    .prepare(
      `SELECT * FROM alerts
       WHERE started_at <= ? AND (resolved_at IS NULL OR resolved_at >= ?) AND (? IS NULL OR server_id = ?)
       ORDER BY started_at DESC LIMIT ?`,
    )
    .all(to, from, serverId, serverId, limit) as Row[];
  return rows.map((r) => ({
    id: r.id as string,
    rule: r.rule as string,
    severity: r.severity as Alert['severity'],
    serverId: r.server_id as string,
    agentId: (r.agent_id as string | null) ?? null,
    summary: r.summary as string,
    startedAt: r.started_at as number,
    resolvedAt: (r.resolved_at as number | null) ?? null,
    inhibited: r.inhibited === 1,
    silencedBy: null,
    ackedAt: (r.acked_at as number | null) ?? null,
    ackedBy: (r.acked_by as string | null) ?? null,
  }));
}
