// Liveness comes from SSH + /healthz (+ the link) only (defect 1): a failed metadata RPC keeps the
// server live with its last good facts and their age. A server that stops answering after login
// ends as a named failure within the deadline, never a probe that hangs (defect 2).
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ServerConfig } from '../../shared/domain';
import type { GatewayLink } from '../gateway/gateway-link';
import type { GatewayLinks } from '../gateway/gateway-links';
import { FactTasks } from '../scheduler/fact-tasks';
import { startFakeSshServer, type FakeSshServer } from '../ssh/fake-ssh-server';
import { SshPool } from '../ssh/ssh-pool';
import { probeServer, type ProbeContext } from './server-probe';

let ssh: FakeSshServer | null = null;
let http: Server | null = null;
let pool: SshPool | null = null;
afterEach(async () => {
  pool?.closeAll();
  await ssh?.close();
  http?.close();
  ssh = http = pool = null;
});

async function liveHost(silent: () => boolean = () => false): Promise<{ server: ServerConfig; knownHostsPath: string }> {
  http = createServer((_req, res) => res.end('{"ok":true,"status":"live"}'));
  await new Promise<void>((r) => http!.listen(0, '127.0.0.1', () => r()));
  ssh = await startFakeSshServer({ reply: () => ({ stdout: '' }), silentAfterLogin: silent });
  const dir = mkdtempSync(join(tmpdir(), 'ym-live-'));
  writeFileSync(join(dir, 'id'), ssh.clientPrivateKey, { mode: 0o600 });
  writeFileSync(join(dir, 'kh'), `[127.0.0.1]:${ssh.port} ${ssh.hostPublicKey}\n`);
  const server: ServerConfig = {
    id: 's',
    name: 'live',
    host: '127.0.0.1',
    sshPort: ssh.port,
    sshUser: 'oc',
    privateKeyPath: join(dir, 'id'),
    gatewayPort: (http.address() as AddressInfo).port,
    enabled: true,
    createdAt: 0,
  };
  pool = new SshPool();
  return { server, knownHostsPath: join(dir, 'kh') };
}

/** A gateway link whose RPCs answer from a table; a method set to fail rejects like a gateway error. */
function scriptedLink(failing: Set<string>): GatewayLink {
  const answers: Record<string, unknown> = {
    status: { runtimeVersion: '2026.9.6', agents: [{ agentId: 'main', isDefault: true, heartbeat: { enabled: true, everyMs: 60_000 } }] },
    'sessions.list': { count: 1, sessions: [{ key: 'agent:main:main', agentId: 'main', totalTokens: 10 }] },
    'cron.list': { jobs: [] },
  };
  return {
    hello: { protocol: 4, version: '2026.9.6', buildId: 'b', bootId: 'boot-1', uptimeMs: 1_000, receivedAt: 5_000, scopes: ['operator.read'] },
    isOpen: () => true,
    call: async (method: string) => {
      if (failing.has(method)) throw new Error(`${method} failed: UNAVAILABLE`);
      return answers[method];
    },
  } as unknown as GatewayLink;
}

describe('liveness and facts', () => {
  it('keeps a live server UP with its last good facts when a metadata RPC fails (defect 1)', async () => {
    const { server, knownHostsPath } = await liveHost();
    const failing = new Set<string>();
    const link = scriptedLink(failing);
    let now = 10_000;
    const links = { ensure: async () => ({ link }), drop: () => {}, recordOutcome: () => {}, recentOutcomes: () => [], credential: () => 'config-token' } as unknown as GatewayLinks;
    const ctx: ProbeContext = { knownHostsPath, pool: pool!, links, facts: new FactTasks(undefined, () => now), now: () => now };
    const first = await probeServer(server, ctx);
    if (!first.ok) throw new Error(first.error.message);
    expect(first.facts).toMatchObject({ sessions: [{ key: 'agent:main:main' }], factsAt: 10_000, factsError: null });

    failing.add('status');
    now = 80_000; // the RPC facts are due again
    const second = await probeServer(server, ctx);
    // The old probe turned this into { ok: false, gateway-rpc-failed }: two of those made the server DOWN.
    expect(second.ok).toBe(true);
    if (!second.ok) return;
    expect(second.facts.sessions).toMatchObject([{ key: 'agent:main:main' }]);
    expect(second.facts.factsAt).toBe(10_000);
    expect(second.facts.factsError).toMatchObject({ kind: 'gateway-rpc-failed', message: expect.stringContaining('status failed') });
    // What the link itself says stays current.
    expect(second.facts.gateway).toMatchObject({ via: 'websocket', bootId: 'boot-1', credential: 'config-token' });
  });

  it('fails within its deadline, as probe-timeout, when the server stops answering after login (defect 2)', async () => {
    let silent = false;
    const { server, knownHostsPath } = await liveHost(() => silent);
    const links = { ensure: async () => ({ link: null, reason: 'CLI only', failure: null }), drop: () => {} } as unknown as GatewayLinks;
    const ctx: ProbeContext = { knownHostsPath, pool: pool!, links, facts: new FactTasks(), livenessDeadlineMs: 1_000, gatewayToken: () => undefined };
    // Log in and keep the connection (the CLI step fails, which is fine: the connection is what matters).
    await probeServer({ ...server, gatewayAccess: 'cli' }, ctx);
    silent = true;
    const out = await probeServer(server, ctx);
    expect(out).toMatchObject({ ok: false, error: { kind: 'probe-timeout' } });
  });
});

