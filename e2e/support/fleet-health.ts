// Faults on the shared fleet must not leak into the next test: after a model fault, wait until every
// heartbeat job of the server has run cleanly again (no run in progress, last run ok, no errors).
import { expect } from '@playwright/test';
import type { AttachedFleet } from '../fixture/fleet-client.ts';

interface CronRow {
  declarationKey?: string;
  state?: { lastRunStatus?: string; runningAtMs?: number; consecutiveErrors?: number; consecutiveSkipped?: number };
}

export async function waitForCleanHeartbeats(fleet: AttachedFleet, server: string, timeoutMs = 5 * 60_000): Promise<void> {
  await expect
    .poll(
      async () => {
        const r = await fleet.runAsUser(server, 'openclaw cron list --all --json 2>/dev/null', 60_000);
        let jobs: CronRow[];
        try {
          jobs = (JSON.parse(r.stdout) as { jobs?: CronRow[] }).jobs ?? [];
        } catch {
          return 'cron list unreadable';
        }
        const dirty = jobs
          .filter((j) => j.declarationKey?.startsWith('heartbeat:'))
          .filter((j) => j.state?.lastRunStatus !== 'ok' || j.state.runningAtMs != null || (j.state.consecutiveErrors ?? 0) > 0 || (j.state.consecutiveSkipped ?? 0) > 0);
        return dirty.length === 0 ? 'clean' : `not yet: ${dirty.map((j) => `${j.declarationKey}=${j.state?.lastRunStatus ?? '?'}`).join(', ')}`;
      },
      { timeout: timeoutMs, intervals: [5_000] },
    )
    .toBe('clean');
}
