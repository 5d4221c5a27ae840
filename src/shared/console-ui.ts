// Types for the window's ops views (issue 12): probe strips, probe timing with failures kept apart,
// incidents, and the tunable settings. Plain JSON data, like domain.ts.
import type { AlertSeverity, ProbeErrorKind, ServerStatus } from './domain';

/** One probe as the status strip shows it (newest last). */
export interface ProbeMark {
  t: number;
  status: ServerStatus;
  durationMs: number;
  errorKind: ProbeErrorKind | null;
}

/**
 * Probe results in one time bucket. A failed probe's duration is how long it took to give up (a
 * timeout), not a latency: it is counted in `failures` and never averaged into okAvgMs.
 */
export interface ProbeBucket {
  t: number;
  probes: number;
  failures: number;
  /** Probes while in maintenance (not failures, not latency). */
  maintenance: number;
  /** Mean / max duration of the successful probes; null when none succeeded. */
  okAvgMs: number | null;
  okMaxMs: number | null;
}

export interface ProbeTimeline {
  from: number;
  to: number;
  bucketMs: number;
  /** 'raw': from every probe (kept 48 h); 'rollup': from minute/hour rollups, failures approximate. */
  source: 'raw' | 'rollup';
  buckets: ProbeBucket[];
}

/**
 * A set of related alerts over time: alerts of one server whose active periods overlap or follow
 * each other within the grouping gap (an outage and the heartbeat alerts it drags along are one).
 */
export interface Incident {
  id: string;
  serverId: string;
  severity: AlertSeverity;
  startedAt: number;
  /** null while any of its alerts is active. */
  resolvedAt: number | null;
  rules: string[];
  alertIds: string[];
  /** First acknowledgement of any of its alerts. */
  firstAckAt: number | null;
  /** Time to acknowledge / to resolve, from the incident's start; null when not (yet) done. */
  ttaMs: number | null;
  ttrMs: number | null;
}

/** Settings the operator can change in the window; applied at the next cycle, no restart. */
export interface ConsoleTunables {
  pollIntervalMs: number;
  rpcIntervalMs: number;
  alertHoldDownMs: number;
  escalation: {
    /** A critical alert nobody acknowledged notifies again after this long. */
    criticalRenotifyAfterMs: number;
    /** Then repeats at this interval … */
    repeatEveryMs: number;
    /** … at most this many times. */
    maxRepeats: number;
  };
  /** Where warnings start (read at every evaluation, so a change applies to the next probe). */
  thresholds: {
    /** Context fill of a session, in percent, that raises session-fill-high. */
    sessionFillPct: number;
    /** Sustained gateway RSS growth, in MB per hour, that raises rss-growth. */
    rssGrowthMbPerHour: number;
    /** Zero-token session rows added within 6 h that count as zombie growth. */
    zombieRows: number;
  };
}

export interface ConsoleSettingsView {
  tunables: ConsoleTunables;
  defaults: ConsoleTunables;
  /** Values fixed on the command line for this run: shown, but the saved value applies only without them. */
  overriddenByCommandLine: Array<'pollIntervalMs' | 'rpcIntervalMs' | 'alertHoldDownMs'>;
}
