import { describe, expect, it } from 'vitest';
import { fillTrend, leastSquaresSlope } from './fill-trend';

const MIN = 60_000;
const HOUR = 60 * MIN;
const T0 = 1_800_000_000_000; // realistic epoch ms: the fit must not lose precision on them

describe('fill trend', () => {
  it('fits the slope of a straight line exactly, even at epoch-millisecond times', () => {
    const pts = Array.from({ length: 10 }, (_, i) => ({ t: T0 + i * MIN, v: 0.2 + 0.01 * i }));
    expect(leastSquaresSlope(pts)! * MIN).toBeCloseTo(0.01, 10);
    expect(leastSquaresSlope(pts.slice(0, 1))).toBeNull();
    expect(leastSquaresSlope([{ t: T0, v: 1 }, { t: T0, v: 2 }])).toBeNull();
  });

  it('is not thrown by one outlier the way first-to-last would be', () => {
    const pts = Array.from({ length: 25 }, (_, i) => ({ t: T0 + i * 5 * MIN, v: 0.3 + 0.005 * i }));
    pts[24] = { ...pts[24]!, v: 0.28 }; // a single low estimate at the end
    const slope = leastSquaresSlope(pts)! * HOUR;
    const naive = ((pts[24]!.v - pts[0]!.v) / (pts[24]!.t - pts[0]!.t)) * HOUR;
    expect(naive).toBeLessThan(0);
    expect(slope).toBeGreaterThan(0);
  });

  it('forecasts the time to overflow from the last reading at the fitted slope', () => {
    // 6 points over 50 min, +0.06 per hour, last at 0.7: 0.3 left → 5 h.
    const pts = Array.from({ length: 6 }, (_, i) => ({ t: T0 + i * 10 * MIN, v: 0.65 + 0.01 * i }));
    const now = T0 + 50 * MIN;
    const trend = fillTrend(pts, now);
    expect(trend.slopePerHour).toBeCloseTo(0.06, 6);
    expect(trend.timeToOverflowMs! / HOUR).toBeCloseTo(5, 3);
  });

  it('gives no forecast when flat or falling, and no slope with too few points', () => {
    const flat = Array.from({ length: 5 }, (_, i) => ({ t: T0 + i * MIN, v: 0.5 }));
    expect(fillTrend(flat, T0 + 5 * MIN)).toEqual({ slopePerHour: 0, timeToOverflowMs: null });
    expect(fillTrend(flat.slice(0, 2), T0 + 5 * MIN)).toEqual({ slopePerHour: null, timeToOverflowMs: null });
  });

  it('fits only after the last compaction and inside the window', () => {
    const before = Array.from({ length: 5 }, (_, i) => ({ t: T0 + i * MIN, v: 0.5 + 0.1 * i })); // steep, then compacted
    const after = Array.from({ length: 5 }, (_, i) => ({ t: T0 + (10 + i) * MIN, v: 0.3 + 0.001 * i }));
    const now = T0 + 14 * MIN;
    const trend = fillTrend([...before, ...after], now, { since: T0 + 10 * MIN });
    expect(trend.slopePerHour).toBeCloseTo(0.06, 6);
    const old = fillTrend(before, T0 + 10 * HOUR);
    expect(old.slopePerHour).toBeNull();
  });
});
