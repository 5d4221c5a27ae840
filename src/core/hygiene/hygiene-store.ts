// SQLite repository for hygiene (tables of migration 15). Every write of a run is the whole run record,
// so the audit log always holds a consistent state a restarted console can resume from.
import type { HygieneMarker, HygienePolicy, HygieneRun } from '../../shared/hygiene';
import type { Database } from '../history/sqlite';

export class HygieneStore {
  constructor(private readonly db: Database) {}

  policies(): Array<HygienePolicy & { lastCheckedAt: number }> {
    const rows = this.db.prepare('SELECT policy_json, last_checked_at FROM hygiene_policies ORDER BY created_at').all() as Array<{ policy_json: string; last_checked_at: number }>;
    return rows.map((r) => ({ ...(JSON.parse(r.policy_json) as HygienePolicy), lastCheckedAt: r.last_checked_at }));
  }

  savePolicy(p: HygienePolicy, lastCheckedAt: number): void {
    this.db
      .prepare(
        `INSERT INTO hygiene_policies (id, policy_json, created_at, last_checked_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET policy_json = excluded.policy_json, last_checked_at = excluded.last_checked_at`,
      )
      .run(p.id, JSON.stringify(p), p.createdAt, lastCheckedAt);
  }

  setLastChecked(id: string, at: number): void {
    this.db.prepare('UPDATE hygiene_policies SET last_checked_at = ? WHERE id = ?').run(at, id);
  }

  removePolicy(id: string): boolean {
    return Number(this.db.prepare('DELETE FROM hygiene_policies WHERE id = ?').run(id).changes) > 0;
  }

  saveRun(run: HygieneRun): void {
    this.db
      .prepare(
        `INSERT INTO hygiene_runs (id, policy_id, created_at, state, run_json) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET state = excluded.state, run_json = excluded.run_json`,
      )
      .run(run.id, run.policyId, run.createdAt, run.state, JSON.stringify(run));
  }

  run(id: string): HygieneRun | null {
    const r = this.db.prepare('SELECT run_json FROM hygiene_runs WHERE id = ?').get(id) as { run_json: string } | undefined;
    return r ? (JSON.parse(r.run_json) as HygieneRun) : null;
  }

  runs(limit: number): HygieneRun[] {
    const rows = this.db.prepare('SELECT run_json FROM hygiene_runs ORDER BY created_at DESC LIMIT ?').all(limit) as Array<{ run_json: string }>;
    return rows.map((r) => JSON.parse(r.run_json) as HygieneRun);
  }

  /** Runs that were not finished when the console last stopped. */
  unfinished(): HygieneRun[] {
    const rows = this.db
      .prepare("SELECT run_json FROM hygiene_runs WHERE state IN ('planning', 'running', 'awaiting-approval') ORDER BY created_at")
      .all() as Array<{ run_json: string }>;
    return rows.map((r) => JSON.parse(r.run_json) as HygieneRun);
  }

  addMarker(m: HygieneMarker): void {
    this.db
      .prepare('INSERT INTO hygiene_markers (server_id, agent_id, ts, run_id, rows_before, rows_after, outcome) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(m.serverId, m.agentId, m.t, m.runId, m.rowsBefore, m.rowsAfter, m.outcome);
  }

  markers(serverId: string, from: number, to: number): HygieneMarker[] {
    const rows = this.db
      .prepare('SELECT ts, run_id, server_id, agent_id, rows_before, rows_after, outcome FROM hygiene_markers WHERE server_id = ? AND ts BETWEEN ? AND ? ORDER BY ts LIMIT 1000')
      .all(serverId, from, to) as Array<{ ts: number; run_id: string; server_id: string; agent_id: string; rows_before: number | null; rows_after: number | null; outcome: string }>;
    return rows.map((r) => ({
      t: r.ts,
      runId: r.run_id,
      serverId: r.server_id,
      agentId: r.agent_id,
      rowsBefore: r.rows_before,
      rowsAfter: r.rows_after,
      outcome: r.outcome === 'failed' ? 'failed' : 'done',
    }));
  }

  /** Audit records and markers older than a year go (the same horizon as the 1-hour rollups). */
  prune(before: number): void {
    this.db.prepare('DELETE FROM hygiene_runs WHERE created_at < ? AND state NOT IN (\'running\', \'awaiting-approval\')').run(before);
    this.db.prepare('DELETE FROM hygiene_markers WHERE ts < ?').run(before);
  }
}
