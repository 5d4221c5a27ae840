// What the journal may hold, per kind: ids, console enums, numbers and booleans — never free text, no
// session keys, no URLs (a webhook is its channel id and kind). The types say what each source writes;
// `checkFacts` enforces the shape at the door, so a mistake in a source cannot put a sentence on disk.
import type { AlertSeverity } from '../../shared/domain';
import type { StepName, StepOutcome } from '../../shared/rollout';

export interface JournalFacts {
  /** The escalation ladder told someone (raised = level 0, escalated = a higher level, repeat). */
  'alert-notice': { reason: 'raised' | 'escalated' | 'repeat'; level: number; targets: string[]; rule: string; severity: AlertSeverity };
  /** A channel (webhook or email) took a message, or delivery gave up after its retries. */
  'channel-delivery': {
    channel: 'webhook' | 'email';
    /** The webhook's id (its URL is a secret and never written); null for email. */
    channelId: string | null;
    reason: 'raised' | 'escalated' | 'repeat' | 'resolved';
    ok: boolean;
    attempts: number;
    rule: string | null;
    severity: AlertSeverity | null;
  };
  /** A new gateway process: its boot id changed, or (CLI path, no boot id) its start time moved. */
  'gateway-restart': { seenBy: 'boot-id' | 'start-time'; bootBefore: string | null; bootAfter: string | null; startedAt: number | null; startedBefore: number | null };
  'version-change': { from: string; to: string };
  /** The gateway announced a config write (`config.changed`), or the audit read a different projection. */
  'config-change': { source: 'gateway-event' | 'projection'; changed: number; keys: string[] };
  'rollout-step': { rolloutId: string; step: StepName; attempt: number; outcome: StepOutcome; exitCode: number | null; durationMs: number | null };
  'hygiene-run': { runId: string; state: 'done' | 'failed'; agents: number; rowsBefore: number | null; rowsAfter: number | null };
}

export type JournalKind = keyof JournalFacts;

export const JOURNAL_KINDS: readonly JournalKind[] = ['alert-notice', 'channel-delivery', 'gateway-restart', 'version-change', 'config-change', 'rollout-step', 'hygiene-run'];

/** One dated fact as a source writes it. */
export type JournalRecord = {
  [K in JournalKind]: { kind: K; at: number; serverId: string | null; alertId?: string | null; facts: JournalFacts[K] };
}[JournalKind];

/** An id, enum, version or config key: no spaces, no slashes (so no URL, no path, no sentence). */
const TOKEN = /^[\w.:+@-]{1,128}$/;
const MAX_LIST = 50;

/** Null when every value is a token, a finite number, a boolean, null or a short list of tokens; else what is wrong. */
export function checkFacts(facts: Record<string, unknown>): string | null {
  for (const [key, value] of Object.entries(facts)) {
    if (value === null || typeof value === 'boolean') continue;
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) return `${key}: not a finite number`;
      continue;
    }
    if (typeof value === 'string') {
      if (!TOKEN.test(value)) return `${key}: not an id`;
      continue;
    }
    if (Array.isArray(value)) {
      if (value.length > MAX_LIST) return `${key}: more than ${MAX_LIST} items`;
      if (!value.every((v) => typeof v === 'string' && TOKEN.test(v))) return `${key}: not a list of ids`;
      continue;
    }
    return `${key}: not a plain value`;
  }
  return null;
}
