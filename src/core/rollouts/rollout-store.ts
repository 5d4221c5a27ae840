// SQLite persistence of rollouts. Every write is its own committed statement, so a step's start is on
// disk before its command runs and its end before the next step begins (a kill -9 loses nothing done).
import type { Database } from '../history/sqlite';
import { transaction } from '../history/sqlite';
import type { ConsoleJournal } from '../journal/journal-store';
import type {
  RolloutAudit,
  RolloutPlan,
  RolloutServer,
  RolloutState,
  RolloutStep,
  RolloutSummary,
  ServerRunState,
  ServiceManager,
  StepName,
  StepOutcome,
} from '../../shared/rollout';

export interface StoredRollout extends RolloutSummary {
  plan: RolloutPlan;
  resumeTo: 'running' | 'baking' | null;
}

export interface StoredServer extends RolloutServer {
  attempt: number;
  backupSha256: string | null;
  backupBytes: number | null;
}

type Row = Record<string, unknown>;
const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));
const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));

export class RolloutStore {
  constructor(
    private readonly db: Database,
    /** Each finished step is journaled for incident reports (ids, step, outcome, numbers). */
    private readonly journal?: ConsoleJournal,
  ) {}

  create(r: { id: string; plan: RolloutPlan; createdAt: number; createdBy: string }): void {
    transaction(this.db, () => {
      this.db
        .prepare('INSERT INTO rollouts (id, target_version, plan_json, state, current_wave, created_at, created_by, updated_at) VALUES (?, ?, ?, ?, 0, ?, ?, ?)')
        .run(r.id, r.plan.options.targetVersion, JSON.stringify(r.plan), 'running', r.createdAt, r.createdBy, r.createdAt);
      const ins = this.db.prepare('INSERT INTO rollout_servers (rollout_id, server_id, name, wave, position, state, from_version) VALUES (?, ?, ?, ?, ?, ?, ?)');
      r.plan.servers.forEach((s, i) => ins.run(r.id, s.serverId, s.name, s.wave, i, 'pending', s.fromVersion));
    });
  }

  private toRollout(row: Row): StoredRollout {
    const plan = JSON.parse(String(row.plan_json)) as RolloutPlan;
    return {
      id: String(row.id),
      targetVersion: String(row.target_version),
      state: row.state as RolloutState,
      reason: str(row.reason),
      resumeTo: (row.resume_to as StoredRollout['resumeTo']) ?? null,
      createdAt: Number(row.created_at),
      createdBy: String(row.created_by),
      finishedAt: num(row.finished_at),
      currentWave: Number(row.current_wave),
      bakeUntil: num(row.bake_until),
      serverCount: plan.servers.length,
      plan,
    };
  }

  get(id: string): StoredRollout | null {
    const row = this.db.prepare('SELECT * FROM rollouts WHERE id = ?').get(id) as Row | undefined;
    return row ? this.toRollout(row) : null;
  }

  list(limit = 50): StoredRollout[] {
    return (this.db.prepare('SELECT * FROM rollouts ORDER BY created_at DESC LIMIT ?').all(limit) as Row[]).map((r) => this.toRollout(r));
  }

  /** Rollouts that are not aborted or completed. */
  unfinished(): StoredRollout[] {
    return (this.db.prepare("SELECT * FROM rollouts WHERE state NOT IN ('aborted','completed') ORDER BY created_at").all() as Row[]).map((r) => this.toRollout(r));
  }

  patchRollout(id: string, p: Partial<Pick<StoredRollout, 'state' | 'reason' | 'resumeTo' | 'currentWave' | 'bakeUntil' | 'finishedAt'>>, now: number): void {
    const cols: Record<string, string> = { state: 'state', reason: 'reason', resumeTo: 'resume_to', currentWave: 'current_wave', bakeUntil: 'bake_until', finishedAt: 'finished_at' };
    const keys = Object.keys(p).filter((k) => k in cols) as Array<keyof typeof p>;
    if (!keys.length) return;
    const sql = `UPDATE rollouts SET ${keys.map((k) => `${cols[k]} = ?`).join(', ')}, updated_at = ? WHERE id = ?`;
    this.db.prepare(sql).run(...keys.map((k) => (p[k] ?? null) as string | number | null), now, id);
  }

