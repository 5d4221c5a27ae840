// The desktop's attach client against a real running service (TLS, token file): it shows the ops
// server's fleet and events, knows a refused token from an unreachable server, reconnects after the
// service restarts, and can run over any byte stream (what an SSH-forwarded channel gives it).
import { mkdtempSync } from 'node:fs';
import { connect } from 'node:net';
import { connect as tlsConnect } from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../core/create-core';
import { createMemoryLogger } from '../../core/log';
import { okOutcome } from '../../core/probes/test-outcomes';
import { RemoteConsole, type RemoteState } from '../../core/remote/remote-console';
import { createMemorySettingsBackend } from '../../core/settings/settings-store';
import { startHttpHost, type HttpHost } from '../http-host';
import { createAuthenticator } from './authenticator';
import { selfSignedCert } from './test-cert';
import { TokenStore } from './token-store';

const cert = selfSignedCert();
const dir = mkdtempSync(join(tmpdir(), 'ym-remote-'));
const store = new TokenStore(join(dir, 'tokens.json'));
const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanup.splice(0).reverse()) await c();
});

async function startService(port = 0): Promise<{ core: Core; host: HttpHost }> {
  const core = createCore({ host: 'headless', appVersion: 't', dataDir: dir, historyPath: ':memory:', settingsBackend: createMemorySettingsBackend(), logger: createMemoryLogger(), probe: async () => okOutcome(), pollIntervalMs: 60_000 });
  core.start();
  const host = await startHttpHost({ core, rendererDir: dir, host: '127.0.0.1', port, auth: createAuthenticator({ store }), tls: cert, logger: createMemoryLogger() });
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await host.close();
    await core.stop();
  };
  cleanup.push(stop);
  return { core, host: { ...host, close: stop } };
}

function attach(url: string, token: string, extra: Partial<ConstructorParameters<typeof RemoteConsole>[0]> = {}): RemoteConsole {
  const remote = new RemoteConsole({ url, token, ca: cert.cert.toString(), ...extra }, { logger: createMemoryLogger(), minDelayMs: 50, maxDelayMs: 200 });
  cleanup.push(() => remote.close());
  return remote;
}

const reach = (remote: RemoteConsole, state: RemoteState) =>
  new Promise<void>((resolve) => {
    if (remote.state() === state) return resolve();
    const off = remote.onState((s) => {
      if (s === state) {
        off();
        resolve();
      }
    });
  });

const server = { name: 'watched', host: '127.0.0.1', sshPort: 22, sshUser: 'u', privateKeyPath: '/k', gatewayPort: 18789 };

describe('desktop attached to an ops server', () => {
  it("shows the ops server's fleet and its events, with the token's role", async () => {
    const { core, host } = await startService();
    const remote = attach(`https://localhost:${host.port}/`, store.create('viewer', 'desk').token);
    await reach(remote, 'open');
    expect(await remote.router.dispatch('access.whoami', {})).toEqual({ ok: true, value: { role: 'viewer' } });
    const snapshot = new Promise<unknown>((resolve) => remote.events.on((topic, data) => topic === 'server.snapshot' && resolve(data)));
    expect((await core.router.dispatch('servers.add', server)).ok).toBe(true);
    expect(await snapshot).toMatchObject({ status: 'UP' });
    const list = await remote.router.dispatch('servers.list', {});
    expect(list.ok && (list.value as unknown[]).length).toBe(1);
    expect((await remote.router.dispatch('servers.remove', { id: 'x' })).ok).toBe(false);
  });

  it('tells a refused token from an unreachable server, and reconnects when the service is back', async () => {
    const first = await startService();
    const port = first.host.port;
    const wrong = attach(`https://localhost:${port}/`, 'ym_' + 'x'.repeat(43));
    await reach(wrong, 'refused');
    const remote = attach(`https://localhost:${port}/`, store.create('operator', 'desk').token);
    await reach(remote, 'open');
    await first.host.close();
    await reach(remote, 'unreachable');
    expect((await remote.router.dispatch('servers.list', {})).ok).toBe(false);
    await startService(port);
    await reach(remote, 'open');
    expect((await remote.router.dispatch('servers.list', {})).ok).toBe(true);
  });

  it('is cut off as refused when its token is revoked', async () => {
    const { host } = await startService();
    const { token, entry } = store.create('operator', 'soon gone');
    const remote = attach(`https://localhost:${host.port}/`, token);
    await reach(remote, 'open');
    store.revoke(entry.id);
    await reach(remote, 'refused');
  });

  it('runs over a given byte stream (as through an SSH-forwarded channel)', async () => {
    const { host } = await startService();
    let opened = 0;
    const remote = attach(`https://localhost:${host.port}/`, store.create('viewer', 'tunnel').token, {
      connect: async () => {
        opened += 1;
        // A plain TCP stream wrapped in TLS here, as the ssh2 channel would be.
        return tlsConnect({ socket: connect(host.port, '127.0.0.1'), servername: 'localhost', ca: cert.cert, ALPNProtocols: ['http/1.1'] });
      },
    });
    await reach(remote, 'open');
    expect(opened).toBe(1);
    expect((await remote.router.dispatch('access.whoami', {})).ok).toBe(true);
  });
});

