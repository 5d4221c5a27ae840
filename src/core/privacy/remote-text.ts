// The probe boundary for words a server wrote (heartbeat and cron errors, CLI stderr, gateway error
// messages): they are classified here into a console-owned kind and dropped. Nothing in this file
// returns any part of the text it was given, except an id-shaped slug that passes a strict pattern.
import type { RemoteErrorKind } from '../../shared/error-kinds';

/** First match wins: the more specific patterns come first. */
const PATTERNS: ReadonlyArray<readonly [RemoteErrorKind, RegExp]> = [
  ['run-in-progress', /in[-_ ]progress|already running|still running|busy/i],
  ['context-overflow', /context (window|length|overflow)|too many tokens|token limit|prompt is too long|maximum context|compaction required/i],
  ['rate-limited', /rate[-_ ]?limit|too many requests|\b429\b|throttl/i],
  ['quota-exceeded', /quota|billing|insufficient (credit|funds|balance)|payment required|\b402\b/i],
  ['timeout', /time[sd]?[-_ ]?out|timeout|deadline exceeded|ETIMEDOUT/i],
  ['auth-failed', /unauthori[sz]ed|authenticat|invalid (api )?key|api key|\b401\b|token (mismatch|invalid|expired)|auth/i],
  ['permission-denied', /forbidden|permission denied|EACCES|EPERM|\b403\b|not allowed/i],
  ['network', /unreachable|not reachable|ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|socket hang up|fetch failed|network|connection (refused|reset|closed)|transport/i],
  ['provider-unavailable', /overloaded|unavailable|\b50[0234]\b|bad gateway|server error|upstream/i],
  ['cancelled', /abort|cancel|interrupted|killed/i],
  ['delivery-failed', /deliver|send failed|recipient|target/i],
  ['tool-error', /\btool\b|exec failed|command failed/i],
  ['config-invalid', /config|invalid|schema|unknown (option|key)|unrecognized/i],
  ['not-found', /not found|no such|ENOENT|unknown (agent|session|model)|\b404\b/i],
  ['model-error', /model|provider|completion|llm/i],
];

/** The kind of an error a server described in words; null when there was no text. */
export function classifyRemoteText(text: unknown): RemoteErrorKind | null {
  if (typeof text !== 'string' || text.trim() === '') return null;
  // Only the head is looked at: a classifier has no business reading a quoted transcript.
  const head = text.slice(0, 400);
  for (const [kind, pattern] of PATTERNS) if (pattern.test(head)) return kind;
  return 'other';
}

const SLUG = /^[a-z][a-z0-9_.-]{0,39}$/i;
/** An id a server names (an error code, a reason id) when it is id-shaped; anything else is dropped. */
export const remoteSlug = (v: unknown): string | null => (typeof v === 'string' && SLUG.test(v) ? v : null);

const REASON = /^[a-z][a-z0-9-]{0,39}$/;
/**
 * A scheduler's reason id ("timeout", "cron-in-progress"): kept only when it is a lowercase id that
 * reads as one of the console's error kinds, so a single word a person wrote never passes as a reason.
 */
export const remoteReason = (v: unknown): string | null => (typeof v === 'string' && REASON.test(v) && classifyRemoteText(v) !== 'other' ? v : null);
