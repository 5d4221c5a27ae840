// The formatter never shows an exponent, NaN, Infinity or "-0", whatever it is fed (property test),
// and gives the words operators read ("not growing", "> 1 y", "overdue by").
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatAgo,
  formatBytes,
  formatDuration,
  formatEvery,
  formatMs,
  formatNumber,
  formatPercent,
  formatSlope,
  formatTimeToFull,
  formatUntil,
} from './format';

const extremes = [0, -0, -1, 1e-9, 0.4999, 1e22, -1e22, 6.898087145653998e22, Number.MAX_VALUE, Number.MIN_VALUE, NaN, Infinity, -Infinity];
const anyNumber = fc.oneof(fc.constantFrom(...extremes), fc.double(), fc.integer(), fc.double({ min: -1e6, max: 1e6 }));
const maybe = fc.oneof(anyNumber, fc.constant(null), fc.constant(undefined));

const oneArg: Array<[string, (n: number | null | undefined) => string]> = [
  ['formatNumber', (n) => formatNumber(n)],
  ['formatNumber(2)', (n) => formatNumber(n, 2)],
  ['formatDuration', formatDuration],
  ['formatEvery', formatEvery],
  ['formatMs', formatMs],
  ['formatBytes', formatBytes],
  ['formatPercent', (n) => formatPercent(n)],
  ['formatSlope', formatSlope],
  ['formatTimeToFull', formatTimeToFull],
];

function readable(s: string): void {
  expect(s).not.toMatch(/\de[+-]?\d/i);
  expect(s).not.toMatch(/NaN|Infinity|undefined|null/);
  // A negative zero ("-0", "-0.0"), not a small negative ("-0.5").
  expect(s).not.toMatch(/(^|[^\d])-0(\.0+)?(?![\d.])/);
  expect(s.length).toBeLessThanOrEqual(20);
}

describe('formatter, property: always readable', () => {
  for (const [name, f] of oneArg) {
    it(name, () => {
      fc.assert(fc.property(maybe, (n) => readable(f(n))), { numRuns: 400 });
      for (const n of extremes) readable(f(n));
    });
  }
  it('formatAgo / formatUntil', () => {
    fc.assert(
      fc.property(maybe, anyNumber, (ts, now) => {
        readable(formatAgo(ts, now));
        readable(formatUntil(ts, now).replace(/^overdue by /, ''));
      }),
      { numRuns: 400 },
    );
  });
});

describe('formatter, examples', () => {
  it('time to full: the issue\'s 6.9e22 d and nothing measured', () => {
    expect(formatTimeToFull(6.898087145653998e22 * 86_400_000)).toBe('> 1 y');
    expect(formatTimeToFull(null)).toBe('not growing');
    expect(formatTimeToFull(Infinity)).toBe('> 1 y');
    expect(formatTimeToFull(90 * 60_000)).toBe('1h 30m');
  });
  it('slope: "-0.0 pts/h" is "not growing"', () => {
    expect(formatSlope(-0.0001)).toBe('not growing');
    expect(formatSlope(0)).toBe('not growing');
    expect(formatSlope(0.015)).toBe('+1.5 pts/h');
    expect(formatSlope(-0.03)).toBe('-3.0 pts/h');
    expect(formatSlope(-0.005)).toBe('-0.5 pts/h'); // the property test once took this for a negative zero
  });
  it('durations, ages, next times', () => {
    expect(formatDuration(0)).toBe('0s');
    expect(formatDuration(-5000)).toBe('0s');
    expect(formatDuration(3 * 86_400_000 + 4 * 3_600_000)).toBe('3d 4h');
    expect(formatDuration(400 * 86_400_000)).toBe('> 1 y');
    expect(formatAgo(1000, 61_000)).toBe('1m ago');
    expect(formatAgo(70_000, 61_000)).toBe('just now');
    expect(formatUntil(121_000, 1000)).toBe('in 2m');
    expect(formatUntil(1000, 121_000)).toBe('overdue by 2m');
  });
  it('units', () => {
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(3.5 * 1048576)).toBe('3.50 MB');
    expect(formatBytes(1e22)).toBe('> 999 PB');
    expect(formatMs(180.4)).toBe('180 ms');
    expect(formatMs(45_000)).toBe('45.0 s');
    expect(formatPercent(0.423)).toBe('42 %');
    expect(formatPercent(1.3)).toBe('130 %');
    expect(formatNumber(1234)).toBe('1,234');
    expect(formatNumber(12_500_000)).toBe('12.5 M');
    expect(formatNumber(1e22)).toBe('> 999 T');
    expect(formatNumber(-0.2)).toBe('0');
  });
});