describe('attach through an SSH tunnel', () => {
  it('reaches a loopback-only service through a forwarded SSH channel, host key checked', async () => {
    const { writeFileSync } = await import('node:fs');
    const { startFakeSshServer } = await import('../../core/ssh/fake-ssh-server');
    const { sshTunnel } = await import('../../core/remote/ssh-tunnel');
    const ssh = await startFakeSshServer({ reply: () => ({}) });
    cleanup.push(() => ssh.close());
    const keyPath = join(dir, 'id_tunnel');
    const knownHostsPath = join(dir, 'known_hosts_tunnel');
    writeFileSync(keyPath, ssh.clientPrivateKey, { mode: 0o600 });
    writeFileSync(knownHostsPath, `[127.0.0.1]:${ssh.port} ${ssh.hostPublicKey}\n`);
    const { host } = await startService();
    const tunnel = sshTunnel({ host: '127.0.0.1', port: ssh.port, username: 'ops', privateKeyPath: keyPath, knownHostsPath }, host.port);
    cleanup.push(() => tunnel.close());
    // TLS end to end inside the tunnel, as the browser would see it.
    const remote = attach(`https://localhost:${host.port}/`, store.create('viewer', 'via ssh').token, {
      connect: async () => tlsConnect({ socket: (await tunnel.connect()) as never, servername: 'localhost', ca: cert.cert }),
    });
    await reach(remote, 'open');
    expect(await remote.router.dispatch('access.whoami', {})).toEqual({ ok: true, value: { role: 'viewer' } });

    const wrongKey = join(dir, 'known_hosts_wrong');
    writeFileSync(wrongKey, `[127.0.0.1]:${ssh.port} ${(await import('../../core/ssh/fake-ssh-server')).generateKeyPair().publicKey}\n`);
    const refused = sshTunnel({ host: '127.0.0.1', port: ssh.port, username: 'ops', privateKeyPath: keyPath, knownHostsPath: wrongKey }, host.port);
    await expect(refused.connect()).rejects.toThrow(/host key/i);
  });
});

describe('attached endpoint', () => {
  it('forwards the ops server events, and raises then resolves the watcher alert when the service goes away and comes back', async () => {
    const { attachTo, attachTargetSchema } = await import('../../core/remote/attached-endpoint');
    const first = await startService();
    const port = first.host.port;
    const target = attachTargetSchema.parse({ url: `https://localhost:${port}/`, token: store.create('viewer', 'endpoint').token, ca: cert.cert.toString() });
    expect(() => attachTargetSchema.parse({ ...target, url: 'ftp://x' })).toThrow(/an http\(s\) URL/);
    const seen: Array<{ topic: string; data: { state?: string; rule?: string; resolvedAt?: number | null; reason?: string } }> = [];
    const endpoint = attachTo(target, { logger: createMemoryLogger(), knownHostsPath: '/dev/null', tickMs: 20, graceMs: 0, minDelayMs: 50, maxDelayMs: 100 });
    cleanup.push(() => endpoint.close());
    endpoint.events.on((topic, data) => seen.push({ topic, data: data as never }));
    await expect.poll(() => endpoint.state()).toBe('open');
    expect((await endpoint.router.dispatch('servers.list', {})).ok).toBe(true);
    await first.host.close();
    await expect.poll(() => seen.some((e) => e.topic === 'alert.notify' && e.data.reason === 'raised'), { timeout: 40_000 }).toBe(true);
    const raised = seen.find((e) => e.topic === 'alert.changed' && e.data.rule === 'watcher-unreachable');
    expect(raised?.data.resolvedAt).toBeNull();
    await startService(port);
    await expect.poll(() => seen.some((e) => e.topic === 'alert.changed' && e.data.rule === 'watcher-unreachable' && e.data.resolvedAt !== null), { timeout: 10_000 }).toBe(true);
    expect(seen.filter((e) => e.topic === 'attach.state').map((e) => e.data.state)).toEqual(expect.arrayContaining(['open', 'unreachable']));
  }, 60_000);
});
