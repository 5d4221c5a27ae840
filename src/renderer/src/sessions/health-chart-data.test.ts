import { describe, expect, it } from 'vitest';
import { chartRows, heatColour, percent, trendText } from './health-chart-data';

const p = (t: number, v: number) => ({ t, min: v, avg: v, max: v, count: 1 });

describe('session health chart data', () => {
  it('breaks the line where samples are missing, and only there', () => {
    const rows = chartRows([p(0, 0.1), p(60_000, 0.2), p(20 * 60_000, 0.3)], 0, 100);
    expect(rows).toEqual([
      { t: 0, v: 10, max: 10 },
      { t: 60_000, v: 20, max: 20 },
      { t: 60_001, v: null, max: null },
      { t: 1_200_000, v: 30, max: 30 },
    ]);
    // Hour buckets next to each other are not a gap.
    expect(chartRows([p(0, 1), p(3_600_000, 1)], 3_600_000).some((r) => r.v === null)).toBe(false);
  });

  it('colours fill from green to red, with no colour for no data', () => {
    expect(heatColour(null)).toBe('transparent');
    expect(heatColour(0)).toBe('hsl(140 70% 50%)');
    expect(heatColour(0.9)).toBe('hsl(0 70% 45%)');
    expect(percent(0.854)).toBe('85 %');
  });

  it('words the trend', () => {
    expect(trendText({ slopePerHour: 0.12, timeToOverflowMs: 90 * 60_000 })).toBe('+12.0 pts/h, full in 1h 30m');
    expect(trendText({ slopePerHour: -0.01, timeToOverflowMs: null })).toBe('-1.0 pts/h, not growing');
    expect(trendText(null)).toBe('trend: not enough samples');
  });
});
