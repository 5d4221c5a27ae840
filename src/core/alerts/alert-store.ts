// Alerts in the history database, so the alert centre and acknowledgements survive restarts.
import type { Alert } from '../../shared/domain';
import type { Database } from '../history/sqlite';

export interface AlertStore {
  upsert(alert: Alert): void;
  active(): Alert[];
  recent(limit: number): Alert[];
}

type Row = Record<string, unknown>;
/** One alerts-table row as an Alert (also read by the alert history and incident reports). */
export const toAlert = (r: Row): Alert => ({
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
});

export function sqliteAlertStore(db: Database): AlertStore {
  const upsert = db.prepare(
    `INSERT INTO alerts (id, rule, severity, server_id, agent_id, summary, started_at, resolved_at, inhibited, acked_at, acked_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET summary = excluded.summary, resolved_at = excluded.resolved_at,
       inhibited = excluded.inhibited, acked_at = excluded.acked_at, acked_by = excluded.acked_by`,
  );
  return {
    upsert: (a) =>
      void upsert.run(a.id, a.rule, a.severity, a.serverId, a.agentId, a.summary, a.startedAt, a.resolvedAt, a.inhibited ? 1 : 0, a.ackedAt, a.ackedBy),
    active: () => (db.prepare('SELECT * FROM alerts WHERE resolved_at IS NULL ORDER BY started_at').all() as Row[]).map(toAlert),
    recent: (limit) => (db.prepare('SELECT * FROM alerts ORDER BY coalesce(resolved_at, started_at) DESC LIMIT ?').all(limit) as Row[]).map(toAlert),
  };
}
