// Fact tasks: cadence, deadline and backoff per task, and the last good value kept with its age.
import { describe, expect, it } from 'vitest';
import { FactTasks } from './fact-tasks';
import { factsConditions } from '../alerts/facts-rules';
import type { ServerConfig, ServerSnapshot } from '../../shared/domain';

const specs = {
  rpc: { cadenceMs: 60_000, deadlineMs: 50, backoffBaseMs: 10_000 },
  'cli-details': { cadenceMs: 60_000, deadlineMs: 50, backoffBaseMs: 10_000 },
  tier3: { cadenceMs: 900_000, deadlineMs: 50, backoffBaseMs: 60_000 },
};

describe('fact tasks', () => {
  it('reads on its cadence, keeps the last good value through failures, and backs off', async () => {
    let now = 0;
    let calls = 0;
    let fail = false;
    const tasks = new FactTasks(specs, () => now);
    const work = async () => {
      calls++;
      if (fail) throw new Error('UNAVAILABLE');
      return `facts@${now}`;
    };
    expect(await tasks.run('rpc', work)).toMatchObject({ value: 'facts@0', at: 0, error: null });
    now = 30_000;
    await tasks.run('rpc', work); // not due
    expect(calls).toBe(1);
    now = 60_000;
    fail = true;
    expect(await tasks.run('rpc', work)).toMatchObject({ value: 'facts@0', at: 0, error: 'UNAVAILABLE', failures: 1, nextDueAt: 70_000 });
    now = 70_000;
    expect(await tasks.run('rpc', work)).toMatchObject({ failures: 2, nextDueAt: 90_000 }); // 10 s, then 20 s
    expect(calls).toBe(3);
    fail = false;
    now = 90_000;
    expect(await tasks.run('rpc', work, { key: 'new link' })).toMatchObject({ value: 'facts@90000', error: null, failures: 0 });
    // A new key (a reconnected link) or "check now" reads at once.
    expect(tasks.due('rpc', { key: 'another link' })).toBe(true);
    expect(tasks.due('rpc', { fresh: true })).toBe(true);
  });

  it('fails a run that misses its deadline', async () => {
    const tasks = new FactTasks(specs);
    const state = await tasks.run('tier3', () => new Promise(() => {}));
    expect(state).toMatchObject({ value: null, error: 'tier3 did not finish within 50 ms', failures: 1 });
  });

  it('raises gateway-facts-failing (warning, with a pending period) only for a live server', () => {
    const server = { name: 'ops-1', enabled: true } as ServerConfig;
    const failing = { status: 'UP', factsAt: 0, factsError: { kind: 'gateway-rpc-failed', message: 'x' } } as ServerSnapshot;
    expect(factsConditions(server, failing, 180_000)).toEqual([
      expect.objectContaining({ rule: 'gateway-facts-failing', severity: 'warning', summary: 'ops-1: the gateway is live but reading its facts fails (last read 3 min ago)', forMs: 120_000 }),
    ]);
    expect(factsConditions(server, { ...failing, status: 'DOWN' }, 0)).toEqual([]);
    expect(factsConditions(server, { ...failing, factsError: null }, 0)).toEqual([]);
  });
});
