// The core's inventory handlers through the router, with a scripted probe.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ServerSnapshot } from '../shared/domain';
import { createCore, type Core } from './create-core';
import { createMemoryLogger } from './log';
import type { ProbeOutcome } from './probes/server-probe';
import { okOutcome } from './probes/test-outcomes';
import { createMemorySettingsBackend } from './settings/settings-store';

const ok: ProbeOutcome = okOutcome();
const input = { name: 'a', host: '10.0.0.1', sshPort: 22, sshUser: 'oc', privateKeyPath: '/k', gatewayPort: 18789 };

let core: Core | null = null;
afterEach(async () => {
  await core?.stop();
  core = null;
});

function makeCore(probes: string[] = [], pollIntervalMs = 60_000) {
  core = createCore({
    host: 'headless',
    appVersion: 't',
    dataDir: mkdtempSync(join(tmpdir(), 'ym-core-')),
    historyPath: ':memory:',
    settingsBackend: createMemorySettingsBackend(),
    logger: createMemoryLogger(),
    pollIntervalMs,
    probe: async (server) => {
      probes.push(server.name);
      return ok;
    },
  });
  core.start();
  return core;
}

const call = async (c: Core, method: string, payload: unknown) => {
  const r = await c.router.dispatch(method, payload);
  if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code, fields: r.error.fields });
  return r.value;
};

describe('inventory', () => {
  it('adds, edits (role, tags, maintenance), disables and removes a server', async () => {
    const c = makeCore();
    const added = (await call(c, 'servers.add', input)) as { id: string };
    const updated = (await call(c, 'servers.update', { id: added.id, patch: { name: 'b', role: 'ops', tags: ['eu', 'prod'] } })) as Record<string, unknown>;
    expect(updated).toMatchObject({ id: added.id, name: 'b', role: 'ops', tags: ['eu', 'prod'], host: '10.0.0.1' });

    const snapshots: ServerSnapshot[] = [];
    c.events.on((topic, data) => topic === 'server.snapshot' && snapshots.push(data as ServerSnapshot));
    await call(c, 'servers.update', { id: added.id, patch: { maintenance: true } });
    await expect.poll(() => snapshots.at(-1)?.status).toBe('MAINTENANCE');

    await call(c, 'servers.update', { id: added.id, patch: { enabled: false } });
    const list = (await call(c, 'servers.list', {})) as Array<{ config: { enabled: boolean } }>;
    expect(list[0]!.config.enabled).toBe(false);
    await call(c, 'servers.remove', { id: added.id });
    expect(await call(c, 'servers.list', {})).toEqual([]);
  });

  it('refuses an edit that would watch the same server twice, and bad fields', async () => {
    const c = makeCore();
    await call(c, 'servers.add', input);
    const second = (await call(c, 'servers.add', { ...input, gatewayPort: 18790 })) as { id: string };
    await expect(call(c, 'servers.update', { id: second.id, patch: { gatewayPort: 18789 } })).rejects.toMatchObject({ code: 'conflict' });
    await expect(call(c, 'servers.update', { id: second.id, patch: { openclawPath: 'openclaw; rm -rf /' } })).rejects.toMatchObject({
      code: 'invalid-input',
    });
    await expect(call(c, 'servers.update', { id: 'nope', patch: {} })).rejects.toMatchObject({ code: 'not-found' });
  });
});

describe('polling pause', () => {
  it('stops probing while paused, resumes on request, and reports the state as an event', async () => {
    const probes: string[] = [];
    // Fast polling, so a pause that did not stop the timers would show up as probes at once.
    const c = makeCore(probes, 20);
    const states: unknown[] = [];
    c.events.on((topic, data) => topic === 'polling.changed' && states.push(data));
    await call(c, 'servers.add', input);
    await expect.poll(() => probes.length).toBeGreaterThan(2);

    const paused = (await call(c, 'polling.pause', { durationMs: 3_600_000 })) as { pausedUntil: number };
    expect(paused.pausedUntil).toBeGreaterThan(Date.now() + 3_500_000);
    await new Promise((r) => setTimeout(r, 50)); // a cycle in flight may still land
    const atPause = probes.length;
    await new Promise((r) => setTimeout(r, 200));
    expect(probes.length).toBe(atPause);
    expect(await call(c, 'polling.get', {})).toEqual({ pausedUntil: paused.pausedUntil });

    expect(await call(c, 'polling.resume', {})).toEqual({ pausedUntil: null });
    await expect.poll(() => probes.length).toBeGreaterThan(atPause + 2);
    expect(states).toEqual([{ pausedUntil: paused.pausedUntil }, { pausedUntil: null }]);
    await expect(call(c, 'polling.pause', { durationMs: 1_000 })).rejects.toMatchObject({ code: 'invalid-input' });
  });
});

describe('a server that stops accepting new SSH connections', () => {
  it('is named by a warning while the pooled connection keeps it UP, and clears once sshd is back', async () => {
    let accepting = true;
    core = createCore({
      host: 'headless',
      appVersion: 't',
      dataDir: mkdtempSync(join(tmpdir(), 'ym-core-')),
      historyPath: ':memory:',
      settingsBackend: createMemorySettingsBackend(),
      logger: createMemoryLogger(),
      pollIntervalMs: 60_000,
      alertHoldDownMs: 0,
      probe: async () => ok,
      sshAcceptCheck: async (host, port) =>
        accepting ? { accepting: true, at: Date.now() } : { accepting: false, at: Date.now(), reason: 'refused', message: `${host}:${port}: connection refused` },
    });
    core.start();
    const c = core;
    const added = (await call(c, 'servers.add', input)) as { id: string };
    await expect.poll(async () => ((await call(c, 'servers.list', {})) as Array<{ snapshot: ServerSnapshot | null }>)[0]!.snapshot?.status).toBe('UP');
    accepting = false;
    await call(c, 'servers.probeNow', { id: added.id }); // "check now" also checks a fresh connection
    const rules = async () => ((await call(c, 'alerts.list', { scope: 'active' })) as Array<{ rule: string; summary: string }>).map((a) => `${a.rule}: ${a.summary}`);
    await expect.poll(rules).toEqual([expect.stringMatching(/^ssh-not-accepting: a: SSH not accepting new connections \(10\.0\.0\.1:22: connection refused\)/)]);
    accepting = true;
    await call(c, 'servers.probeNow', { id: added.id });
    await call(c, 'servers.probeNow', { id: added.id });
    await expect.poll(rules).toEqual([]);
  });
});
