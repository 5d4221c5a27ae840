// A chart's time axis is the chosen range (not the span of the data), with ticks a person reads:
// times of day for a day or less, dates beyond.
const DAY = 24 * 3_600_000;

export function timeTicks(from: number, to: number, count = 6): number[] {
  if (!(to > from)) return [from];
  const step = (to - from) / (count - 1);
  return Array.from({ length: count }, (_, i) => Math.round(from + i * step));
}

export function tickLabel(t: number, spanMs: number): string {
  const d = new Date(t);
  if (spanMs <= DAY) return d.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  if (spanMs <= 7 * DAY) return d.toLocaleDateString([], { weekday: 'short', hour: '2-digit' });
  return d.toLocaleDateString([], { month: 'short', day: 'numeric' });
}

/** Props for a recharts XAxis spanning exactly [from, to]. */
export function timeAxisProps(from: number, to: number) {
  return {
    dataKey: 't',
    type: 'number' as const,
    domain: [from, to] as [number, number],
    allowDataOverflow: true,
    ticks: timeTicks(from, to),
    tickFormatter: (t: number) => tickLabel(t, to - from),
    fontSize: 11,
  };
}

export const CHART_RANGES = [
  { id: '1h', label: '1 h', ms: 3_600_000 },
  { id: '3h', label: '3 h', ms: 3 * 3_600_000 },
  { id: '24h', label: '24 h', ms: DAY },
  { id: '7d', label: '7 d', ms: 7 * DAY },
  { id: '30d', label: '30 d', ms: 30 * DAY },
] as const;
export type ChartRangeId = (typeof CHART_RANGES)[number]['id'];
