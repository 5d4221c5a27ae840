// Normalisers for config values, so equal settings compare equal across servers whatever their
// spelling: "30m" and "1800s" are both 1_800_000 ms, "10gb" is bytes, lists are sorted. Each returns
// { ok:false } for a value of the wrong type; the caller records a problem and never echoes the input.
import type { ConfigValue } from './config-audit';

export type ValueKind = 'duration' | 'duration-minutes' | 'duration-or-off' | 'bytes-or-off' | 'bytes-or-percent' | 'int' | 'bool' | 'text' | 'list' | 'clock';

export type Normalised = { ok: true; value: ConfigValue } | { ok: false };

const REDACTED = '__OPENCLAW_REDACTED__';
const MAX_TEXT = 128;
const fail: Normalised = { ok: false };
const ok = (value: ConfigValue): Normalised => ({ ok: true, value });

const DURATION_UNITS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, min: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };
const BYTE_UNITS: Record<string, number> = { b: 1, k: 1024, kb: 1024, m: 1024 ** 2, mb: 1024 ** 2, g: 1024 ** 3, gb: 1024 ** 3, t: 1024 ** 4, tb: 1024 ** 4 };
/** Far beyond any sane setting; keeps hostile "9e999h" from becoming Infinity. */
const MAX_NUMBER = 1e15;

const finite = (n: number): Normalised => (Number.isFinite(n) && n >= 0 && n <= MAX_NUMBER ? ok(Math.round(n)) : fail);

function withUnit(v: unknown, units: Record<string, number>, bareUnit: number): Normalised {
  if (typeof v === 'number') return finite(v * bareUnit);
  if (typeof v !== 'string' || v.length > 32) return fail;
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(v);
  if (!m) return fail;
  const unit = m[2]!.toLowerCase();
  const factor = unit === '' ? bareUnit : units[unit];
  return factor === undefined ? fail : finite(Number(m[1]) * factor);
}

/** Text safe to keep and show: no control characters, capped; OpenClaw's redaction marker kept as a word. */
export function safeText(v: string): string {
  if (v === REDACTED) return 'redacted';
  // Control characters and bidi overrides (which could make a value read as something else) become spaces.
  return v.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028-\u202e\u2066-\u2069]/g, ' ').slice(0, MAX_TEXT);
}

export function normalise(kind: ValueKind, v: unknown): Normalised {
  switch (kind) {
    case 'duration':
      return withUnit(v, DURATION_UNITS, 1);
    case 'duration-minutes':
      // contextPruning.ttl: "bare numbers are minutes".
      return withUnit(v, DURATION_UNITS, 60_000);
    case 'duration-or-off':
      if (v === false) return ok(0);
      return withUnit(v, DURATION_UNITS, 1);
    case 'bytes-or-off':
      if (v === false || v === '0') return ok(0);
      return withUnit(v, BYTE_UNITS, 1);
    case 'bytes-or-percent': {
      if (typeof v === 'string') {
        const pct = /^\s*(\d{1,3}(?:\.\d+)?)\s*%\s*$/.exec(v);
        if (pct) return Number(pct[1]) <= 100 ? ok(`${Number(pct[1])}%`) : fail;
      }
      return withUnit(v, BYTE_UNITS, 1);
    }
    case 'int':
      return typeof v === 'number' && Number.isInteger(v) ? finite(v) : fail;
    case 'bool':
      return typeof v === 'boolean' ? ok(v) : fail;
    case 'text':
      return typeof v === 'string' ? ok(safeText(v)) : fail;
    case 'clock':
      return typeof v === 'string' && /^([01]\d|2[0-4]):[0-5]\d$/.test(v) ? ok(v) : fail;
    case 'list': {
      if (!Array.isArray(v) || v.length > 50 || !v.every((x) => typeof x === 'string')) return fail;
      return ok([...new Set((v as string[]).map(safeText))].sort().join(','));
    }
  }
}

/** How a value reads to a person (durations back in units, bytes in binary units). */
export function formatValue(kind: ValueKind | null, v: ConfigValue): string {
  if (v === null) return 'unset';
  if (typeof v === 'number' && kind && kind.startsWith('duration')) {
    if (v === 0) return kind === 'duration-or-off' ? 'off' : '0';
    for (const [unit, ms] of [['d', 86_400_000], ['h', 3_600_000], ['m', 60_000], ['s', 1_000]] as const) if (v % ms === 0) return `${v / ms}${unit}`;
    return `${v}ms`;
  }
  if (typeof v === 'number' && kind && kind.startsWith('bytes')) {
    if (v === 0) return 'off';
    for (const [unit, b] of [['tb', 1024 ** 4], ['gb', 1024 ** 3], ['mb', 1024 ** 2], ['kb', 1024]] as const) if (v % b === 0) return `${v / b}${unit}`;
    return `${v}b`;
  }
  return String(v);
}
