import { describe, expect, it } from 'vitest';
import { compactionStuck, watchStep, type WatchedState } from './compaction-watch';

const obs = (o: Partial<{ fill: number | null; shouldCompact: boolean; compactionCount: number | null; hasActiveRun: boolean }> = {}) => ({
  fill: 0.5,
  shouldCompact: false,
  compactionCount: null,
  hasActiveRun: false,
  ...o,
});

describe('compaction watch', () => {
  it('sees a compaction when the count goes up, without guessing from the fill', () => {
    const a = watchStep(null, obs({ fill: 0.8, compactionCount: 0 }), 1).next;
    const b = watchStep(a, obs({ fill: 0.79, compactionCount: 1 }), 2);
    expect(b.compacted).toEqual({ count: 1, inferred: false });
    expect(watchStep(b.next, obs({ fill: 0.8, compactionCount: 1 }), 3).compacted).toBeNull();
  });

  it('infers one from a sharp fill drop when the count is unknown, but not from a small dip', () => {
    const a = watchStep(null, obs({ fill: 0.82 }), 1).next;
    expect(watchStep(a, obs({ fill: 0.38 }), 2).compacted).toEqual({ count: null, inferred: true });
    expect(watchStep(a, obs({ fill: 0.7 }), 2).compacted).toBeNull();
  });

  it('counts fresh polls with a compaction due, and resets them when one happens', () => {
    let s: WatchedState | null = null;
    for (let i = 0; i < 3; i++) s = watchStep(s, obs({ fill: 0.9, shouldCompact: true, compactionCount: 0 }), i).next;
    expect(s!.compactPolls).toBe(3);
    expect(compactionStuck(s!, 3)).toBe(true);
    expect(compactionStuck(s!, 4)).toBe(false);
    const done = watchStep(s, obs({ fill: 0.4, shouldCompact: true, compactionCount: 1 }), 9).next;
    expect(done.compactPolls).toBe(0);
    expect(watchStep(s, obs({ fill: 0.9, shouldCompact: false }), 9).next.compactPolls).toBe(0);
  });

  it('keeps the first time a run was seen active, and forgets it when the run ends', () => {
    const a = watchStep(null, obs({ hasActiveRun: true }), 100).next;
    const b = watchStep(a, obs({ hasActiveRun: true }), 200).next;
    expect(b.activeRunSince).toBe(100);
    expect(watchStep(b, obs(), 300).next.activeRunSince).toBeNull();
  });

  it('keeps the last known count when a poll does not know it', () => {
    const a = watchStep(null, obs({ compactionCount: 4 }), 1).next;
    expect(watchStep(a, obs({ compactionCount: null }), 2).next.compactionCount).toBe(4);
  });
});
