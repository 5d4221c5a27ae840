// The attach switch against a real running ops service (HTTPS, token file with roles): every way an
// attach can fail is said in words and changes nothing; attached, the local core is stopped (this
// machine polls nothing) and the window sees the ops server's fleet, events and the token's role;
// the choice and its token survive a restart in the vault; switching back watches locally again.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AttachStatus } from '../../shared/contract-attach';
import { createCore } from '../../core/create-core';
import { createMemoryLogger } from '../../core/log';
import { okOutcome } from '../../core/probes/test-outcomes';
import { ATTACH_SECRET_KEY } from '../../core/remote/attached-endpoint';
import { AttachSwitch } from '../../core/remote/attach-switch';
import type { SecretVault } from '../../core/secrets';
import { createMemorySettingsBackend } from '../../core/settings/settings-store';
import { generateKeyPair, startFakeSshServer } from '../../core/ssh/fake-ssh-server';
import { startTestService, type TestService } from './test-service';

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

function vault(): SecretVault & { data: Record<string, string> } {
  const v = { data: { 'passphrase:s1': 'kept' } as Record<string, string>, load: () => ({ ...v.data }), save: (all: Record<string, string>) => void (v.data = { ...all }) };
  return v;
}

function makeSwitch(v: SecretVault, knownHostsPath?: string) {
  const dataDir = mkdtempSync(join(tmpdir(), 'ym-switch-'));
  const settings = createMemorySettingsBackend();
  let localProbes = 0;
  const sw = new AttachSwitch({
    createLocal: () =>
      createCore({ host: 'headless', appVersion: 'desk', dataDir, historyPath: ':memory:', settingsBackend: settings, logger: createMemoryLogger(), pollIntervalMs: 60_000, probe: async () => (localProbes++, okOutcome()) }),
    vault: v,
    logger: createMemoryLogger(),
    knownHostsPath,
    trialTimeoutMs: 5_000,
    endpoint: { minDelayMs: 50, maxDelayMs: 200, tickMs: 50 },
  });
  cleanup.push(() => sw.stop());
  sw.start();
  return { sw, dataDir, localProbes: () => localProbes };
}

const call = async (sw: AttachSwitch, method: string, payload: unknown) => sw.router.dispatch(method, payload);
const server = { name: 'crank-watched', host: '127.0.0.1', sshPort: 22, sshUser: 'u', privateKeyPath: '/k', gatewayPort: 18789 };

let svc: TestService;
async function service(): Promise<TestService> {
  svc = await startTestService();
  cleanup.push(() => svc.close());
  return svc;
}

