import type { Migration } from './sqlite';

export const historyMigrations: readonly Migration[] = [
  {
    version: 1,
    name: 'probe samples, latest snapshot, status transitions',
    sql: `
      CREATE TABLE probe_samples (
        server_id TEXT NOT NULL,
        ts INTEGER NOT NULL,
        status TEXT NOT NULL,
        duration_ms INTEGER NOT NULL,
        version TEXT,
        agent_count INTEGER,
        error_kind TEXT,
        PRIMARY KEY (server_id, ts)
      ) STRICT, WITHOUT ROWID;
      CREATE TABLE server_latest (
        server_id TEXT PRIMARY KEY,
        snapshot_json TEXT NOT NULL
      ) STRICT;
      CREATE TABLE status_transitions (
        id INTEGER PRIMARY KEY,
        server_id TEXT NOT NULL,
        ts INTEGER NOT NULL,
        from_status TEXT NOT NULL,
        to_status TEXT NOT NULL,
        outage_ms INTEGER,
        error_kind TEXT,
        error_message TEXT
      ) STRICT;
      CREATE INDEX status_transitions_by_server ON status_transitions (server_id, ts);
    `,
  },
];
