// Growth of a context-fill series: the least-squares slope over a recent window, and the time until
// the fill would reach 100 % at that slope. Least squares rather than first-to-last, so one noisy
// sample (a turn in flight, an estimate revised) does not swing the forecast.
import type { FillTrend } from '../../shared/session-health';

const HOUR = 3_600_000;

export interface TrendOptions {
  /** How far back to fit (default 2 h). */
  windowMs?: number;
  /** Fewer points than this give no slope (default 3). */
  minPoints?: number;
  /** A compaction inside the window restarts the fit after it: the old growth no longer applies. */
  since?: number | null;
}

/** Slope of y over t (per millisecond) by ordinary least squares; null if undefined. */
export function leastSquaresSlope(points: ReadonlyArray<{ t: number; v: number }>): number | null {
  const n = points.length;
  if (n < 2) return null;
  // Centre t on its mean: epoch milliseconds squared would lose precision in doubles.
  let meanT = 0;
  let meanV = 0;
  for (const p of points) {
    meanT += p.t / n;
    meanV += p.v / n;
  }
  let num = 0;
  let den = 0;
  for (const p of points) {
    const dt = p.t - meanT;
    num += dt * (p.v - meanV);
    den += dt * dt;
  }
  return den > 0 ? num / den : null;
}

export function fillTrend(points: ReadonlyArray<{ t: number; v: number }>, now: number, o: TrendOptions = {}): FillTrend {
  const from = Math.max(now - (o.windowMs ?? 2 * HOUR), o.since ?? -Infinity);
  const recent = points.filter((p) => p.t >= from && p.t <= now && Number.isFinite(p.v));
  if (recent.length < (o.minPoints ?? 3)) return { slopePerHour: null, timeToOverflowMs: null };
  const slope = leastSquaresSlope(recent);
  if (slope === null) return { slopePerHour: null, timeToOverflowMs: null };
  const last = recent[recent.length - 1]!.v;
  // Forecast from the last reading, not the fitted line: it is what the gateway sees now.
  const timeToOverflowMs = slope > 0 ? Math.max(0, (1 - last) / slope) : null;
  return { slopePerHour: slope * HOUR, timeToOverflowMs };
}
