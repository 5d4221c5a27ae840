// The reshaped core end to end through the router: rows to windows and the full snapshot on demand,
// console health per pipeline step, and maintenance windows that never page.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConsoleHealth } from '../shared/contract';
import type { Alert, ServerSnapshot, SessionFacts } from '../shared/domain';
import { createCore, type Core } from './create-core';
import { createMemoryLogger } from './log';
import type { ProbeOutcome } from './probes/server-probe';
import { okOutcome } from './probes/test-outcomes';
import { createMemorySettingsBackend } from './settings/settings-store';

const input = { name: 'a', host: '10.0.0.1', sshPort: 22, sshUser: 'oc', privateKeyPath: '/k', gatewayPort: 18789 };
const session = (key: string): SessionFacts => ({
  key, agentId: 'main', kind: null, status: null, updatedAt: null, inputTokens: null, outputTokens: null, totalTokens: null, totalTokensFresh: null,
  contextTokens: null, estimatedPromptTokens: 50, contextTokenBudget: 100, shouldCompact: null, route: null, hasActiveRun: null, abortedLastRun: null,
});

const cores: Core[] = [];
afterEach(async () => {
  for (const c of cores.splice(0)) await c.stop();
});

function makeCore(probe: () => Promise<ProbeOutcome>, dataDir = mkdtempSync(join(tmpdir(), 'ym-core-'))) {
  const core = createCore({
    host: 'headless', appVersion: 't', dataDir, historyPath: ':memory:', settingsBackend: createMemorySettingsBackend(), logger: createMemoryLogger(),
    pollIntervalMs: 60_000, alertHoldDownMs: 0, probe,
  });
  cores.push(core);
  core.start();
  return core;
}

const call = async (c: Core, method: string, payload: unknown) => {
  const r = await c.router.dispatch(method, payload);
  if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code });
  return r.value;
};

describe('reshaped core', () => {
  it('pushes rows without the session list, serves the full snapshot on demand, and counts each pipeline step', async () => {
    const full = okOutcome();
    if (!full.ok) throw new Error('unreachable');
    full.facts.sessions = Array.from({ length: 300 }, (_, i) => session(`agent:main:s${i}`));
    const c = makeCore(async () => full);
    const pushed: ServerSnapshot[] = [];
    c.events.on((topic, data) => topic === 'server.snapshot' && pushed.push(data as ServerSnapshot));
    const { id } = (await call(c, 'servers.add', input)) as { id: string };
    await call(c, 'servers.probeNow', { id });
    const row = pushed.at(-1)!;
    expect(row.sessions).toBeNull();
    expect(row.summary).toMatchObject({ sessionCount: 300, worstFill: 0.5 });
    const [view] = (await call(c, 'servers.list', {})) as Array<{ snapshot: ServerSnapshot }>;
    expect(view!.snapshot.sessions).toBeNull();
    const detail = (await call(c, 'servers.detail', { id })) as ServerSnapshot;
    expect(detail.sessions).toHaveLength(300);
    const health = (await call(c, 'console.health', {})) as ConsoleHealth;
    expect(health.steps.map((s) => s.step)).toEqual(['ssh-accept', 'record', 'journal', 'session-health', 'alerts', 'broadcast']);
    expect(health.steps.every((s) => s.ok >= 1 && s.errors === 0)).toBe(true);
    await expect(call(c, 'servers.detail', { id: 'nope' })).rejects.toMatchObject({ code: 'not-found' });
  });

  it('shows a server in a maintenance window as MAINTENANCE and never pages server-down for it', async () => {
    const c = makeCore(async () => ({ ok: false, error: { kind: 'gateway-unreachable', message: 'refused' }, facts: {} }));
    const alerts: Alert[] = [];
    c.events.on((topic, data) => topic === 'alert.changed' && alerts.push(data as Alert));
    const { id } = (await call(c, 'servers.add', input)) as { id: string };
    c.registry.maintenance.begin(id, 'planned update', Date.now() + 3_600_000);
    for (let i = 0; i < 3; i++) expect(((await call(c, 'servers.probeNow', { id })) as ServerSnapshot).status).toBe('MAINTENANCE');
    expect(alerts.filter((a) => a.rule === 'server-down')).toEqual([]);
    c.registry.maintenance.end(id);
    await call(c, 'servers.probeNow', { id });
    await call(c, 'servers.probeNow', { id });
    expect(alerts.filter((a) => a.rule === 'server-down' && a.resolvedAt === null)).toHaveLength(1);
  });
});
