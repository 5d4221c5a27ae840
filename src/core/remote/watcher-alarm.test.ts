import { describe, expect, it } from 'vitest';
import { RemoteConsole } from './remote-console';
import { WatcherAlarm } from './watcher-alarm';

describe('watcher alarm', () => {
  it('raises after the grace period of lost connection, once, and resolves when it is back', () => {
    const alarm = new WatcherAlarm('crank', 30_000);
    expect(alarm.update('open', 0)).toBeNull();
    expect(alarm.update('unreachable', 1_000)).toBeNull();
    expect(alarm.update('connecting', 10_000)).toBeNull();
    expect(alarm.update('unreachable', 20_000)).toBeNull();
    const raised = alarm.update('unreachable', 31_000);
    expect(raised).toMatchObject({ rule: 'watcher-unreachable', severity: 'critical', startedAt: 1_000, resolvedAt: null });
    expect(raised!.summary).toContain('crank is unreachable');
    expect(alarm.update('unreachable', 60_000)).toBeNull();
    expect(alarm.update('open', 61_000)).toMatchObject({ resolvedAt: 61_000, startedAt: 1_000 });
    expect(alarm.update('open', 62_000)).toBeNull();
  });

  it('a blip shorter than the grace pages nobody; a refusal says so', () => {
    const alarm = new WatcherAlarm('crank', 30_000);
    expect(alarm.update('unreachable', 0)).toBeNull();
    expect(alarm.update('open', 29_000)).toBeNull();
    expect(alarm.update('refused', 40_000)).toBeNull();
    expect(alarm.update('refused', 70_000)!.summary).toContain('refused this desktop');
  });
});

describe('reconnect backoff', () => {
  it('doubles from the first delay to the cap, with ±25 % jitter', () => {
    const mid = () => 0.5;
    expect([1, 2, 3, 4, 7, 30].map((n) => RemoteConsole.backoff(n, 1000, 60_000, mid))).toEqual([1000, 2000, 4000, 8000, 60_000, 60_000]);
    expect(RemoteConsole.backoff(1, 1000, 60_000, () => 0)).toBe(750);
    expect(RemoteConsole.backoff(1, 1000, 60_000, () => 0.999999)).toBe(1250);
  });
});
