// Time for the rollout runner, replaceable by a fake clock in tests (bakes last minutes, gates wait
// for heartbeats that come minutes after a restart: tests must not wait for real).
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
  /** Calls fn after ms; returns a cancel function. */
  setTimer(ms: number, fn: () => void): () => void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms).unref?.()),
  setTimer: (ms, fn) => {
    const t = setTimeout(fn, ms);
    t.unref?.();
    return () => clearTimeout(t);
  },
};
