// servers.checkConnection and app.localOpenclaw through the real core's router.
import { mkdtempSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectionCheck, LocalOpenclaw } from '../shared/domain';
import { createCore, type Core } from './create-core';
import { createMemoryLogger } from './log';
import { okOutcome } from './probes/test-outcomes';
import { createMemorySettingsBackend } from './settings/settings-store';

let core: Core | null = null;
afterEach(async () => {
  await core?.stop();
  core = null;
});

function makeCore(): Core {
  core = createCore({
    host: 'headless',
    appVersion: 't',
    dataDir: mkdtempSync(join(tmpdir(), 'ym-core-')),
    historyPath: ':memory:',
    settingsBackend: createMemorySettingsBackend(),
    logger: createMemoryLogger(),
    knownHostsPath: join(tmpdir(), 'ym-no-such-known-hosts'),
    pollIntervalMs: 60_000,
    probe: async () => okOutcome(),
  });
  return core;
}

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe('fleet setup handlers', () => {
  it('checks typed values without saving anything, and a saved server by id', async () => {
    const c = makeCore();
    const port = await closedPort();
    const server = { name: 'x', host: '127.0.0.1', sshPort: port, sshUser: 'oc', privateKeyPath: '/k', gatewayPort: 18789 };
    const typed = await c.router.dispatch('servers.checkConnection', { server });
    expect(typed.ok).toBe(true);
    expect((typed as { value: ConnectionCheck }).value.steps.map((s) => s.ok)).toEqual([false, null, null, null, null]);
    expect(await c.router.dispatch('servers.list', {})).toEqual({ ok: true, value: [] });

    const added = await c.router.dispatch('servers.add', server);
    const id = (added as { value: { id: string } }).value.id;
    const saved = await c.router.dispatch('servers.checkConnection', { id });
    expect((saved as { value: ConnectionCheck }).value.steps[0]).toMatchObject({ step: 'tcp', ok: false });
  });

  it('caps checks of typed values (no port scanning from the console); saved servers are not capped', async () => {
    const c = makeCore();
    const port = await closedPort();
    const server = { name: 'x', host: '127.0.0.1', sshPort: port, sshUser: 'oc', privateKeyPath: '/k', gatewayPort: 18789 };
    const results = [];
    for (let i = 0; i < 11; i++) results.push(await c.router.dispatch('servers.checkConnection', { server: { ...server, sshPort: port } }));
    expect(results.slice(0, 10).every((r) => r.ok)).toBe(true);
    expect(results[10]).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('At most 10 connection checks') } });
    const added = await c.router.dispatch('servers.add', server);
    const saved = await c.router.dispatch('servers.checkConnection', { id: (added as { value: { id: string } }).value.id });
    expect(saved.ok).toBe(true);
  });

  it('validates its input: an unknown id, a hostile host, or both shapes at once are refused', async () => {
    const c = makeCore();
    expect(await c.router.dispatch('servers.checkConnection', { id: 'nope' })).toMatchObject({ ok: false, error: { code: 'not-found' } });
    const bad = { name: 'x', host: 'a; rm -rf /', sshPort: 22, sshUser: 'oc', privateKeyPath: '/k', gatewayPort: 1 };
    expect(await c.router.dispatch('servers.checkConnection', { server: bad })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(await c.router.dispatch('servers.checkConnection', { id: 'a', server: { ...bad, host: 'h' } })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  it('answers app.localOpenclaw without the token', async () => {
    const c = makeCore();
    const r = await c.router.dispatch('app.localOpenclaw', {});
    expect(r.ok).toBe(true);
    const v = (r as { value: LocalOpenclaw }).value;
    expect(Object.keys(v).sort()).toEqual(['binaryPath', 'configPath', 'gatewayPort', 'gatewayPortSource', 'installed', 'user']);
  });
});
