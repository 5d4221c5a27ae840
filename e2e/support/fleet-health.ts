// Faults on the shared fleet must not leak into the next test: after a model fault, wait until every
// heartbeat job of the server has run cleanly again (no run in progress, last run ok, no errors).
import { expect } from '@playwright/test';
import type { AttachedFleet } from '../fixture/fleet-client.ts';

interface CronRow {
  id?: string;
  declarationKey?: string;
  state?: { lastRunStatus?: string; lastRunAtMs?: number; runningAtMs?: number; consecutiveErrors?: number; consecutiveSkipped?: number };
}

async function heartbeatJobs(fleet: AttachedFleet, server: string): Promise<CronRow[]> {
  const r = await fleet.runAsUser(server, 'openclaw cron list --all --json 2>/dev/null', 60_000);
  return ((JSON.parse(r.stdout) as { jobs?: CronRow[] }).jobs ?? []).filter((j) => j.declarationKey?.startsWith('heartbeat:'));
}

/**
 * Runs one agent's heartbeat job now (`openclaw cron run --wait`), again and again, until `done()` says
 * enough, instead of waiting for its schedule: a gateway restarted by an earlier test resumes heartbeats
 * only minutes later, and a test that needs failing heartbeats must not depend on when that happens.
 * A forced run that fails makes the CLI exit 1, which is what such a test wants; a run refused because
 * another is in progress (or by the gateway's flood guard) is simply tried again a little later.
 */
export async function forceHeartbeatRunsUntil(fleet: AttachedFleet, server: string, agent: string, done: () => boolean, timeoutMs: number): Promise<void> {
  const job = (await heartbeatJobs(fleet, server)).find((j) => j.declarationKey === `heartbeat:${agent}` || j.declarationKey?.startsWith(`heartbeat:${agent}:`));
  if (!job?.id) throw new Error(`no heartbeat job for agent ${agent} on ${server}`);
  const deadline = Date.now() + timeoutMs;
  const outcomes: string[] = [];
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`forced heartbeat runs of ${agent} on ${server} for ${timeoutMs / 1000} s without the awaited result; runs ended: ${outcomes.join(', ')}`);
    await fleet.runAsUser(server, `openclaw cron run '${job.id}' --wait --wait-timeout 3m --timeout 60000 --json >/dev/null 2>&1`, 240_000);
    const st = (await heartbeatJobs(fleet, server)).find((j) => j.id === job.id)?.state;
    outcomes.push(`${st?.lastRunStatus ?? '?'}/${st?.consecutiveErrors ?? 0}`);
    // Give the console time to read the outcome before the next run (and the flood guard a rest).
    await new Promise((r) => setTimeout(r, 10_000));
  }
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
