// What the current facts say about an alert, next to the text it was raised with: an alert's summary
// is the core's words from its last evaluation, so the window adds the live state ("now: last run
// 1m ago") and says when the condition is already gone ("clearing") or cannot be re-checked (paused).
import type { Alert, ServerView } from '../../../shared/domain';
import { summarize } from '../../../shared/snapshot-summary';
import { formatAgo, formatEvery } from '../format';

export interface LiveFacts {
  /** One line of current facts, or null when there is nothing better than the summary. */
  text: string | null;
  /** The server is paused: nothing is re-checked, the alert shows its last known state. */
  stale: boolean;
  /** The current facts no longer show the condition: the alert resolves after the hold-down. */
  clearing: boolean;
}

export function liveFacts(alert: Alert, view: ServerView | undefined, now: number): LiveFacts {
  const snap = view?.snapshot ?? null;
  if (!view || !snap) return { text: null, stale: false, clearing: false };
  if (!view.config.enabled) return { text: `server paused — last checked ${formatAgo(snap.checkedAt, now)}, not re-checked`, stale: true, clearing: false };
  if (alert.rule === 'server-down') {
    return { text: `now ${snap.status} since ${formatAgo(snap.statusSince, now)}`, stale: false, clearing: snap.status === 'UP' };
  }
  if (alert.rule.startsWith('heartbeat-') && alert.agentId) {
    // The row summary has last run, cadence and errors; a run in progress only the full snapshot has.
    const job = snap.heartbeats?.find((h) => h.agentId === alert.agentId) ?? summarize(snap).agents.find((a) => a.agentId === alert.agentId)?.heartbeat;
    if (!job) return { text: `checked ${formatAgo(snap.checkedAt, now)}`, stale: false, clearing: false };
    const last = job.lastRunAtMs === null ? 'not run yet' : `last run ${formatAgo(job.lastRunAtMs, now)}${job.lastRunStatus ? ` (${job.lastRunStatus})` : ''}`;
    const runningAtMs: number | null = 'runningAtMs' in job ? (job.runningAtMs as number | null) : null;
    const running = runningAtMs !== null ? ` · running since ${formatAgo(runningAtMs, now)}` : '';
    const fresh = job.lastRunAtMs !== null && job.everyMs !== null && now - job.lastRunAtMs <= 2 * job.everyMs;
    const clearing =
      (alert.rule === 'heartbeat-overdue' && fresh) ||
      (alert.rule === 'heartbeat-failing' && (job.consecutiveErrors ?? 0) === 0) ||
      (alert.rule === 'heartbeat-wedged' && runningAtMs === null);
    return { text: `now: ${last}, every ${formatEvery(job.everyMs)}${running}`, stale: false, clearing };
  }
  return { text: `checked ${formatAgo(snap.checkedAt, now)}`, stale: false, clearing: false };
}
