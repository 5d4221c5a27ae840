// Pure status logic: a probe outcome plus the previous snapshot gives the next snapshot and, when
// the status changes, a transition. A server that was UP goes PENDING on a failure and DOWN only
// after `retriesBeforeDown` more failures, so one lost packet does not page anyone, unless a second
// independent signal confirms the failure (down-confirmation.ts).
import type { SkippedRows } from '../shared/skipped-rows';
import type { AgentStoreFacts, AgentSummary, GatewayFacts, HeartbeatJob, ProbeError, Readiness, RunFailures, RuntimeFacts, ServerSnapshot, ServerStatus, SessionFacts, StatusTransition } from '../shared/domain';

export interface ProbeResultFacts {
  ok: boolean;
  error: ProbeError | null;
  version?: string | null;
  build?: string | null;
  agents?: AgentSummary[];
  gateway?: GatewayFacts | null;
  runtime?: RuntimeFacts | null;
  sessions?: SessionFacts[] | null;
  heartbeats?: HeartbeatJob[] | null;
  stores?: AgentStoreFacts[] | null;
  cliVersion?: string | null;
  readiness?: Readiness | null;
  factsAt?: number | null;
  factsError?: ProbeError | null;
  skippedRows?: SkippedRows[];
  durationMs: number;
}

/** Restarts are counted over this window (restart-loop detection). */
export const RESTART_WINDOW_MS = 60 * 60_000;

export function nextSnapshot(
  serverId: string,
  prev: ServerSnapshot | null,
  result: ProbeResultFacts,
  now: number,
  retriesBeforeDown: number,
  maintenance = false,
  /** The failure is confirmed by a second, independent signal (down-confirmation.ts): no retry. */
  confirmed = false,
): { snapshot: ServerSnapshot; transition: StatusTransition | null } {
  const failureStreak = result.ok ? 0 : (prev?.failureStreak ?? 0) + 1;
  const prevStatus: ServerStatus = prev?.status ?? 'UNKNOWN';
  let status: ServerStatus;
  if (maintenance) status = 'MAINTENANCE';
  else if (result.ok) status = 'UP';
  else if ((prevStatus === 'UP' || prevStatus === 'PENDING') && failureStreak <= retriesBeforeDown && !confirmed) status = 'PENDING';
  else status = 'DOWN';

  const changed = status !== prevStatus;
  // Maintenance is not an outage: it neither starts nor extends one.
  const notUpSince =
    status === 'UP' || status === 'MAINTENANCE'
      ? null
      : (prev?.notUpSince ?? (prevStatus === 'UP' || prevStatus === 'MAINTENANCE' || !prev ? now : prev.statusSince));
  // A new boot id means the gateway restarted since we last saw it, whether or not a probe caught it down.
  const bootId = result.ok ? (result.gateway?.bootId ?? null) : null;
  const knownBootId = bootId ?? prev?.knownBootId ?? null;
  const restartedNow = bootId !== null && prev?.knownBootId != null && prev.knownBootId !== bootId;
  const recentRestarts = [...(prev?.recentRestarts ?? []), ...(restartedNow ? [now] : [])].filter((t) => now - t < RESTART_WINDOW_MS);
  const runFailures = nextRunFailures(prev, result.ok ? (result.runtime ?? null) : null, restartedNow, now);
  const snapshot: ServerSnapshot = {
    serverId,
    status,
    checkedAt: now,
    statusSince: changed ? now : (prev?.statusSince ?? now),
    notUpSince,
    failureStreak,
    durationMs: result.durationMs,
    // On failure keep what we last knew (version, agents): the operator still wants to see it.
    version: result.version ?? prev?.version ?? null,
    build: result.build ?? prev?.build ?? null,
    agents: result.agents ?? prev?.agents ?? [],
    // Live facts are not carried over a failure: stale RSS or session counts would mislead.
    gateway: result.ok ? (result.gateway ?? null) : null,
    runtime: result.ok ? (result.runtime ?? null) : null,
    sessions: result.ok ? (result.sessions ?? null) : null,
    heartbeats: result.ok ? (result.heartbeats ?? null) : null,
    // Tier-3 facts are refreshed rarely; the last known ones stay until replaced.
    stores: result.stores ?? prev?.stores ?? null,
    cliVersion: result.cliVersion ?? prev?.cliVersion ?? null,
    error: result.ok ? null : result.error,
    knownBootId,
    recentRestarts,
    runFailures,
    readiness: result.ok ? (result.readiness ?? null) : null,
    factsAt: result.ok ? (result.factsAt ?? null) : (prev?.factsAt ?? null),
    factsError: result.ok ? (result.factsError ?? null) : null,
    skippedRows: result.ok ? (result.skippedRows ?? []) : (prev?.skippedRows ?? []),
  };
  const transition: StatusTransition | null = changed
    ? {
        serverId,
        at: now,
        from: prevStatus,
        to: status,
        outageMs: status === 'UP' && prev?.notUpSince != null ? now - prev.notUpSince : null,
        errorKind: result.error?.kind ?? null,
        errorMessage: result.error?.message ?? null,
      }
    : null;
  return { snapshot, transition };
}

/**
 * Failed and timed-out agent runs since the last success, from two readings of the task ledger. The
 * ledger counts from the gateway's start, so a restart (or counts going down) starts over.
 */
function nextRunFailures(prev: ServerSnapshot | null, runtime: RuntimeFacts | null, restarted: boolean, now: number): RunFailures | null {
  const before = prev?.runtime;
  const carried = prev?.runFailures ?? null;
  if (restarted) return null;
  // No reading to compare with (first probe, or the last one failed): keep what we knew.
  if (!runtime || !before) return carried;
  const delta = (a: number | null | undefined, b: number | null | undefined) => (a == null || b == null ? 0 : a - b);
  const succeeded = delta(runtime.tasksSucceeded, before.tasksSucceeded);
  const failed = delta(runtime.tasksFailed, before.tasksFailed);
  const timedOut = delta(runtime.tasksTimedOut, before.tasksTimedOut);
  if (succeeded < 0 || failed < 0 || timedOut < 0) return null;
  if (failed === 0 && timedOut === 0) return succeeded > 0 ? null : carried;
  // Failures after a success in the same interval still count: the latest outcomes are what matter.
  const base = succeeded > 0 ? null : carried;
  return { since: base?.since ?? now, failed: (base?.failed ?? 0) + failed, timedOut: (base?.timedOut ?? 0) + timedOut };
}
