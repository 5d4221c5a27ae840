// Per-session bookkeeping across fresh polls: did a compaction happen since the last one, and has a
// compaction been due for several polls without happening (a failing compaction, issue #13123)?
// Pure: the caller stores the state.

export interface WatchedState {
  fill: number | null;
  shouldCompact: boolean;
  /** Fresh polls in a row with shouldCompact set and no compaction seen. */
  compactPolls: number;
  compactionCount: number | null;
  activeRunSince: number | null;
}

export interface Observation {
  fill: number | null;
  shouldCompact: boolean;
  compactionCount: number | null;
  hasActiveRun: boolean;
}

/** How far the fill must fall between two polls to count as a compaction when the count is unknown. */
export const INFERRED_DROP = 0.25;

export interface WatchStep {
  next: WatchedState;
  /** A compaction happened between the two polls. */
  compacted: null | { count: number | null; inferred: boolean };
}

export function watchStep(prev: WatchedState | null, o: Observation, now: number): WatchStep {
  let compacted: WatchStep['compacted'] = null;
  if (prev) {
    if (prev.compactionCount !== null && o.compactionCount !== null && o.compactionCount > prev.compactionCount) {
      compacted = { count: o.compactionCount, inferred: false };
    } else if (prev.fill !== null && o.fill !== null && prev.fill - o.fill >= INFERRED_DROP) {
      // A big drop in fill is what a compaction looks like from outside (a reset looks the same, and
      // is just as much "the context was cut"); the count, once read, confirms it.
      compacted = { count: null, inferred: true };
    }
  }
  const compactPolls = o.shouldCompact && !compacted ? (prev?.shouldCompact ? prev.compactPolls : 0) + 1 : 0;
  return {
    next: {
      fill: o.fill,
      shouldCompact: o.shouldCompact,
      compactPolls,
      compactionCount: o.compactionCount ?? prev?.compactionCount ?? null,
      activeRunSince: o.hasActiveRun ? (prev?.activeRunSince ?? now) : null,
    },
    compacted,
  };
}

/** A compaction has been due for at least `polls` fresh polls in a row and none happened. */
export function compactionStuck(state: Pick<WatchedState, 'shouldCompact' | 'compactPolls'>, polls: number): boolean {
  return state.shouldCompact && state.compactPolls >= polls;
}
