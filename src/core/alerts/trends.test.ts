import { describe, expect, it } from 'vitest';
import type { SeriesPoint } from '../../shared/domain';
import { slopePerHour } from './trends';

const MB = 1024 * 1024;
const series = (minutes: number, f: (m: number) => number): SeriesPoint[] =>
  Array.from({ length: minutes }, (_, m) => {
    const v = f(m);
    return { t: m * 60_000, min: v, avg: v, max: v, count: 4 };
  });

describe('slopePerHour', () => {
  it('measures a steady leak in bytes per hour', () => {
    const s = slopePerHour(series(180, (m) => 500 * MB + (m / 60) * 120 * MB + ((m * 7919) % 13) * MB));
    expect(s! / MB).toBeGreaterThan(115);
    expect(s! / MB).toBeLessThan(125);
  });

  it('says nothing about short or noisy data, and zero for a flat line', () => {
    expect(slopePerHour(series(60, (m) => m * MB))).toBeNull();
    expect(slopePerHour(series(180, (m) => (m % 2 ? 900 : 300) * MB))).toBeNull();
    expect(slopePerHour(series(180, () => 400 * MB))).toBe(0);
  });

  it('ignores gaps (empty buckets) rather than reading them as zero', () => {
    const s = series(180, (m) => 400 * MB + m * MB).map((p, i) => (i % 3 ? p : { ...p, avg: Number.NaN, count: 0 }));
    expect(slopePerHour(s)! / MB).toBeCloseTo(60, 0);
  });
});
