// Migration 15 (issue 18): hygiene policies, the audit log of runs (numbers, ids and enums only, as
// JSON of the shared HygieneRun type) and the markers drawn on the Sessions charts.
import type { Migration } from '../history/sqlite';

export const hygieneMigration: Migration = {
  version: 15,
  name: 'session hygiene policies, runs, chart markers',
  sql: `
    CREATE TABLE hygiene_policies (
      id TEXT PRIMARY KEY,
      policy_json TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      last_checked_at INTEGER NOT NULL
    ) STRICT;
    CREATE TABLE hygiene_runs (
      id TEXT PRIMARY KEY,
      policy_id TEXT,
      created_at INTEGER NOT NULL,
      state TEXT NOT NULL,
      run_json TEXT NOT NULL
    ) STRICT;
    CREATE INDEX hygiene_runs_by_time ON hygiene_runs (created_at);
    CREATE INDEX hygiene_runs_by_state ON hygiene_runs (state);
    CREATE TABLE hygiene_markers (
      id INTEGER PRIMARY KEY,
      server_id TEXT NOT NULL,
      agent_id TEXT NOT NULL,
      ts INTEGER NOT NULL,
      run_id TEXT NOT NULL,
      rows_before INTEGER,
      rows_after INTEGER,
      outcome TEXT NOT NULL
    ) STRICT;
    CREATE INDEX hygiene_markers_by_server ON hygiene_markers (server_id, ts);
  `,
};
