// What became of a heartbeat run's output, from the gateway's heartbeat events (WS `heartbeat`, RPC
// `last-heartbeat`). The payload carries the model's text (`preview`, up to 200 chars) and delivery
// targets (`to`, `accountId`: client identities) next to the facts we need; the parser copies only
// `ts`, `status` and an id-shaped `reason`, and whether a delivery target existed (never its value).
// `preview` and `message` are never read. The events carry no agent id: runs are attributed to a
// heartbeat job by time, from the jobs' last-run window (cron.list).
import type { HeartbeatDelivery, HeartbeatJob } from '../../shared/domain';

export interface HeartbeatOutcome {
  ts: number;
  status: 'sent' | 'ok-empty' | 'ok-token' | 'skipped' | 'failed';
  reason: string | null;
  /** The run had a delivery target (a channel and recipient); its value is not kept. */
  targeted: boolean;
}

const STATUSES = new Set<HeartbeatOutcome['status']>(['sent', 'ok-empty', 'ok-token', 'skipped', 'failed']);
/** Reasons are OpenClaw ids ("target-none"); a delivery error can be free text, which is not kept. */
const REASON = /^[a-z][a-z0-9-]{0,63}$/;
/**
 * Skip reasons that mean the output was meant for a human and went nowhere (OpenClaw 2026.9.5 and
 * 2026.9.6, heartbeat-runner: the no-target / alerts-disabled / channel-not-ready branches). Not
 * "no-route": that reason also ends a run before it starts, when there is nothing to say.
 */
const NOT_DELIVERED = new Set(['target-none', 'no-target', 'alerts-disabled', 'channel-not-ready', 'dm-blocked', 'unknown-account']);

const obj = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

export function parseHeartbeatOutcome(payload: unknown): HeartbeatOutcome | null {
  const p = obj(payload);
  const ts = typeof p.ts === 'number' && Number.isFinite(p.ts) ? p.ts : null;
  const status = typeof p.status === 'string' && STATUSES.has(p.status as HeartbeatOutcome['status']) ? (p.status as HeartbeatOutcome['status']) : null;
  if (ts === null || status === null) return null;
  const reason = p.reason === undefined || p.reason === null ? null : typeof p.reason === 'string' && REASON.test(p.reason) ? p.reason : 'delivery-error';
  return { ts, status, reason, targeted: typeof p.to === 'string' && p.to.length > 0 };
}

/** Why the output was not delivered, or null when it was (or there was nothing to deliver). */
export function undeliveredReason(o: HeartbeatOutcome): string | null {
  // A configured target that failed or was not confirmed (OpenClaw sets `to` only on that path).
  if ((o.status === 'failed' || o.status === 'skipped') && o.targeted) return o.reason ?? 'not-delivered';
  if (o.status === 'skipped' && o.reason !== null && NOT_DELIVERED.has(o.reason)) return o.reason;
  return null;
}

/** Slack between a job's recorded run window and the event's timestamp (emitted as the run ends). */
const WINDOW_SLACK_MS = 10_000;

/**
 * Gives each heartbeat job the outcome of its latest run, when one of the outcomes falls in that
 * run's window [lastRunAtMs, lastRunAtMs + lastDurationMs + slack]. Runs of one gateway do not
 * overlap (a run in progress makes the others skip), so a window names one run.
 */
export function attributeOutcomes(jobs: HeartbeatJob[], outcomes: readonly HeartbeatOutcome[]): HeartbeatJob[] {
  return jobs.map((job) => {
    if (job.lastRunAtMs === null) return job;
    const end = job.lastRunAtMs + (job.lastDurationMs ?? Math.min(job.everyMs ?? 60_000, 600_000)) + WINDOW_SLACK_MS;
    const mine = outcomes.filter((o) => o.ts >= job.lastRunAtMs! && o.ts <= end).sort((a, b) => b.ts - a.ts)[0];
    if (!mine) return job;
    const delivery: HeartbeatDelivery = { at: mine.ts, status: mine.status, undelivered: undeliveredReason(mine) };
    return { ...job, delivery };
  });
}

/** The most recent outcomes of one gateway (events arrive for every run; a few minutes' worth). */
export class OutcomeRing {
  private readonly items: HeartbeatOutcome[] = [];
  constructor(private readonly size = 32) {}
  add(o: HeartbeatOutcome): void {
    if (this.items.some((x) => x.ts === o.ts && x.status === o.status)) return;
    this.items.push(o);
    this.items.sort((a, b) => a.ts - b.ts);
    if (this.items.length > this.size) this.items.splice(0, this.items.length - this.size);
  }
  list(): readonly HeartbeatOutcome[] {
    return this.items;
  }
}
