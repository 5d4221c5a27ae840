// Every probe cycle ends by a deadline. A cycle can otherwise hang on a dead network path for as long
// as SSH keepalives take to notice (15 s × 3: 43 s in the lab), and a wedged cycle would freeze the
// last status (possibly UP) until it ends. Missing the deadline is a probe failure of its own, so the
// status machine takes the server PENDING and then DOWN; the caller tears the connection down.
import type { ProbeOutcome } from './probes/server-probe';

/** Default end-to-end budget of one cycle: a slow CLI-only cycle takes ~20 s on a loaded host. */
export const DEFAULT_CYCLE_DEADLINE_MS = 45_000;

export async function withCycleDeadline(probe: Promise<ProbeOutcome>, deadlineMs: number, onMissed: () => void): Promise<ProbeOutcome> {
  let timer: NodeJS.Timeout | undefined;
  const missed = new Promise<'missed'>((resolve) => {
    timer = setTimeout(() => resolve('missed'), deadlineMs);
  });
  // The abandoned probe may still settle (or fail) later: nobody listens, and it must not crash anything.
  probe.catch(() => {});
  try {
    const first = await Promise.race([probe, missed]);
    if (first !== 'missed') return first;
  } finally {
    clearTimeout(timer);
  }
  onMissed();
  return {
    ok: false,
    error: { kind: 'probe-timeout', message: `The check did not finish within ${Math.round(deadlineMs / 1000)} s (network path dead?); the SSH connection is rebuilt.` },
    facts: {},
  };
}