describe('attach switch', () => {
  it('refuses a bad URL, a refused token, a TLS failure, a non-Yardmaster answer and an unreachable port, in words, and stays local', async () => {
    const s = await service();
    const v = vault();
    const { sw } = makeSwitch(v);
    const local = sw.localCore();
    expect(local).not.toBeNull();
    const token = s.tokens.create('viewer', 'desk').token;
    const attach = (target: Record<string, unknown>) => call(sw, 'attach.set', { mode: 'remote', target });

    const badUrl = await attach({ url: 'crank:4870', token });
    expect(badUrl).toMatchObject({ ok: false, error: { code: 'invalid-input', fields: { 'target.url': expect.stringContaining('an http(s) URL') } } });

    const refused = await attach({ url: s.url, token: 'ym_' + 'x'.repeat(43), ca: s.ca });
    expect(refused).toMatchObject({ ok: false, error: { code: 'unreachable', message: expect.stringContaining('refused this token') } });

    const tls = await attach({ url: s.url, token });
    expect(tls).toMatchObject({ ok: false, error: { code: 'unreachable', message: expect.stringMatching(/^Not attached: TLS failed with localhost:\d+: .*self-signed/i) } });

    const other = createServer((_req, res) => res.writeHead(404).end());
    await new Promise<void>((r) => other.listen(0, '127.0.0.1', r));
    cleanup.push(() => new Promise<void>((r) => other.close(() => r())));
    const notOurs = await attach({ url: `http://127.0.0.1:${(other.address() as AddressInfo).port}/`, token });
    expect(notOurs).toMatchObject({ ok: false, error: { message: expect.stringContaining('not a Yardmaster ops server') } });

    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const deadPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const unreachable = await attach({ url: `http://127.0.0.1:${deadPort}/`, token });
    expect(unreachable).toMatchObject({ ok: false, error: { message: expect.stringContaining(`Nothing listens at 127.0.0.1:${deadPort}`) } });

    // Nothing changed: still the same local core, nothing saved.
    expect(sw.localCore()).toBe(local);
    expect((await call(sw, 'attach.status', {})) as { value: AttachStatus }).toMatchObject({ ok: true, value: { mode: 'local', attachable: true } });
    expect(v.data[ATTACH_SECRET_KEY]).toBeUndefined();
  }, 30_000);

  it('attached: polls nothing locally, shows the ops server and its events with the role, survives a restart, and switches back', async () => {
    const s = await service();
    await s.core.router.dispatch('servers.add', server);
    const v = vault();
    const { sw, dataDir } = makeSwitch(v);
    const changes: AttachStatus[] = [];
    const snapshots: unknown[] = [];
    sw.events.on((topic, data) => {
      if (topic === 'attach.changed') changes.push(data as AttachStatus);
      if (topic === 'server.snapshot') snapshots.push(data);
    });
    const token = s.tokens.create('viewer', 'desk').token;
    const attached = await call(sw, 'attach.set', { mode: 'remote', target: { url: s.url, token, ca: s.ca } });
    expect(attached).toEqual({ ok: true, value: { mode: 'remote', attachable: true, url: s.url, tunnelHost: null, connection: 'open', role: 'viewer', problem: null } });
    expect(changes.at(-1)).toMatchObject({ mode: 'remote', role: 'viewer' });

    // The local core is gone: no collector, no database, the data dir is free for anyone.
    expect(sw.localCore()).toBeNull();
    const other = createCore({ host: 'headless', appVersion: 't', dataDir, historyPath: ':memory:', settingsBackend: createMemorySettingsBackend(), logger: createMemoryLogger() });
    await other.stop();

    // The ops server's fleet, its events, and its refusal of a viewer's change.
    const list = await call(sw, 'servers.list', {});
    expect(list.ok && (list.value as Array<{ config: { name: string } }>).map((x) => x.config.name)).toEqual(['crank-watched']);
    const [view] = (list as { value: Array<{ config: { id: string } }> }).value;
    await s.core.router.dispatch('servers.probeNow', { id: view!.config.id });
    await expect.poll(() => snapshots.length).toBeGreaterThan(0);
    expect(await call(sw, 'servers.remove', { id: view!.config.id })).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringContaining('this connection is a viewer') } });
    expect(await call(sw, 'access.whoami', {})).toEqual({ ok: true, value: { role: 'viewer' } });

    // Kept in the vault beside the other secrets; a restart attaches again without asking.
    expect(JSON.parse(v.data[ATTACH_SECRET_KEY]!)).toMatchObject({ url: s.url, token });
    expect(v.data['passphrase:s1']).toBe('kept');
    await sw.stop();
    const again = makeSwitch(v).sw;
    expect(again.localCore()).toBeNull();
    await expect.poll(() => again.status()).toMatchObject({ mode: 'remote', connection: 'open', role: 'viewer' });

    // Back to this computer: the target and token are forgotten, the local core watches again.
    expect(await call(again, 'attach.set', { mode: 'local' })).toMatchObject({ ok: true, value: { mode: 'local' } });
    expect(again.localCore()).not.toBeNull();
    expect(v.data[ATTACH_SECRET_KEY]).toBeUndefined();
    expect(v.data['passphrase:s1']).toBe('kept');
    expect(await call(again, 'servers.list', {})).toEqual({ ok: true, value: [] });
  }, 30_000);

  it('a viewer of this console cannot switch it; an ops server itself refuses to attach', async () => {
    const { sw } = makeSwitch(vault());
    expect(await sw.router.dispatch('attach.set', { mode: 'local' }, { role: 'viewer' })).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(await sw.router.dispatch('attach.status', {}, { role: 'viewer' })).toMatchObject({ ok: true });
    const s = await service();
    expect(await s.core.router.dispatch('attach.status', {})).toMatchObject({ ok: true, value: { attachable: false } });
    expect(await s.core.router.dispatch('attach.set', { mode: 'local' })).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('is an ops server') } });
  });

  it('attaches through an SSH tunnel to a loopback-only service (TLS inside the tunnel), and refuses a wrong host key in words', async () => {
    const s = await service();
    const ssh = await startFakeSshServer({ reply: () => ({}) });
    cleanup.push(() => ssh.close());
    const dir = mkdtempSync(join(tmpdir(), 'ym-switch-ssh-'));
    const keyPath = join(dir, 'id');
    writeFileSync(keyPath, ssh.clientPrivateKey, { mode: 0o600 });
    const good = join(dir, 'known_hosts');
    writeFileSync(good, `[127.0.0.1]:${ssh.port} ${ssh.hostPublicKey}\n`);
    const wrong = join(dir, 'known_hosts_wrong');
    writeFileSync(wrong, `[127.0.0.1]:${ssh.port} ${generateKeyPair().publicKey}\n`);
    const target = { url: s.url, token: s.tokens.create('viewer', 'via ssh').token, ca: s.ca, tunnel: { host: '127.0.0.1', sshPort: ssh.port, sshUser: 'ops', privateKeyPath: keyPath, remotePort: s.port } };

    const refused = makeSwitch(vault(), wrong).sw;
    expect(await call(refused, 'attach.set', { mode: 'remote', target })).toMatchObject({ ok: false, error: { code: 'unreachable', message: expect.stringMatching(/^Not attached: The SSH tunnel failed: .*host key/i) } });
    expect(refused.localCore()).not.toBeNull();

    const sw = makeSwitch(vault(), good).sw;
    expect(await call(sw, 'attach.set', { mode: 'remote', target })).toMatchObject({ ok: true, value: { mode: 'remote', connection: 'open', role: 'viewer', tunnelHost: '127.0.0.1' } });
    expect(await call(sw, 'access.whoami', {})).toEqual({ ok: true, value: { role: 'viewer' } });
  }, 30_000);
});
