// Heartbeat delivery outcomes: shapes taken from OpenClaw 2026.9.5/2026.9.6 (heartbeat-runner and
// `last-heartbeat` as the lab observed it). Text and recipients never pass the parser.
import { describe, expect, it } from 'vitest';
import type { HeartbeatJob } from '../../shared/domain';
import { attributeOutcomes, OutcomeRing, parseHeartbeatOutcome, undeliveredReason, type HeartbeatOutcome } from './heartbeat-outcomes';

const SENTINEL = 'YMSENTINEL-disk-is-full-call-bob';

describe('heartbeat outcome parser', () => {
  it('keeps ts, status, an id-shaped reason and whether a target existed; never preview, message or recipients', () => {
    // `fault.sh s3 hb-alert "…"` in the lab: skipped / target-none, with the text in preview.
    const labAlert = { ts: 1_000, status: 'skipped', reason: 'target-none', preview: SENTINEL, message: 'Heartbeat delivery is disabled by configuration (target: none).', indicatorType: 'sent', durationMs: 2100, accountId: 'acct-1' };
    const parsed = parseHeartbeatOutcome(labAlert)!;
    expect(parsed).toEqual({ ts: 1_000, status: 'skipped', reason: 'target-none', targeted: false });
    // A configured target whose delivery failed: the reason is the error text, the recipient a phone number.
    const failed = parseHeartbeatOutcome({ ts: 2_000, status: 'failed', reason: `send failed: ${SENTINEL}`, to: '+15551234567', preview: SENTINEL, channel: 'whatsapp' })!;
    expect(failed).toEqual({ ts: 2_000, status: 'failed', reason: 'delivery-error', targeted: true });
    expect(JSON.stringify([parsed, failed])).not.toMatch(/SENTINEL|5551234567|acct-1|whatsapp/);
    expect(parseHeartbeatOutcome(null)).toBeNull();
    expect(parseHeartbeatOutcome({ ts: 'x', status: 'skipped' })).toBeNull();
    expect(parseHeartbeatOutcome({ ts: 1, status: 'exploded' })).toBeNull();
  });

  it('names output that went nowhere, and nothing else', () => {
    const o = (over: Partial<HeartbeatOutcome>): HeartbeatOutcome => ({ ts: 1, status: 'skipped', reason: null, targeted: false, ...over });
    expect(undeliveredReason(o({ reason: 'target-none' }))).toBe('target-none');
    expect(undeliveredReason(o({ reason: 'alerts-disabled' }))).toBe('alerts-disabled');
    expect(undeliveredReason(o({ status: 'failed', reason: 'delivery-error', targeted: true }))).toBe('delivery-error');
    expect(undeliveredReason(o({ status: 'skipped', reason: null, targeted: true }))).toBe('not-delivered');
    // Nothing to say, a run failure (the model; heartbeat-failing's business), scheduling skips.
    expect(undeliveredReason(o({ status: 'ok-empty', reason: 'interval' }))).toBeNull();
    expect(undeliveredReason(o({ status: 'failed', reason: 'agent-runner-failure' }))).toBeNull();
    expect(undeliveredReason(o({ reason: 'cron-in-progress' }))).toBeNull();
    expect(undeliveredReason(o({ reason: 'no-route' }))).toBeNull();
    expect(undeliveredReason(o({ status: 'sent', targeted: true }))).toBeNull();
  });
});

describe('attribution to a heartbeat job', () => {
  const job = (agentId: string, lastRunAtMs: number, lastDurationMs?: number): HeartbeatJob => ({
    agentId, enabled: true, everyMs: 60_000, lastRunAtMs, nextRunAtMs: null, runningAtMs: null, lastRunStatus: 'ok',
    consecutiveErrors: 0, lastRunErrorKind: null, lastErrorReason: null, consecutiveSkipped: 0, ...(lastDurationMs !== undefined ? { lastDurationMs } : {}),
  });

  it('gives each job the outcome inside its last run window, and none from an older run', () => {
    const outcomes: HeartbeatOutcome[] = [
      { ts: 10_500, status: 'skipped', reason: 'target-none', targeted: false }, // ops's run at 10 000 (since replaced)
      { ts: 42_300, status: 'ok-empty', reason: 'interval', targeted: false }, // main's run at 40 000
      { ts: 71_900, status: 'skipped', reason: 'target-none', targeted: false }, // ops's run at 70 000
    ];
    const [main, ops, research] = attributeOutcomes([job('main', 40_000, 2_300), job('ops', 70_000, 1_900), job('research', 20_000, 1_000)], outcomes);
    expect(main!.delivery).toEqual({ at: 42_300, status: 'ok-empty', undelivered: null });
    expect(ops!.delivery).toEqual({ at: 71_900, status: 'skipped', undelivered: 'target-none' });
    // research last ran at 20 000 for 1 s: the 10 500 outcome is older, the others far too late.
    expect(research!.delivery).toBeUndefined();
  });

  it('keeps a bounded, ordered, de-duplicated ring', () => {
    const ring = new OutcomeRing(3);
    for (const ts of [5, 1, 3, 3, 4]) ring.add({ ts, status: 'ok-empty', reason: null, targeted: false });
    expect(ring.list().map((o) => o.ts)).toEqual([3, 4, 5]);
  });
});