  private toServer(row: Row): StoredServer {
    return {
      serverId: String(row.server_id),
      name: String(row.name),
      wave: Number(row.wave),
      position: Number(row.position),
      state: row.state as ServerRunState,
      attempt: Number(row.attempt),
      fromVersion: str(row.from_version),
      bootIdBefore: str(row.boot_id_before),
      backupPath: str(row.backup_path),
      backupSha256: str(row.backup_sha256),
      backupBytes: num(row.backup_bytes),
      stateMigrated: row.state_migrated === null ? null : Number(row.state_migrated) === 1,
      failure: str(row.failure),
      startedAt: num(row.started_at),
      finishedAt: num(row.finished_at),
      probed: row.probed_json ? (JSON.parse(String(row.probed_json)) as RolloutServer['probed']) : null,
    };
  }

  servers(rolloutId: string): StoredServer[] {
    return (this.db.prepare('SELECT * FROM rollout_servers WHERE rollout_id = ? ORDER BY position').all(rolloutId) as Row[]).map((r) => this.toServer(r));
  }

  patchServer(
    rolloutId: string,
    serverId: string,
    p: Partial<Pick<StoredServer, 'state' | 'attempt' | 'bootIdBefore' | 'backupPath' | 'backupSha256' | 'backupBytes' | 'stateMigrated' | 'failure' | 'startedAt' | 'finishedAt' | 'probed' | 'fromVersion'>>,
  ): void {
    const cols: Record<string, string> = {
      state: 'state', attempt: 'attempt', bootIdBefore: 'boot_id_before', backupPath: 'backup_path', backupSha256: 'backup_sha256', backupBytes: 'backup_bytes',
      stateMigrated: 'state_migrated', failure: 'failure', startedAt: 'started_at', finishedAt: 'finished_at', probed: 'probed_json', fromVersion: 'from_version',
    };
    const keys = Object.keys(p).filter((k) => k in cols) as Array<keyof typeof p>;
    if (!keys.length) return;
    const value = (k: keyof typeof p): string | number | null => {
      const v = p[k];
      if (v === undefined || v === null) return null;
      if (k === 'probed') return JSON.stringify(v);
      if (typeof v === 'boolean') return v ? 1 : 0;
      return v as string | number;
    };
    this.db.prepare(`UPDATE rollout_servers SET ${keys.map((k) => `${cols[k]} = ?`).join(', ')} WHERE rollout_id = ? AND server_id = ?`).run(...keys.map(value), rolloutId, serverId);
  }

  /** The unfinished rollout a server is part of (pending or being worked on), if any. */
  activeRolloutOf(serverId: string): string | null {
    const row = this.db
      .prepare(
        "SELECT s.rollout_id FROM rollout_servers s JOIN rollouts r ON r.id = s.rollout_id WHERE s.server_id = ? AND r.state NOT IN ('aborted','completed') AND s.state IN ('pending','updating','rolling-back') LIMIT 1",
      )
      .get(serverId) as Row | undefined;
    return row ? String(row.rollout_id) : null;
  }

  beginStep(rolloutId: string, serverId: string, step: StepName, attempt: number, now: number): number {
    return Number(
      this.db
        .prepare("INSERT INTO rollout_steps (rollout_id, server_id, step, attempt, started_at, outcome) VALUES (?, ?, ?, ?, ?, 'running')")
        .run(rolloutId, serverId, step, attempt, now).lastInsertRowid,
    );
  }

  endStep(id: number, outcome: StepOutcome, exitCode: number | null, summary: RolloutStep['summary'], now: number): void {
    this.db.prepare('UPDATE rollout_steps SET ended_at = ?, outcome = ?, exit_code = ?, summary_json = ? WHERE id = ?').run(now, outcome, exitCode, JSON.stringify(summary), id);
    const row = this.db.prepare('SELECT rollout_id, server_id, step, attempt, started_at FROM rollout_steps WHERE id = ?').get(id) as Row | undefined;
    if (row) this.journalStep(row, outcome, exitCode, now);
  }

