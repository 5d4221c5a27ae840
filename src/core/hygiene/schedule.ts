// When a hygiene policy fires and whether that is inside its maintenance window. Cron expressions are
// read by croner (a maintained parser with time zones), never by hand; the window is local wall-clock
// time in the policy's time zone, read with Intl.
import { Cron } from 'croner';
import type { HygienePolicyInput } from '../../shared/hygiene';

const MINUTE = 60_000;
const DAY_MINUTES = 24 * 60;
/** How far ahead a schedule must fire inside its window at least once to be accepted. */
const LOOKAHEAD_MS = 366 * 24 * 3_600_000;

type ScheduleFields = Pick<HygienePolicyInput, 'cron' | 'timezone' | 'windowStart' | 'windowEnd'>;

const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

function validTimezone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

function cronOf(p: ScheduleFields): Cron {
  return new Cron(p.cron, { timezone: p.timezone, paused: true });
}

/** Minutes since local midnight in `tz`. */
export function localMinuteOfDay(t: number, tz: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone: tz, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(t));
  const hour = Number(parts.find((x) => x.type === 'hour')?.value ?? 0);
  const minute = Number(parts.find((x) => x.type === 'minute')?.value ?? 0);
  return hour * 60 + minute;
}

/** The end of the window that contains t, or null when t is outside every window. */
export function windowEndAt(p: ScheduleFields, t: number): number | null {
  const start = minutesOf(p.windowStart);
  const end = minutesOf(p.windowEnd);
  if (start === end) return null;
  const m = localMinuteOfDay(t, p.timezone);
  const inside = start < end ? m >= start && m < end : m >= start || m < end;
  if (!inside) return null;
  const left = (end - m + DAY_MINUTES) % DAY_MINUTES || DAY_MINUTES;
  // To the minute: the start of t's minute plus the minutes left (wall-clock; a DST jump inside a window shifts it).
  return t - (t % MINUTE) + left * MINUTE;
}

/** Field → problem for a schedule that cannot work; empty when it fires inside its window. */
export function scheduleProblems(p: ScheduleFields, now: number): Record<string, string> {
  if (!validTimezone(p.timezone)) return { timezone: `unknown time zone "${p.timezone}" (use an IANA name like Europe/Berlin or UTC)` };
  let cron: Cron;
  try {
    cron = cronOf(p);
  } catch (err) {
    return { cron: `not a valid cron expression: ${(err as Error).message}` };
  }
  if (minutesOf(p.windowStart) === minutesOf(p.windowEnd)) return { windowEnd: 'the window never opens: start and end are the same time' };
  let at = cron.nextRun(new Date(now));
  if (!at) return { cron: 'this expression never fires again' };
  for (let i = 0; at && at.getTime() - now < LOOKAHEAD_MS && i < 5_000; i++) {
    if (windowEndAt(p, at.getTime()) !== null) return {};
    at = cron.nextRun(at);
  }
  return { windowStart: `the schedule never fires inside the window ${p.windowStart}–${p.windowEnd} (${p.timezone})` };
}

/** The next fire strictly after `after` that falls inside the window, or null. */
export function nextFireInWindow(p: ScheduleFields, after: number): number | null {
  if (Object.keys(scheduleProblems(p, after)).length) return null;
  const cron = cronOf(p);
  let at = cron.nextRun(new Date(after));
  for (let i = 0; at && at.getTime() - after < LOOKAHEAD_MS && i < 5_000; i++) {
    if (windowEndAt(p, at.getTime()) !== null) return at.getTime();
    at = cron.nextRun(at);
  }
  return null;
}

/**
 * The fire that came due in (since, now], if it lies in a window that is still open now: a tick that
 * wakes after its window closed (console asleep) lets that occurrence pass.
 */
export function dueFire(p: ScheduleFields, since: number, now: number): { firedAt: number; windowEndsAt: number } | null {
  let cron: Cron;
  try {
    cron = cronOf(p);
  } catch {
    return null;
  }
  let at = cron.nextRun(new Date(since));
  let latest: number | null = null;
  for (let i = 0; at && at.getTime() <= now && i < 10_000; i++) {
    latest = at.getTime();
    at = cron.nextRun(at);
  }
  if (latest === null) return null;
  const endAtFire = windowEndAt(p, latest);
  const endNow = windowEndAt(p, now);
  if (endAtFire === null || endNow === null || endNow !== endAtFire) return null;
  return { firedAt: latest, windowEndsAt: endNow };
}
