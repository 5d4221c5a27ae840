import type { Migration } from '../history/sqlite';

/** Rollouts (issue 13): the persisted state machine, each server's run, every step, who did what. */
export const rolloutMigration: Migration = {
  version: 14,
  name: 'staged rollouts: rollouts, servers, steps, audit, service managers',
  sql: `
    CREATE TABLE rollouts (
      id TEXT PRIMARY KEY,
      target_version TEXT NOT NULL,
      plan_json TEXT NOT NULL,
      state TEXT NOT NULL,
      reason TEXT,
      resume_to TEXT,
      current_wave INTEGER NOT NULL DEFAULT 0,
      bake_until INTEGER,
      created_at INTEGER NOT NULL,
      created_by TEXT NOT NULL,
      updated_at INTEGER NOT NULL,
      finished_at INTEGER
    ) STRICT;
    CREATE TABLE rollout_servers (
      rollout_id TEXT NOT NULL REFERENCES rollouts(id) ON DELETE CASCADE,
      server_id TEXT NOT NULL,
      name TEXT NOT NULL,
      wave INTEGER NOT NULL,
      position INTEGER NOT NULL,
      state TEXT NOT NULL,
      attempt INTEGER NOT NULL DEFAULT 1,
      from_version TEXT,
      boot_id_before TEXT,
      backup_path TEXT,
      backup_sha256 TEXT,
      backup_bytes INTEGER,
      state_migrated INTEGER,
      failure TEXT,
      started_at INTEGER,
      finished_at INTEGER,
      probed_json TEXT,
      PRIMARY KEY (rollout_id, server_id)
    ) STRICT;
    CREATE INDEX rollout_servers_by_server ON rollout_servers (server_id, state);
    CREATE TABLE rollout_steps (
      id INTEGER PRIMARY KEY,
      rollout_id TEXT NOT NULL REFERENCES rollouts(id) ON DELETE CASCADE,
      server_id TEXT NOT NULL,
      step TEXT NOT NULL,
      attempt INTEGER NOT NULL,
      started_at INTEGER NOT NULL,
      ended_at INTEGER,
      outcome TEXT NOT NULL,
      exit_code INTEGER,
      summary_json TEXT NOT NULL DEFAULT '{}'
    ) STRICT;
    CREATE INDEX rollout_steps_by_rollout ON rollout_steps (rollout_id, server_id, id);
    CREATE TABLE rollout_audit (
      id INTEGER PRIMARY KEY,
      rollout_id TEXT NOT NULL REFERENCES rollouts(id) ON DELETE CASCADE,
      at INTEGER NOT NULL,
      actor TEXT NOT NULL,
      action TEXT NOT NULL,
      server_id TEXT
    ) STRICT;
    CREATE TABLE server_service_managers (
      server_id TEXT PRIMARY KEY,
      manager_json TEXT NOT NULL,
      updated_at INTEGER NOT NULL
    ) STRICT;
  `,
};
