// Which numbers are kept as time series, derived from a snapshot. Only numbers: nothing textual.
import type { ServerSnapshot } from '../../shared/domain';

export const METRICS = ['up', 'probe_ms', 'rss_bytes', 'heap_used_bytes', 'event_loop_p99_ms', 'agents', 'sessions', 'max_context_fill', 'store_bytes'] as const;
export type Metric = (typeof METRICS)[number];

/** Context fill of one session, 0..1: the budget estimate when present, else fresh totalTokens. */
export function contextFill(s: NonNullable<ServerSnapshot['sessions']>[number]): number | null {
  if (s.estimatedPromptTokens != null && s.contextTokenBudget) return s.estimatedPromptTokens / s.contextTokenBudget;
  // totalTokens can be a summed in-turn figure unless marked fresh.
  if (s.totalTokensFresh && s.totalTokens != null && s.contextTokens) return s.totalTokens / s.contextTokens;
  return null;
}

export function metricsOf(snapshot: ServerSnapshot): Array<[Metric, number]> {
  const out: Array<[Metric, number]> = [
    ['up', snapshot.status === 'UP' ? 1 : 0],
    ['probe_ms', snapshot.durationMs],
  ];
  if (snapshot.status !== 'UP') return out;
  const rt = snapshot.runtime;
  if (rt?.rssBytes != null) out.push(['rss_bytes', rt.rssBytes]);
  if (rt?.heapUsedBytes != null) out.push(['heap_used_bytes', rt.heapUsedBytes]);
  if (rt?.eventLoopDelayP99Ms != null) out.push(['event_loop_p99_ms', rt.eventLoopDelayP99Ms]);
  out.push(['agents', snapshot.agents.length]);
  if (snapshot.sessions) {
    out.push(['sessions', snapshot.sessions.length]);
    const fills = snapshot.sessions.map(contextFill).filter((f): f is number => f != null);
    if (fills.length) out.push(['max_context_fill', Math.max(...fills)]);
  }
  if (snapshot.stores?.length) {
    out.push(['store_bytes', snapshot.stores.reduce((sum, s) => sum + s.dbBytes + s.walBytes + s.legacyStoreBytes + s.transcriptBytes, 0)]);
  }
  return out;
}
