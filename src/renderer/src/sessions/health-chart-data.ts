// Pure helpers for the session-health charts: time ranges, gaps, heat colours, readable trends.
import type { SeriesPoint } from '../../../shared/domain';
import type { FillTrend } from '../../../shared/session-health';
import { formatPercent, formatSlope, formatTimeToFull } from '../../../shared/format';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

export const RANGES = [
  { id: 'recent', label: 'Recent', ms: HOUR },
  { id: '3h', label: '3 h', ms: 3 * HOUR },
  { id: '6h', label: '6 h', ms: 6 * HOUR },
  { id: '24h', label: '24 h', ms: 24 * HOUR },
  { id: '1w', label: '1 w', ms: 7 * 24 * HOUR },
  { id: '30d', label: '30 d', ms: 30 * 24 * HOUR },
] as const;
export type RangeId = (typeof RANGES)[number]['id'];
export const rangeMs = (id: RangeId): number => RANGES.find((r) => r.id === id)!.ms;

/**
 * Chart rows from series points: a null row wherever the spacing is much wider than usual, so the
 * line breaks where nothing was recorded (server down, gateway unreachable) instead of bridging it.
 * Raw samples (resolution 0) come one per RPC refresh, about a minute apart.
 */
export function chartRows(points: SeriesPoint[], resolutionMs: number, scale = 1): Array<{ t: number; v: number | null; max: number | null }> {
  const maxGap = resolutionMs > 0 ? 2.5 * resolutionMs : 5 * MINUTE;
  const out: Array<{ t: number; v: number | null; max: number | null }> = [];
  points.forEach((p, i) => {
    const prev = points[i - 1];
    if (prev && p.t - prev.t > maxGap) out.push({ t: prev.t + 1, v: null, max: null });
    out.push({ t: p.t, v: p.avg * scale, max: p.max * scale });
  });
  return out;
}

/** Fill 0..1 → a background colour from calm to alarming; null (no data) is transparent. */
export function heatColour(fill: number | null): string {
  if (fill === null) return 'transparent';
  const f = Math.max(0, Math.min(1, fill));
  // Green (140°) at 0 through amber to red (0°) at 100 %; the top 15 % is all red.
  const hue = Math.round(140 * Math.max(0, 1 - f / 0.85));
  return `hsl(${hue} 70% ${f >= 0.85 ? 45 : 50}%)`;
}

export const percent = (f: number | null): string => formatPercent(f);

export function trendText(t: FillTrend | null): string {
  if (!t || t.slopePerHour === null) return 'trend: not enough samples';
  const slope = formatSlope(t.slopePerHour);
  if (t.timeToOverflowMs === null) return slope === 'not growing' ? slope : `${slope}, not growing`;
  return `${slope}, full in ${formatTimeToFull(t.timeToOverflowMs)}`;
}

/** Time until full, in words ("not growing", "> 1 y", "5h 2m"). */
export const formatSpan = (ms: number | null): string => formatTimeToFull(ms);