describe('liveness and readiness in one request', () => {
  const cliOnly = { ensure: async () => ({ link: null, reason: 'CLI only', failure: null }), drop: () => {} } as unknown as GatewayLinks;

  async function gatewayAnswering(answers: Record<string, [number, string]>) {
    const { server, knownHostsPath } = await liveHost();
    const asked: string[] = [];
    http!.removeAllListeners('request');
    http!.on('request', (req, res) => {
      asked.push(req.url ?? '');
      const [status, body] = answers[req.url ?? ''] ?? [404, 'not found'];
      res.writeHead(status).end(body);
    });
    // The CLI step after liveness fails here (no openclaw on the fake host); only the HTTP asks matter.
    const ctx: ProbeContext = { knownHostsPath, pool: pool!, links: cliOnly, facts: new FactTasks() };
    return { asked, probe: () => probeServer({ ...server, gatewayAccess: 'cli' }, ctx) };
  }

  it('a ready gateway is asked /readyz only', async () => {
    const g = await gatewayAnswering({ '/readyz': [200, '{"ready":true,"failing":[]}'], '/healthz': [200, '{"ok":true}'] });
    const out = await g.probe();
    if (!out.ok) expect(out.error.kind).not.toMatch(/^gateway-/);
    expect(g.asked).toEqual(['/readyz']);
  });

  it('an unready gateway is asked /healthz too, and stays live with its failing checks', async () => {
    const g = await gatewayAnswering({ '/readyz': [503, '{"ready":false,"failing":["agents.db"]}'], '/healthz': [200, '{"ok":true}'] });
    const out = await g.probe();
    if (!out.ok) expect(out.error.kind).not.toMatch(/^gateway-/);
    expect(g.asked).toEqual(['/readyz', '/healthz']);
  });

  it('a gateway without /readyz whose /healthz fails is unhealthy', async () => {
    const g = await gatewayAnswering({ '/healthz': [500, 'boom'] });
    expect(await g.probe()).toMatchObject({ ok: false, error: { kind: 'gateway-unhealthy' } });
    expect(g.asked).toEqual(['/readyz', '/healthz']);
  });
});

describe('signals that confirm an outage (down-confirmation.ts)', () => {
  const cliOnly = { ensure: async () => ({ link: null, reason: 'CLI only', failure: null }), drop: () => {} } as unknown as GatewayLinks;

  it('a port nothing listens on is told apart as refused by sshd', async () => {
    const { server, knownHostsPath } = await liveHost();
    const closedPort = server.gatewayPort;
    await new Promise<void>((r) => http!.close(() => r()));
    const out = await probeServer({ ...server, gatewayPort: closedPort }, { knownHostsPath, pool: pool!, links: cliOnly, facts: new FactTasks() });
    expect(out).toMatchObject({ ok: false, error: { kind: 'gateway-unreachable', detail: { forward: 'refused' } } });
  });

  it('confirming a link that went silent, /healthz gets seconds, not the normal timeout', async () => {
    const { server, knownHostsPath } = await liveHost();
    // A hung gateway: the kernel accepts the connection, the process never answers.
    http!.removeAllListeners('request');
    // Normal timeout 30 s, liveness deadline 10 s: without the short confirmation this ends as probe-timeout.
    const ctx: ProbeContext = { knownHostsPath, pool: pool!, links: cliOnly, facts: new FactTasks(), httpTimeoutMs: 30_000, livenessDeadlineMs: 10_000, linkLoss: 'unresponsive' };
    const out = await probeServer(server, ctx);
    expect(out).toMatchObject({ ok: false, error: { kind: 'gateway-unresponsive', message: expect.stringContaining('1500 ms') } });
  });
});

describe('ssh channel deadlines', () => {
  it('a forwarded channel that never opens fails as ssh-timeout and closes the connection', async () => {
    let silent = false;
    const { server, knownHostsPath } = await liveHost(() => silent);
    const target = { host: server.host, port: server.sshPort, username: 'oc', privateKeyPath: server.privateKeyPath, knownHostsPath };
    const session = await pool!.session('s', target);
    silent = true;
    await expect(session.forwardToLoopback(server.gatewayPort, 300)).rejects.toMatchObject({ probeError: { kind: 'ssh-timeout' } });
    expect(session.isOpen()).toBe(false);
  });

  it('an exec whose channel never opens fails as ssh-timeout and closes the connection', async () => {
    let silent = false;
    const { server, knownHostsPath } = await liveHost(() => silent);
    const session = await pool!.session('s', { host: server.host, port: server.sshPort, username: 'oc', privateKeyPath: server.privateKeyPath, knownHostsPath });
    silent = true;
    await expect(session.exec(['true'], { timeoutMs: 200, maxOutputBytes: 100 })).rejects.toMatchObject({ probeError: { kind: 'ssh-timeout' } });
    expect(session.isOpen()).toBe(false);
  });
});
