import { describe, expect, it } from 'vitest';
import type { ServerStatus, StatusTransition } from './domain';
import { statusIntervals, uptimeFraction } from './uptime';

const H = 3_600_000;
const t = (at: number, from: ServerStatus, to: ServerStatus): StatusTransition => ({ serverId: 's', at, from, to, outageMs: null, errorKind: null, errorMessage: null });

describe('uptime', () => {
  const history = [t(0, 'UNKNOWN', 'UP'), t(10 * H, 'UP', 'DOWN'), t(11 * H, 'DOWN', 'UP'), t(20 * H, 'UP', 'MAINTENANCE'), t(22 * H, 'MAINTENANCE', 'UP')];
  it('intervals clip to the range and start from the status in force', () => {
    expect(statusIntervals(history, 5 * H, 12 * H)).toEqual([
      { from: 5 * H, to: 10 * H, status: 'UP' },
      { from: 10 * H, to: 11 * H, status: 'DOWN' },
      { from: 11 * H, to: 12 * H, status: 'UP' },
    ]);
  });
  it('uptime excludes maintenance and time before the first observation', () => {
    const all = statusIntervals(history, -100 * H, 24 * H);
    expect(all[0]).toEqual({ from: 0, to: 10 * H, status: 'UP' });
    // UP 10 + 9 + 2 = 21 h, DOWN 1 h.
    expect(uptimeFraction(all)).toBeCloseTo(21 / 22);
  });
  it('nothing observed: null, never 100 %', () => {
    expect(uptimeFraction(statusIntervals([], 0, H))).toBeNull();
    expect(statusIntervals(history, 5 * H, 5 * H)).toEqual([]);
  });
});
