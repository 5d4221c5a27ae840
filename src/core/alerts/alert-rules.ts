// What counts as wrong, as pure functions of one server's latest snapshot. Each returns the
// conditions that hold now; the engine turns them into alerts with hysteresis and inhibition.
import type { AlertSeverity, ServerConfig, ServerSnapshot } from '../../shared/domain';
import { REMOTE_ERROR_LABELS } from '../../shared/error-kinds';

export interface Condition {
  rule: string;
  severity: AlertSeverity;
  agentId: string | null;
  summary: string;
  /** Muted while the same server is down (it is a consequence, not news). */
  inhibitable: boolean;
  /** Raise only after the condition held this long (noisy signals); default at once. */
  forMs?: number;
}

/** A starting gateway is busy (plugins, migrations, catch-up work): its load flags are not news inside this. */
export const START_UP_GRACE_MS = 3 * 60_000;
/**
 * After a (re)start OpenClaw resumes heartbeats from its persisted schedule 2–5 min after it is ready
 * (lab: ~2 min after a restart, ~5 min over an update). Until an agent's first run since the start,
 * its heartbeat is awaited rather than overdue, but never longer than this.
 */
export const HEARTBEAT_RESUME_BOUND_MS = 6 * 60_000;

/** Restarts within an hour that make a restart loop (a crash-looping gateway can stay "UP" between probes). */
export const RESTART_LOOP_COUNT = 3;
/** Sustained RSS growth that is a leak, not warm-up (computed over hours, see trends.ts). */
export const RSS_GROWTH_ALERT_BYTES_PER_HOUR = 100 * 1024 * 1024;

/** Facts that need history, not just the latest snapshot. */
export interface Trends {
  rssBytesPerHour: number | null;
}

const formatMb = (b: number | null) => (b === null ? '?' : `${Math.round(b / 1024 / 1024)} MB`);

/** The operator's thresholds (Settings); the defaults above otherwise. */
export interface RuleLimits {
  rssGrowthBytesPerHour: number;
}

