// Migration 16 (issue 14): the console's journal of dated facts an incident report's timeline needs
// beyond transitions and alerts (notices and channel deliveries, gateway restarts, version and config
// changes, rollout steps, hygiene runs). Ids, kinds and numbers only; see journal-facts.ts.
import type { Migration } from '../history/sqlite';

export const journalMigration: Migration = {
  version: 16,
  name: 'journal of notices, deliveries, restarts, version and config changes, rollout steps, hygiene runs',
  sql: `
    CREATE TABLE journal_entries (
      id INTEGER PRIMARY KEY,
      ts INTEGER NOT NULL,
      kind TEXT NOT NULL,
      server_id TEXT,
      alert_id TEXT,
      facts_json TEXT NOT NULL
    ) STRICT;
    CREATE INDEX journal_entries_by_ts ON journal_entries (ts);
  `,
};
