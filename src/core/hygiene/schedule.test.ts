import { describe, expect, it } from 'vitest';
import { dueFire, localMinuteOfDay, nextFireInWindow, scheduleProblems, windowEndAt } from './schedule';

const at = (iso: string) => Date.parse(iso);
const nightly = { cron: '30 2 * * *', timezone: 'Europe/Berlin', windowStart: '02:00', windowEnd: '04:00' };

describe('hygiene schedule', () => {
  it('reads wall-clock time in the policy time zone', () => {
    // 01:30 UTC in winter is 02:30 in Berlin.
    expect(localMinuteOfDay(at('2026-12-01T01:30:00Z'), 'Europe/Berlin')).toBe(150);
  });

  it('a fire in the window is due; its window end is the local window end', () => {
    const due = dueFire(nightly, at('2026-12-01T01:00:00Z'), at('2026-12-01T01:31:10Z'));
    expect(due).toEqual({ firedAt: at('2026-12-01T01:30:00Z'), windowEndsAt: at('2026-12-01T03:00:00Z') });
  });

  it('nothing is due before the fire, and a fire found only after its window closed is let pass', () => {
    expect(dueFire(nightly, at('2026-12-01T01:00:00Z'), at('2026-12-01T01:29:00Z'))).toBeNull();
    // The console slept through the whole window: at 05:00 Berlin the 02:30 fire is not run late.
    expect(dueFire(nightly, at('2026-12-01T01:00:00Z'), at('2026-12-01T04:00:00Z'))).toBeNull();
  });

  it('a schedule that fires outside its window never runs there, and is refused', () => {
    const outside = { ...nightly, cron: '0 12 * * *' };
    expect(dueFire(outside, at('2026-12-01T10:00:00Z'), at('2026-12-01T11:00:30Z'))).toBeNull();
    expect(scheduleProblems(outside, at('2026-12-01T00:00:00Z'))).toEqual({ windowStart: expect.stringContaining('never fires inside the window') });
    expect(nextFireInWindow(outside, at('2026-12-01T00:00:00Z'))).toBeNull();
  });

  it('a window crossing midnight contains the late evening and the early morning', () => {
    const p = { cron: '*/15 * * * *', timezone: 'UTC', windowStart: '23:00', windowEnd: '01:00' };
    expect(windowEndAt(p, at('2026-12-01T23:30:00Z'))).toBe(at('2026-12-02T01:00:00Z'));
    expect(windowEndAt(p, at('2026-12-02T00:45:00Z'))).toBe(at('2026-12-02T01:00:00Z'));
    expect(windowEndAt(p, at('2026-12-02T01:00:00Z'))).toBeNull();
    expect(nextFireInWindow(p, at('2026-12-01T12:00:00Z'))).toBe(at('2026-12-01T23:00:00Z'));
  });

  it('bad input names its field', () => {
    const now = at('2026-12-01T00:00:00Z');
    expect(Object.keys(scheduleProblems({ ...nightly, cron: 'every night' }, now))).toEqual(['cron']);
    expect(Object.keys(scheduleProblems({ ...nightly, cron: '61 2 * * *' }, now))).toEqual(['cron']);
    expect(Object.keys(scheduleProblems({ ...nightly, timezone: 'Mars/Olympus' }, now))).toEqual(['timezone']);
    expect(scheduleProblems({ ...nightly, windowStart: '03:00', windowEnd: '03:00' }, now)).toEqual({ windowEnd: expect.stringContaining('never opens') });
    expect(scheduleProblems(nightly, now)).toEqual({});
  });
});