export function evaluateConditions(server: ServerConfig, s: ServerSnapshot, now: number, trends?: Trends, limits?: RuleLimits): Condition[] {
  if (s.status === 'MAINTENANCE' || !server.enabled) return [];
  const out: Condition[] = [];
  const name = server.name;
  if (s.error?.kind === 'host-key-changed') {
    out.push({ rule: 'host-key-changed', severity: 'critical', agentId: null, summary: `${name}: SSH host key changed; refusing to connect`, inhibitable: false });
  }
  if (s.status === 'DOWN') {
    out.push({
      rule: 'server-down',
      severity: 'critical',
      agentId: null,
      summary: `${name} is DOWN (${s.error?.kind ?? 'unknown'})`,
      inhibitable: false,
    });
    return out;
  }
  if (s.status !== 'UP') return out;

  const startedAt = s.gateway?.startedAt ?? null;
  // A starting gateway is busy (plugins, migrations, catch-up work): its own degraded flags and the
  // heartbeat schedule settle within minutes, so those are not news inside this grace.
  const inGrace = startedAt !== null && now - startedAt < START_UP_GRACE_MS;
  const rt = s.runtime;
  if (rt?.eventLoopDegraded && !inGrace) {
    out.push({ rule: 'event-loop-degraded', severity: 'warning', agentId: null, summary: `${name}: gateway event loop degraded`, inhibitable: true, forMs: 2 * 60_000 });
  }
  if (rt?.modelRuntimeDegraded && !inGrace) {
    out.push({ rule: 'model-runtime-degraded', severity: 'warning', agentId: null, summary: `${name}: model runtime degraded`, inhibitable: true, forMs: 2 * 60_000 });
  }
  if (s.cliVersion && s.version && s.cliVersion !== s.version) {
    out.push({
      rule: 'cli-version-mismatch',
      severity: 'info',
      agentId: null,
      summary: `${name}: CLI ${s.cliVersion} but gateway runs ${s.version} (restart pending?)`,
      inhibitable: true,
      forMs: 10 * 60_000,
    });
  }

  if (s.readiness && !s.readiness.ready) {
    const what = s.readiness.failing.length ? s.readiness.failing.join(', ') : 'no reason given';
    out.push({ rule: 'gateway-not-ready', severity: 'warning', agentId: null, summary: `${name}: gateway live but not ready (${what})`, inhibitable: true, forMs: 2 * 60_000 });
  }
  // The gateway refused Yardmaster's read-only WebSocket (token rotated without a restart, protocol
  // too old or new): probing goes on through the CLI, slower and blind to ticks, so say so.
  const linkError = s.gateway?.via === 'cli' ? (s.gateway.linkError ?? null) : null;
  if (linkError === 'gateway-auth-failed' || linkError === 'gateway-protocol-mismatch') {
    out.push({
      rule: 'gateway-link-refused',
      severity: 'warning',
      agentId: null,
      summary: `${name}: gateway refused the WebSocket (${linkError}); watching through the CLI only: ${s.gateway?.note ?? ''}`.trim(),
      inhibitable: true,
    });
  }

  for (const job of s.heartbeats ?? []) {
    if (!job.enabled || !job.everyMs) continue;
    const agent = job.agentId;
    // Overdue only when the scheduler itself is late: a next run planned far ahead is deliberate
    // (active hours, a paused agent), not a silent agent.
    const deferred = job.nextRunAtMs !== null && job.nextRunAtMs > now + job.everyMs;
    // lastRunAtMs is when the last run started; a run may legitimately last up to its timeout (the
    // cadence, at most 10 min), and one still running is the wedged rule's business.
    const runTimeoutMs = Math.min(job.everyMs, 600_000);
    // Restarted and this agent has not run since: its schedule resumes on OpenClaw's own time (bounded).
    const awaitingFirstRun = startedAt !== null && now - startedAt < HEARTBEAT_RESUME_BOUND_MS && (job.lastRunAtMs === null || job.lastRunAtMs < startedAt);
    if (!awaitingFirstRun && !deferred && job.runningAtMs === null && job.lastRunAtMs !== null && now - job.lastRunAtMs > 2 * job.everyMs + runTimeoutMs) {
      const mins = Math.round((now - job.lastRunAtMs) / 60_000);
      out.push({ rule: 'heartbeat-overdue', severity: 'warning', agentId: agent, summary: `${name}/${agent}: no heartbeat for ${mins} min (every ${Math.round(job.everyMs / 60_000)} min)`, inhibitable: true });
    }
    // A run stuck in "running" past the job timeout (default: the cadence, at most 10 min).
    const timeout = Math.min(job.everyMs, 600_000) + 60_000;
    if (job.runningAtMs !== null && now - job.runningAtMs > timeout) {
      out.push({ rule: 'heartbeat-wedged', severity: 'warning', agentId: agent, summary: `${name}/${agent}: heartbeat run stuck for ${Math.round((now - job.runningAtMs) / 60_000)} min`, inhibitable: true });
    }
    // The run hit the job timeout: the model (or a tool) never answered. Seen on the very first one,
    // because at a 1-minute cadence the next verdict is minutes away.
    if (job.lastRunStatus === 'error' && job.lastErrorReason === 'timeout') {
      out.push({ rule: 'heartbeat-timeout', severity: 'warning', agentId: agent, summary: `${name}/${agent}: heartbeat run timed out (model not answering?)`, inhibitable: true });
    }
    if ((job.consecutiveErrors ?? 0) >= 2) {
      const why = job.lastErrorReason ?? (job.lastRunErrorKind ? REMOTE_ERROR_LABELS[job.lastRunErrorKind] : 'error');
      out.push({ rule: 'heartbeat-failing', severity: 'warning', agentId: agent, summary: `${name}/${agent}: ${job.consecutiveErrors} heartbeats failed in a row (${why})`, inhibitable: true });
    }
    // The run produced something for a human and it went nowhere (no target, delivery failed): the
    // agent escalated and nobody heard. Judged from status/reason ids only; the text is never read.
    if (job.delivery?.undelivered) {
      out.push({ rule: 'heartbeat-undelivered', severity: 'warning', agentId: agent, summary: `${name}/${agent}: heartbeat output not delivered (${job.delivery.undelivered})`, inhibitable: true });
    }
    // Another agent's run holds the scheduler ("cron-in-progress"): this agent is silently not checked.
    // Only skips behind another run count; skips outside active hours are by design.
    if ((job.consecutiveSkipped ?? 0) >= 2 && job.lastRunErrorKind === 'run-in-progress') {
      out.push({ rule: 'heartbeat-skipped', severity: 'warning', agentId: agent, summary: `${name}/${agent}: ${job.consecutiveSkipped} heartbeats skipped in a row (another run still in progress)`, inhibitable: true });
    }
  }

  // Agent runs failing with no success since: the model (or its provider) is erroring. Timeouts alone
  // are the heartbeat-timeout rule's (a hang); this is about runs that fail.
  const rf = s.runFailures;
  // Not inside the restart grace: a gateway reconciles runs its crash interrupted as failed at boot.
  if (rf && rf.failed >= 2 && !inGrace) {
    out.push({
      rule: 'agent-runs-failing',
      severity: 'warning',
      agentId: null,
      summary: `${name}: ${rf.failed} agent runs failed${rf.timedOut ? ` and ${rf.timedOut} timed out` : ''} since ${new Date(rf.since).toISOString().slice(11, 16)} UTC, none succeeded (model errors?)`,
      inhibitable: true,
    });
  }

  const restarts = s.recentRestarts?.length ?? 0;
  if (restarts >= RESTART_LOOP_COUNT) {
    out.push({ rule: 'restart-loop', severity: 'critical', agentId: null, summary: `${name}: gateway restarted ${restarts} times in the last hour`, inhibitable: true });
  }
  const slope = trends?.rssBytesPerHour ?? null;
  if (slope !== null && slope > (limits?.rssGrowthBytesPerHour ?? RSS_GROWTH_ALERT_BYTES_PER_HOUR)) {
    out.push({
      rule: 'rss-growth',
      severity: 'warning',
      agentId: null,
      summary: `${name}: gateway memory growing ${Math.round(slope / 1024 / 1024)} MB/h (RSS ${formatMb(rt?.rssBytes ?? null)})`,
      inhibitable: true,
      forMs: 30 * 60_000,
    });
  }
  return out;
}
