// The one number formatter for everything a person reads (window, emails, reports). Every output is
// short, has its unit, never an exponent, never "NaN"/"Infinity", never "-0.0". Missing or
// non-finite input reads "—" unless the function's meaning gives it words ("not growing", "> 1 y").

export const DASH = '—';
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const YEAR = 365 * DAY;

const usable = (n: number | null | undefined): n is number => typeof n === 'number' && Number.isFinite(n);

/** Fixed decimals without "-0" and without exponents (toFixed switches to them at 1e21). */
function fixed(n: number, digits: number): string {
  const s = n.toFixed(digits);
  return /^-0(\.0+)?$/.test(s) ? s.slice(1) : s;
}

/** A plain count or measure: 1234 → "1,234"; 12_500_000 → "12.5 M"; beyond a trillion "> 999 T". */
export function formatNumber(n: number | null | undefined, digits = 0): string {
  if (!usable(n)) return DASH;
  const abs = Math.abs(n);
  const sign = n < 0 ? '-' : '';
  if (abs >= 1e15) return `${sign ? '< -' : '> '}999 T`;
  for (const [limit, unit] of [
    [1e12, 'T'],
    [1e9, 'B'],
    [1e6, 'M'],
  ] as const) {
    if (abs >= limit) return `${sign}${fixed(abs / limit, abs / limit >= 100 ? 0 : 1)} ${unit}`;
  }
  const rounded = Number(fixed(n, digits));
  if (rounded === 0) return digits > 0 ? fixed(0, digits) : '0';
  return rounded.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** A length of time, coarsest two units: "45s", "3m 20s", "5h 2m", "3d 4h"; a year or more "> 1 y". */
export function formatDuration(ms: number | null | undefined): string {
  if (ms === Infinity) return '> 1 y';
  if (!usable(ms)) return DASH;
  if (ms >= YEAR) return '> 1 y';
  const s = Math.max(0, Math.round(ms / SECOND));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 ? `${m}m ${s % 60}s` : `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 48) return m % 60 ? `${h}h ${m % 60}m` : `${h}h`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d}d ${h % 24}h` : `${d}d`;
}

/** "5m ago"; a time in the future (clock skew) reads "just now" rather than a negative age. */
export function formatAgo(ts: number | null | undefined, now: number): string {
  if (!usable(ts) || !usable(now)) return DASH;
  if (ts > now) return 'just now';
  return `${formatDuration(now - ts)} ago`;
}

/** A time that should lie ahead: "in 4m"; already past: "overdue by 2m" (never a past time as "next"). */
export function formatUntil(ts: number | null | undefined, now: number): string {
  if (!usable(ts) || !usable(now)) return DASH;
  return ts >= now ? `in ${formatDuration(ts - now)}` : `overdue by ${formatDuration(now - ts)}`;
}

export function formatEvery(ms: number | null | undefined): string {
  return usable(ms) && ms > 0 ? formatDuration(ms) : DASH;
}

/** Latency: "180 ms" below 10 s, "12.4 s" above, "> 1 y" never needed. */
export function formatMs(ms: number | null | undefined): string {
  if (!usable(ms)) return DASH;
  if (Math.abs(ms) < 10 * SECOND) return `${formatNumber(ms)} ms`;
  if (Math.abs(ms) < MINUTE) return `${fixed(ms / SECOND, 1)} s`;
  return formatDuration(ms);
}

const BYTE_UNITS = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'] as const;
/** Binary sizes with their unit: "512 B", "3.4 MB", "1.25 GB"; beyond petabytes "> 999 PB". */
export function formatBytes(n: number | null | undefined): string {
  if (!usable(n)) return DASH;
  if (n < 0) return Math.round(-n) === 0 ? '0 B' : `-${formatBytes(-n)}`;
  let v = n;
  let i = 0;
  while (v >= 1024 && i < BYTE_UNITS.length - 1) {
    v /= 1024;
    i += 1;
  }
  if (v >= 1024) return '> 999 PB';
  return i === 0 ? `${Math.round(v)} B` : `${fixed(v, v >= 100 ? 0 : v >= 10 ? 1 : 2)} ${BYTE_UNITS[i]}`;
}

/** A fraction as a percentage: 0.423 → "42 %"; over budget stays visible ("130 %"); absurd values "> 999 %". */
export function formatPercent(fraction: number | null | undefined, digits = 0): string {
  if (!usable(fraction)) return DASH;
  const p = fraction * 100;
  if (p >= 1000) return '> 999 %';
  if (p <= -1000) return '< -999 %';
  return `${fixed(p, digits)} %`;
}

/**
 * A fill slope (fraction per hour) as percentage points per hour: "+1.5 pts/h", "-0.3 pts/h".
 * Anything that rounds to zero, or nothing measured, is "not growing" (never "-0.0 pts/h").
 */
export function formatSlope(perHour: number | null | undefined): string {
  if (!usable(perHour)) return 'not growing';
  const pts = perHour * 100;
  if (Math.abs(pts) < 0.05) return 'not growing';
  if (pts >= 1000) return '> +999 pts/h';
  if (pts <= -1000) return '< -999 pts/h';
  return `${pts > 0 ? '+' : ''}${fixed(pts, 1)} pts/h`;
}

/** Time until something fills up: null/never → "not growing"; past a year → "> 1 y". */
export function formatTimeToFull(ms: number | null | undefined): string {
  if (ms === Infinity) return '> 1 y';
  if (!usable(ms) || ms < 0) return 'not growing';
  return formatDuration(ms);
}