  /** Steps left open by a console that died: recorded as interrupted (their real end is re-probed). */
  interruptOpenSteps(rolloutId: string, now: number): number {
    const open = this.db.prepare("SELECT rollout_id, server_id, step, attempt, started_at FROM rollout_steps WHERE rollout_id = ? AND outcome = 'running'").all(rolloutId) as Row[];
    const changes = Number(this.db.prepare("UPDATE rollout_steps SET outcome = 'interrupted', ended_at = ? WHERE rollout_id = ? AND outcome = 'running'").run(now, rolloutId).changes);
    for (const row of open) this.journalStep(row, 'interrupted', null, now);
    return changes;
  }

  private journalStep(row: Row, outcome: StepOutcome, exitCode: number | null, now: number): void {
    this.journal?.append({
      kind: 'rollout-step',
      at: now,
      serverId: String(row.server_id),
      facts: { rolloutId: String(row.rollout_id), step: row.step as StepName, attempt: Number(row.attempt), outcome, exitCode, durationMs: now - Number(row.started_at) },
    });
  }

  steps(rolloutId: string): Array<RolloutStep & { id: number }> {
    return (this.db.prepare('SELECT * FROM rollout_steps WHERE rollout_id = ? ORDER BY id').all(rolloutId) as Row[]).map((r) => ({
      id: Number(r.id),
      serverId: String(r.server_id),
      step: r.step as StepName,
      attempt: Number(r.attempt),
      startedAt: Number(r.started_at),
      endedAt: num(r.ended_at),
      outcome: r.outcome as StepOutcome,
      exitCode: num(r.exit_code),
      summary: JSON.parse(String(r.summary_json)) as RolloutStep['summary'],
    }));
  }

  audit(rolloutId: string, actor: string, action: string, serverId: string | null, now: number): void {
    this.db.prepare('INSERT INTO rollout_audit (rollout_id, at, actor, action, server_id) VALUES (?, ?, ?, ?, ?)').run(rolloutId, now, actor, action, serverId);
  }

  auditLog(rolloutId: string): RolloutAudit[] {
    return (this.db.prepare('SELECT at, actor, action, server_id FROM rollout_audit WHERE rollout_id = ? ORDER BY id').all(rolloutId) as Row[]).map((r) => ({
      at: Number(r.at),
      actor: String(r.actor),
      action: String(r.action),
      serverId: str(r.server_id),
    }));
  }

  /** Mean duration of each step that ended ok, over the last 200 (for plan estimates). */
  measuredStepMs(): Partial<Record<StepName, number>> {
    const rows = this.db
      .prepare("SELECT step, AVG(ended_at - started_at) AS ms FROM (SELECT * FROM rollout_steps WHERE outcome = 'ok' ORDER BY id DESC LIMIT 200) GROUP BY step")
      .all() as Row[];
    return Object.fromEntries(rows.map((r) => [String(r.step), Math.round(Number(r.ms))]));
  }

  serviceManager(serverId: string): ServiceManager | null {
    const row = this.db.prepare('SELECT manager_json FROM server_service_managers WHERE server_id = ?').get(serverId) as Row | undefined;
    return row ? (JSON.parse(String(row.manager_json)) as ServiceManager) : null;
  }

  setServiceManager(serverId: string, m: ServiceManager | null, now: number): void {
    if (m === null) this.db.prepare('DELETE FROM server_service_managers WHERE server_id = ?').run(serverId);
    else
      this.db
        .prepare('INSERT INTO server_service_managers (server_id, manager_json, updated_at) VALUES (?, ?, ?) ON CONFLICT(server_id) DO UPDATE SET manager_json = excluded.manager_json, updated_at = excluded.updated_at')
        .run(serverId, JSON.stringify(m), now);
  }
}
