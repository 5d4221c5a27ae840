// Trends over a metric's recent history, for rules a single snapshot cannot decide (a slow leak).
// Least squares over the window; only a long, steady climb counts, so warm-up and GC saw-teeth do not.
import type { SeriesPoint } from '../../shared/domain';

export interface TrendOptions {
  /** The points must span at least this long (default 2 h). */
  minSpanMs?: number;
  minPoints?: number;
  /** How well a straight line must fit (coefficient of determination, default 0.6). */
  minR2?: number;
}

/** Growth per hour of the series' averages, or null when the data cannot say (too short, too noisy). */
export function slopePerHour(points: SeriesPoint[], o: TrendOptions = {}): number | null {
  const pts = points.filter((p) => Number.isFinite(p.avg) && p.count > 0);
  if (pts.length < (o.minPoints ?? 20)) return null;
  const span = pts[pts.length - 1]!.t - pts[0]!.t;
  if (span < (o.minSpanMs ?? 2 * 3_600_000)) return null;
  const n = pts.length;
  // Hours from the first point, to keep the sums well-conditioned.
  const xs = pts.map((p) => (p.t - pts[0]!.t) / 3_600_000);
  const ys = pts.map((p) => p.avg);
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sxy += (xs[i]! - mx) * (ys[i]! - my);
    sxx += (xs[i]! - mx) ** 2;
    syy += (ys[i]! - my) ** 2;
  }
  if (sxx === 0) return null;
  const slope = sxy / sxx;
  if (syy === 0) return 0;
  const r2 = (sxy * sxy) / (sxx * syy);
  return r2 >= (o.minR2 ?? 0.6) ? slope : null;
}
