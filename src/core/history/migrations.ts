import type { Migration } from './sqlite';
import { rolloutMigration } from '../rollouts/rollout-migration';
import { hygieneMigration } from '../hygiene/hygiene-migration';
import { journalMigration } from '../journal/journal-migration';
import { pseudonymiseSessionsMigration, scrubFreeTextMigration } from '../privacy/privacy-migrations';

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
  {
    version: 2,
    name: 'metric samples with 1-minute and 1-hour rollups',
    sql: `
      CREATE TABLE metric_samples (
        server_id TEXT NOT NULL,
        metric TEXT NOT NULL,
        ts INTEGER NOT NULL,
        value REAL NOT NULL,
        PRIMARY KEY (server_id, metric, ts)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX metric_samples_by_ts ON metric_samples (ts);
      CREATE TABLE metric_rollups (
        resolution_ms INTEGER NOT NULL,
        server_id TEXT NOT NULL,
        metric TEXT NOT NULL,
        bucket INTEGER NOT NULL,
        min REAL NOT NULL,
        max REAL NOT NULL,
        sum REAL NOT NULL,
        count INTEGER NOT NULL,
        PRIMARY KEY (resolution_ms, server_id, metric, bucket)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX metric_rollups_by_bucket ON metric_rollups (resolution_ms, bucket);
      CREATE INDEX probe_samples_by_ts ON probe_samples (ts);
    `,
  },
  {
    version: 3,
    name: 'alerts',
    sql: `
      CREATE TABLE alerts (
        id TEXT PRIMARY KEY,
        rule TEXT NOT NULL,
        severity TEXT NOT NULL,
        server_id TEXT NOT NULL,
        agent_id TEXT,
        summary TEXT NOT NULL,
        started_at INTEGER NOT NULL,
        resolved_at INTEGER,
        inhibited INTEGER NOT NULL DEFAULT 0,
        acked_at INTEGER,
        acked_by TEXT
      ) STRICT;
      CREATE INDEX alerts_open ON alerts (resolved_at, started_at);
    `,
  },
  {
    version: 4,
    name: 'silences',
    sql: `
      CREATE TABLE silences (
        id TEXT PRIMARY KEY,
        matchers_json TEXT NOT NULL,
        starts_at INTEGER NOT NULL,
        ends_at INTEGER NOT NULL,
        author TEXT NOT NULL,
        comment TEXT NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 7,
    name: 'escalation state (who was told, so a restart neither repeats nor forgets a page)',
    sql: `
      CREATE TABLE alert_escalations (
        alert_id TEXT PRIMARY KEY,
        level INTEGER NOT NULL,
        last_at INTEGER NOT NULL,
        repeats INTEGER NOT NULL
      ) STRICT;
    `,
  },
  {
    // Session health: per-session and per-agent series keyed by a dimension ("session:<key>",
    // "agent:<id>"), with the same raw + 1-minute + 1-hour rollup scheme and retention as
    // metric_samples; the current state of the watched sessions; and compaction markers.
    version: 5,
    name: 'session health series, latest session state, compaction markers',
    sql: `
      CREATE TABLE health_samples (
        server_id TEXT NOT NULL,
        dimension TEXT NOT NULL,
        metric TEXT NOT NULL,
        ts INTEGER NOT NULL,
        value REAL NOT NULL,
        PRIMARY KEY (server_id, dimension, metric, ts)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX health_samples_by_ts ON health_samples (ts);
      CREATE TABLE health_rollups (
        resolution_ms INTEGER NOT NULL,
        server_id TEXT NOT NULL,
        dimension TEXT NOT NULL,
        metric TEXT NOT NULL,
        bucket INTEGER NOT NULL,
        min REAL NOT NULL,
        max REAL NOT NULL,
        sum REAL NOT NULL,
        count INTEGER NOT NULL,
        PRIMARY KEY (resolution_ms, server_id, dimension, metric, bucket)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX health_rollups_by_bucket ON health_rollups (resolution_ms, bucket);
      CREATE INDEX health_rollups_by_metric ON health_rollups (resolution_ms, metric, bucket);
      CREATE TABLE session_latest (
        server_id TEXT NOT NULL,
        session_key TEXT NOT NULL,
        agent_id TEXT,
        ts INTEGER NOT NULL,
        fill REAL,
        prompt_tokens INTEGER,
        budget_tokens INTEGER,
        should_compact INTEGER NOT NULL,
        compact_polls INTEGER NOT NULL,
        compaction_count INTEGER,
        route TEXT,
        status TEXT,
        active_run_since INTEGER,
        aborted_last_run INTEGER NOT NULL,
        PRIMARY KEY (server_id, session_key)
      ) STRICT;
      CREATE INDEX session_latest_by_fill ON session_latest (fill);
      CREATE TABLE agent_latest (
        server_id TEXT NOT NULL,
        agent_id TEXT NOT NULL,
        ts INTEGER NOT NULL,
        rows INTEGER,
        zero_token_rows INTEGER,
        store_bytes INTEGER,
        max_fill REAL,
        meta_read_at INTEGER,
        meta_error TEXT,
        PRIMARY KEY (server_id, agent_id)
      ) STRICT;
      CREATE TABLE session_compactions (
        id INTEGER PRIMARY KEY,
        server_id TEXT NOT NULL,
        session_key TEXT NOT NULL,
        ts INTEGER NOT NULL,
        count INTEGER,
        fill_before REAL,
        fill_after REAL
      ) STRICT;
      CREATE INDEX session_compactions_by_session ON session_compactions (server_id, session_key, ts);
      CREATE INDEX session_compactions_by_ts ON session_compactions (ts);
    `,
  },
  {
    // What each alert channel (a webhook, the email relay) was sent, so a restart between raise and
    // resolve still sends the resolution, and a message cut off by a crash is delivered after it.
    version: 8,
    name: 'channel outbox (durable per-channel messages)',
    sql: `
      CREATE TABLE channel_outbox (
        id INTEGER PRIMARY KEY,
        channel TEXT NOT NULL,
        alert_id TEXT NOT NULL,
        reason TEXT NOT NULL,
        alert_json TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        state TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        done_at INTEGER
      ) STRICT;
      CREATE INDEX channel_outbox_by_alert ON channel_outbox (alert_id, channel);
      CREATE INDEX channel_outbox_by_state ON channel_outbox (state, created_at);
    `,
  },
  // Staged rollouts (issue 13).
  rolloutMigration,
  // Session hygiene (issue 18): policies, the run audit log and chart markers.
  hygieneMigration,
  // The journal of dated facts incident reports read (issue 14).
  journalMigration,
  // Privacy (issue 17): free text servers wrote, and real session keys, taken back out of storage.
  scrubFreeTextMigration,
  pseudonymiseSessionsMigration,
];
