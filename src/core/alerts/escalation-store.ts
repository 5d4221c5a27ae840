// The escalation ladder's position per alert, in the history database beside the alerts themselves.
import type { Database } from '../history/sqlite';
import type { EscalationState, EscalationStateStore } from './escalation';

export function sqliteEscalationStore(db: Database): EscalationStateStore {
  const upsert = db.prepare(
    `INSERT INTO alert_escalations (alert_id, level, last_at, repeats) VALUES (?, ?, ?, ?)
     ON CONFLICT (alert_id) DO UPDATE SET level = excluded.level, last_at = excluded.last_at, repeats = excluded.repeats`,
  );
  const remove = db.prepare('DELETE FROM alert_escalations WHERE alert_id = ?');
  return {
    load: () => {
      const rows = db.prepare('SELECT alert_id, level, last_at, repeats FROM alert_escalations').all() as Array<{ alert_id: string; level: number; last_at: number; repeats: number }>;
      return new Map(rows.map((r) => [r.alert_id, { level: r.level, lastAt: r.last_at, repeats: r.repeats } satisfies EscalationState]));
    },
    save: (id, st) => void upsert.run(id, st.level, st.lastAt, st.repeats),
    delete: (id) => void remove.run(id),
  };
}
