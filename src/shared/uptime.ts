// A server's status over a time range, from its status transitions (kept forever): intervals per
// status for outage bands, and uptime = time UP / (time UP + time DOWN). Maintenance, pending and
// unobserved time count neither way. Pure, so the incident report computes the same numbers.
import type { ServerStatus, StatusTransition } from './domain';

export interface StatusInterval {
  from: number;
  to: number;
  status: ServerStatus;
}

/** Intervals covering [from, to] as far as the transitions tell (nothing before the first observation). */
export function statusIntervals(transitions: readonly StatusTransition[], from: number, to: number): StatusInterval[] {
  if (to <= from) return [];
  const sorted = [...transitions].sort((a, b) => a.at - b.at);
  const before = sorted.filter((t) => t.at <= from).pop();
  // The status at `from`: set by the last change before it, else what the first later change left.
  let status: ServerStatus | null = before ? before.to : (sorted.find((t) => t.at > from)?.from ?? null);
  if (status === 'UNKNOWN') status = null;
  let start = from;
  const out: StatusInterval[] = [];
  for (const t of sorted) {
    if (t.at <= from) continue;
    if (t.at >= to) break;
    if (status && t.at > start) out.push({ from: start, to: t.at, status });
    status = t.to === 'UNKNOWN' ? null : t.to;
    start = t.at;
  }
  if (status && to > start) out.push({ from: start, to, status });
  return out;
}

/** Fraction of observed UP/DOWN time that was UP; null when nothing was observed in the range. */
export function uptimeFraction(intervals: readonly StatusInterval[]): number | null {
  let up = 0;
  let down = 0;
  for (const i of intervals) {
    if (i.status === 'UP') up += i.to - i.from;
    else if (i.status === 'DOWN') down += i.to - i.from;
  }
  return up + down > 0 ? up / (up + down) : null;
}
