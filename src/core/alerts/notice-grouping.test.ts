// Notice grouping with a hand-driven clock and timer (no waiting on real time).
import { describe, expect, it } from 'vitest';
import type { Alert } from '../../shared/domain';
import type { Notice } from './escalation';
import { NoticeGrouping, type GroupedNotice } from './notice-grouping';

function manualClock() {
  let now = 0;
  let timer: { fn: () => void; at: number } | null = null;
  return {
    now: () => now,
    setTimer: (fn: () => void, ms: number) => (timer = { fn, at: now + ms }),
    clearTimer: () => void (timer = null),
    /** Moves time on, firing the pending timer if it comes due. */
    advance(ms: number) {
      now += ms;
      if (timer && timer.at <= now) {
        const t = timer;
        timer = null;
        t.fn();
      }
    },
  };
}

const notice = (i: number, rule = 'server-down', reason: Notice['reason'] = 'raised'): Notice => {
  const alert: Alert = {
    id: `${rule}:s${i}`,
    rule,
    severity: 'critical',
    serverId: `s${i}`,
    agentId: null,
    summary: `sim-${i} is DOWN (gateway-unreachable)`,
    startedAt: 0,
    resolvedAt: null,
    inhibited: false,
    silencedBy: null,
    ackedAt: null,
    ackedBy: null,
  };
  return { alert, level: 0, targets: ['desktop', 'webhooks'], reason };
};

function setup(o: { quietMs?: number; maxWaitMs?: number } = {}) {
  const clock = manualClock();
  const sent: GroupedNotice[] = [];
  const grouping = new NoticeGrouping({ ...o, emit: (n) => sent.push(n), now: clock.now, setTimer: clock.setTimer, clearTimer: clock.clearTimer });
  return { clock, sent, grouping };
}

describe('notice grouping', () => {
  it('sends a storm of 100 server-down notices as one notification listing every server', () => {
    const { clock, sent, grouping } = setup();
    for (let i = 0; i < 100; i++) {
      grouping.add(notice(i));
      clock.advance(20);
    }
    expect(sent).toHaveLength(0);
    clock.advance(3_000);
    expect(sent).toHaveLength(1);
    const [one] = sent;
    expect(one!.group!.count).toBe(100);
    expect(one!.group!.servers.map((s) => s.serverId)).toEqual(Array.from({ length: 100 }, (_, i) => `s${i}`));
    expect(one!.alert.summary).toMatch(/^server-down on 100 servers: sim-0 is DOWN/);
    expect(one!.alert.summary).toContain('and 90 more');
    expect(one!.targets).toEqual(['desktop', 'webhooks']);
  });

  it('sends a lone notice as it came, after the quiet spell', () => {
    const { clock, sent, grouping } = setup();
    const n = notice(7);
    grouping.add(n);
    clock.advance(2_999);
    expect(sent).toHaveLength(0);
    clock.advance(1);
    expect(sent).toEqual([n]);
  });

  it('keeps rules and reasons apart, and counts a server once per group', () => {
    const { clock, sent, grouping } = setup();
    grouping.add(notice(1));
    grouping.add(notice(2));
    grouping.add(notice(2));
    grouping.add(notice(3, 'gateway-restarted'));
    grouping.add(notice(4, 'server-down', 'escalated'));
    clock.advance(3_000);
    expect(sent.map((n) => [n.alert.rule, n.reason, n.group?.count ?? 1])).toEqual([
      ['server-down', 'raised', 2],
      ['gateway-restarted', 'raised', 1],
      ['server-down', 'escalated', 1],
    ]);
  });

  it('does not hold a storm that keeps growing past the longest wait', () => {
    const { clock, sent, grouping } = setup({ quietMs: 3_000, maxWaitMs: 10_000 });
    for (let i = 0; i < 12; i++) {
      grouping.add(notice(i));
      clock.advance(1_000);
    }
    // Sent at 10 s with the ten that had come; the rest form the next batch.
    expect(sent).toHaveLength(1);
    expect(sent[0]!.group!.count).toBe(10);
    clock.advance(3_000);
    expect(sent).toHaveLength(2);
    expect(sent[1]!.group!.count).toBe(2);
  });

  it('flush sends what waits at once (shutdown)', () => {
    const { sent, grouping } = setup();
    grouping.add(notice(1));
    grouping.add(notice(2));
    grouping.flush();
    expect(sent).toHaveLength(1);
    expect(grouping.waiting()).toBe(0);
  });
});
