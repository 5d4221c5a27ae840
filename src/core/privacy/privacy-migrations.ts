// Migrations that take back what older versions stored and should not have (issue 17):
//  21: free text a server wrote (CLI stderr, gateway messages, heartbeat errors) in status transitions,
//      alert summaries, channel messages and the saved latest snapshots.
//  22: real session keys (client identities) in session-health series, latest sessions, compaction
//      markers, alert summaries and channel messages: replaced by the install's session pseudonyms.
// SQL only, as every migration; 22 calls ym_session_pseudonym() and ym_summary_pseudonyms(), which
// openConsoleDatabase registers on the connection (see registerPrivacyFunctions).
import type { Database, Migration } from '../history/sqlite';
import type { Pseudonyms } from './pseudonyms';

const FAILING = ' heartbeats failed in a row';
const CLI_ONLY = 'watching through the CLI only';

export const scrubFreeTextMigration: Migration = {
  version: 21,
  name: 'privacy: drop free text servers wrote (error messages, heartbeat errors, link notes)',
  sql: `
    UPDATE status_transitions SET error_message = NULL WHERE error_message IS NOT NULL;
    UPDATE alerts SET summary = substr(summary, 1, instr(summary, '${FAILING}') + ${FAILING.length - 1}) || ' (reason not kept)'
      WHERE rule = 'heartbeat-failing' AND instr(summary, '${FAILING}') > 0;
    UPDATE alerts SET summary = substr(summary, 1, instr(summary, '${CLI_ONLY}') + ${CLI_ONLY.length - 1})
      WHERE rule = 'gateway-link-refused' AND instr(summary, '${CLI_ONLY}') > 0;
    UPDATE channel_outbox SET alert_json = json_set(alert_json, '$.summary', (SELECT summary FROM alerts WHERE alerts.id = channel_outbox.alert_id))
      WHERE alert_id IN (SELECT id FROM alerts WHERE rule IN ('heartbeat-failing', 'gateway-link-refused'));
    UPDATE agent_latest SET meta_error = 'not kept' WHERE meta_error IS NOT NULL;
    UPDATE server_latest SET snapshot_json = json_set(snapshot_json, '$.heartbeats', json('null'), '$.gateway.note', json('null'));
    UPDATE server_latest SET snapshot_json = json_set(snapshot_json, '$.error.message', 'not kept (an older version stored the server''s words)')
      WHERE json_type(snapshot_json, '$.error') = 'object';
    UPDATE server_latest SET snapshot_json = json_set(snapshot_json, '$.factsError.message', 'not kept (an older version stored the server''s words)')
      WHERE json_type(snapshot_json, '$.factsError') = 'object';
  `,
};

export const pseudonymiseSessionsMigration: Migration = {
  version: 22,
  name: 'privacy: session keys replaced by the install pseudonyms',
  sql: `
    UPDATE health_samples SET dimension = 'session:' || ym_session_pseudonym(substr(dimension, 9)) WHERE dimension LIKE 'session:%';
    UPDATE health_rollups SET dimension = 'session:' || ym_session_pseudonym(substr(dimension, 9)) WHERE dimension LIKE 'session:%';
    UPDATE session_latest SET session_key = ym_session_pseudonym(session_key);
    UPDATE session_compactions SET session_key = ym_session_pseudonym(session_key);
    UPDATE alerts SET summary = ym_summary_pseudonyms(summary) WHERE rule IN ('session-fill-high', 'compaction-stuck');
    UPDATE channel_outbox SET alert_json = json_set(alert_json, '$.summary', ym_summary_pseudonyms(json_extract(alert_json, '$.summary')))
      WHERE json_extract(alert_json, '$.rule') IN ('session-fill-high', 'compaction-stuck');
    UPDATE server_latest SET snapshot_json = json_set(snapshot_json, '$.sessions', json('null'));
  `,
};

/** The versions above (the database checkpoints its WAL after applying them). */
export const PRIVACY_MIGRATIONS: readonly number[] = [scrubFreeTextMigration.version, pseudonymiseSessionsMigration.version];

/** "…: session agent:main:x:direct:+1555… context 91 % full" → the same with the key's pseudonym. */
export const summaryWithPseudonyms = (summary: string, p: Pseudonyms): string => summary.replace(/\bsession (\S+)/g, (_, key: string) => `session ${p.session(key)}`);

export function registerPrivacyFunctions(db: Database, p: Pseudonyms): void {
  db.function('ym_session_pseudonym', { deterministic: true }, (key) => (typeof key === 'string' ? p.session(key) : key));
  db.function('ym_summary_pseudonyms', { deterministic: true }, (s) => (typeof s === 'string' ? summaryWithPseudonyms(s, p) : s));
}
