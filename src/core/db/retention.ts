// Retention for every table of the console database, in one place, and a prune that yields to the
// event loop between chunks: a backlog of millions of rows (a console that was off for a month) is
// deleted in short transactions with probes, pages and window traffic going on in between.
import { HOUR, RETENTION } from '../history/history-store';
import { transaction, type Database } from '../history/sqlite';

const DAY = 24 * HOUR;

/** How long the outage record, alerts, silences and channel messages are kept. */
export const RECORD_RETENTION = {
  transitionsMs: 365 * DAY,
  resolvedAlertsMs: 365 * DAY,
  expiredSilencesMs: 90 * DAY,
  outboxMs: 30 * DAY,
  /** As long as the transitions it is read beside (a year of incident reports). */
  journalMs: 365 * DAY,
} as const;

export interface RetentionRule {
  table: string;
  /** A `DELETE … LIMIT ?`; its last parameter is the chunk size. */
  sql: string;
  params: (now: number) => number[];
}

const MINUTE = 60_000;

/** How long each tier of the series is kept; the ops service's config may lengthen them. */
export interface RetentionLimits {
  rawMs: number;
  minuteMs: number;
  hourMs: number;
}

/** The rules for the given series limits (records keep their own fixed retention). */
export const retentionRules = (limits: RetentionLimits = RETENTION): readonly RetentionRule[] => [
  {
    table: 'metric_samples',
    sql: 'DELETE FROM metric_samples WHERE (server_id, metric, ts) IN (SELECT server_id, metric, ts FROM metric_samples WHERE ts < ? LIMIT ?)',
    params: (now) => [now - limits.rawMs],
  },
  {
    table: 'probe_samples',
    sql: 'DELETE FROM probe_samples WHERE (server_id, ts) IN (SELECT server_id, ts FROM probe_samples WHERE ts < ? LIMIT ?)',
    params: (now) => [now - limits.rawMs],
  },
  ...([
    [MINUTE, limits.minuteMs],
    [HOUR, limits.hourMs],
  ] as const).flatMap(([resolution, keep]) => [
    {
      table: 'metric_rollups',
      sql: `DELETE FROM metric_rollups WHERE (resolution_ms, server_id, metric, bucket) IN
            (SELECT resolution_ms, server_id, metric, bucket FROM metric_rollups WHERE resolution_ms = ? AND bucket < ? LIMIT ?)`,
      params: (now: number) => [resolution, now - keep],
    },
    {
      table: 'health_rollups',
      sql: `DELETE FROM health_rollups WHERE (resolution_ms, server_id, dimension, metric, bucket) IN
            (SELECT resolution_ms, server_id, dimension, metric, bucket FROM health_rollups WHERE resolution_ms = ? AND bucket < ? LIMIT ?)`,
      params: (now: number) => [resolution, now - keep],
    },
  ]),
  {
    table: 'health_samples',
    sql: `DELETE FROM health_samples WHERE (server_id, dimension, metric, ts) IN
          (SELECT server_id, dimension, metric, ts FROM health_samples WHERE ts < ? LIMIT ?)`,
    params: (now) => [now - limits.rawMs],
  },
  // Markers live as long as the coarsest chart that can show them.
  {
    table: 'session_compactions',
    sql: 'DELETE FROM session_compactions WHERE id IN (SELECT id FROM session_compactions WHERE ts < ? LIMIT ?)',
    params: (now) => [now - limits.hourMs],
  },
  {
    table: 'status_transitions',
    sql: 'DELETE FROM status_transitions WHERE id IN (SELECT id FROM status_transitions WHERE ts < ? LIMIT ?)',
    params: (now) => [now - RECORD_RETENTION.transitionsMs],
  },
  // Only resolved alerts age out; an active one is kept however old.
  {
    table: 'alerts',
    sql: 'DELETE FROM alerts WHERE id IN (SELECT id FROM alerts WHERE resolved_at IS NOT NULL AND resolved_at < ? LIMIT ?)',
    params: (now) => [now - RECORD_RETENTION.resolvedAlertsMs],
  },
  {
    table: 'silences',
    sql: 'DELETE FROM silences WHERE id IN (SELECT id FROM silences WHERE ends_at < ? LIMIT ?)',
    params: (now) => [now - RECORD_RETENTION.expiredSilencesMs],
  },
  // Messages of alerts still active are kept: their resolution is still owed.
  {
    table: 'channel_outbox',
    sql: `DELETE FROM channel_outbox WHERE id IN (SELECT o.id FROM channel_outbox o LEFT JOIN alerts a ON a.id = o.alert_id
          WHERE o.created_at < ? AND o.state <> 'pending' AND (a.id IS NULL OR a.resolved_at IS NOT NULL) LIMIT ?)`,
    params: (now) => [now - RECORD_RETENTION.outboxMs],
  },
  {
    table: 'journal_entries',
    sql: 'DELETE FROM journal_entries WHERE id IN (SELECT id FROM journal_entries WHERE ts < ? LIMIT ?)',
    params: (now) => [now - RECORD_RETENTION.journalMs],
  },
];

export const RETENTION_RULES = retentionRules();

export const PRUNE_CHUNK = 5_000;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Deletes what retention allows, one short transaction per chunk, yielding between chunks. */
export async function pruneDatabase(db: Database, now: number, o: { rules?: readonly RetentionRule[]; chunk?: number } = {}): Promise<{ deleted: number; byTable: Record<string, number> }> {
  const chunk = o.chunk ?? PRUNE_CHUNK;
  const byTable: Record<string, number> = {};
  let deleted = 0;
  for (const rule of o.rules ?? RETENTION_RULES) {
    const stmt = db.prepare(rule.sql);
    const params = rule.params(now);
    for (;;) {
      const changes = Number(transaction(db, () => stmt.run(...params, chunk)).changes);
      deleted += changes;
      byTable[rule.table] = (byTable[rule.table] ?? 0) + changes;
      await yieldToEventLoop();
      if (changes < chunk) break;
    }
  }
  return { deleted, byTable };
}
