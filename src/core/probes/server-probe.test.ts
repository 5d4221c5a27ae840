// The whole probe against an in-process SSH server that plays a (sometimes hostile) OpenClaw host.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ServerConfig } from '../../shared/domain';
import { GatewayLinks } from '../gateway/gateway-links';
import { startFakeSshServer, type CommandReply, type FakeSshServer } from '../ssh/fake-ssh-server';
import { SshPool } from '../ssh/ssh-pool';
import { FactTasks } from '../scheduler/fact-tasks';
import { probeServer } from './server-probe';

const HEALTH = {
  ok: true,
  ts: 1,
  durationMs: 3,
  heartbeatSeconds: 60,
  defaultAgentId: 'main',
  agents: [
    {
      agentId: 'main',
      isDefault: true,
      heartbeat: { enabled: true, every: '1m', everyMs: 60000, prompt: 'SECRET PROMPT TEXT', target: 'none' },
      sessions: { path: '/x', count: 3, recent: [{ key: 'agent:main:main', preview: 'SECRET PREVIEW' }] },
    },
    { agentId: 'ops', isDefault: false, heartbeat: { enabled: false }, sessions: { count: 0 } },
  ],
};

let ssh: FakeSshServer | null = null;
let http: Server | null = null;
let pool: SshPool | null = null;
let links: GatewayLinks | null = null;
afterEach(async () => {
  links?.closeAll();
  pool?.closeAll();
  await ssh?.close();
  http?.close();
  ssh = null;
  http = null;
});

async function gatewayHttp(status = 200): Promise<number> {
  http = createServer((req, res) => {
    res.writeHead(req.url === '/healthz' ? status : 404, { 'content-type': 'application/json' });
    res.end('{"ok":true,"status":"live"}');
  });
  await new Promise<void>((r) => http!.listen(0, '127.0.0.1', () => r()));
  return (http.address() as AddressInfo).port;
}

async function setup(health: CommandReply, gatewayPort?: number, others: (cmd: string) => CommandReply | null = () => null) {
  ssh = await startFakeSshServer({
    reply: (cmd) => {
      const other = others(cmd);
      if (other) return other;
      if (cmd.includes('--version')) return { stdout: 'OpenClaw 2026.9.6 (eb377ac)\n' };
      // No readable gateway token here, so the probe takes the CLI path.
      if (cmd.includes('openclaw.json')) return { stderr: 'cat: No such file', code: 1 };
      if (cmd.includes('OPENCLAW_GATEWAY_TOKEN')) return { stdout: '' };
      return health;
    },
  });
  const dir = mkdtempSync(join(tmpdir(), 'ym-probe-'));
  writeFileSync(join(dir, 'id'), ssh.clientPrivateKey, { mode: 0o600 });
  writeFileSync(join(dir, 'kh'), `[127.0.0.1]:${ssh.port} ${ssh.hostPublicKey}\n`);
  const server: ServerConfig = {
    id: 's',
    name: 'test',
    host: '127.0.0.1',
    sshPort: ssh.port,
    sshUser: 'oc',
    privateKeyPath: join(dir, 'id'),
    gatewayPort: gatewayPort ?? (await gatewayHttp()),
    enabled: true,
    createdAt: 0,
  };
  pool = new SshPool();
  links = new GatewayLinks('test', () => {});
  return { server, ctx: { knownHostsPath: join(dir, 'kh'), commandTimeoutMs: 8000, pool, links, facts: new FactTasks() } };
}

describe('server probe', () => {
  it('returns version and agents, and nothing of prompts or previews', async () => {
    const { server, ctx } = await setup({ stdout: JSON.stringify(HEALTH) });
    const out = await probeServer(server, ctx);
    expect(out.ok ? null : out.error).toBeNull();
    if (!out.ok) return;
    expect(out.facts.version).toBe('2026.9.6');
    expect(out.facts.gateway).toMatchObject({ via: 'cli', note: expect.stringContaining('gateway token not found') });
    expect(out.facts.agents).toEqual([
      { agentId: 'main', isDefault: true, heartbeatEnabled: true, heartbeatEveryMs: 60000, sessionCount: 3 },
      { agentId: 'ops', isDefault: false, heartbeatEnabled: false, heartbeatEveryMs: null, sessionCount: 0 },
    ]);
    expect(JSON.stringify(out)).not.toMatch(/SECRET/);
  });

  it('CLI-only: reads sessions and heartbeat jobs through the CLI, metadata only, and survives a broken one', async () => {
    const sessions = {
      count: 1,
      sessions: [{ key: 'agent:main:main', agentId: 'main', status: 'done', totalTokens: 9000, totalTokensFresh: true, contextTokens: 65536, preview: 'SECRET', lastMessage: 'SECRET' }],
    };
    const cron = { jobs: [{ declarationKey: 'heartbeat:main', agentId: 'main', enabled: true, schedule: { everyMs: 60000 }, payload: { prompt: 'SECRET' }, state: { lastRunAtMs: 5, lastRunStatus: 'ok' } }] };
    const { server, ctx } = await setup({ stdout: JSON.stringify(HEALTH) }, undefined, (cmd) =>
      cmd.includes(' sessions ') ? { stdout: JSON.stringify(sessions) } : cmd.includes(' cron ') ? { stdout: JSON.stringify(cron) } : null,
    );
    const out = await probeServer(server, ctx);
    if (!out.ok) throw new Error(out.error.message);
    expect(out.facts.sessions).toMatchObject([{ key: 'agent:main:main', agentId: 'main', totalTokens: 9000 }]);
    expect(out.facts.heartbeats).toMatchObject([{ agentId: 'main', everyMs: 60000, lastRunStatus: 'ok' }]);
    expect(JSON.stringify(out)).not.toMatch(/SECRET/);

    await ssh!.close();
    pool!.closeAll();
    const broken = await setup({ stdout: JSON.stringify(HEALTH) }, undefined, (cmd) =>
      cmd.includes(' sessions ') ? { stdout: '<html>oops' } : cmd.includes(' cron ') ? { stdout: '', code: 1 } : null,
    );
    const again = await probeServer(broken.server, broken.ctx);
    if (!again.ok) throw new Error(again.error.message);
    expect(again.facts.sessions).toBeNull();
    expect(again.facts.heartbeats).toBeNull();
    expect(again.facts.gateway?.note).toMatch(/openclaw sessions: .*; openclaw cron list: exited 1/);
  });

  it('the words a server writes never leave the probe: stderr, error envelopes, bad output and heartbeat errors become kinds', async () => {
    const words = 'SENTINEL-c0ffee +15551234567 said: my account number is 42';
    const cron = { jobs: [{ declarationKey: 'heartbeat:main', agentId: 'main', enabled: true, schedule: { everyMs: 60000 }, state: { lastRunStatus: 'error', consecutiveErrors: 3, lastRunError: `tool exec failed: ${words}`, lastErrorReason: words } }] };
    const { server, ctx } = await setup({ stdout: JSON.stringify(HEALTH) }, undefined, (cmd) =>
      cmd.includes(' sessions ') ? { stdout: `${words} <html>` } : cmd.includes(' cron ') ? { stdout: JSON.stringify(cron) } : null,
    );
    const out = await probeServer(server, ctx);
    if (!out.ok) throw new Error(out.error.message);
    expect(out.facts.heartbeats).toMatchObject([{ agentId: 'main', lastRunErrorKind: 'tool-error', lastErrorReason: null }]);
    expect(JSON.stringify(out)).not.toMatch(/SENTINEL|5551234567|account number/);

    for (const reply of [
      (cmd: string) => (cmd.includes('--version') ? { stderr: `fatal: ${words}`, code: 2 } : null),
      (cmd: string) => (cmd.includes(' health ') ? { stdout: JSON.stringify({ ok: false, error: { type: 'gateway_transport_error', message: `ECONNREFUSED ${words}` } }) } : null),
      (cmd: string) => (cmd.includes(' health ') ? { stdout: `${words} not json` } : null),
      (cmd: string) => (cmd.includes('--version') ? { stdout: `${words}\n` } : null),
    ]) {
      await ssh!.close();
      pool!.closeAll();
      const failing = await setup({ stdout: JSON.stringify(HEALTH) }, undefined, reply);
      const failed = await probeServer(failing.server, failing.ctx);
      expect(failed.ok).toBe(false);
      expect(JSON.stringify(failed)).not.toMatch(/SENTINEL|5551234567|account number/);
    }
  });

  it('names a gateway with nothing listening', async () => {
    const { server, ctx } = await setup({ stdout: '{}' }, 1);
    const out = await probeServer(server, ctx);
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.error.kind).toBe('gateway-unreachable');
  });

  it('names a gateway that accepts connections but never answers', async () => {
    const { createServer: createTcpServer } = await import('node:net');
    const silent = createTcpServer(() => {});
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
    try {
      const { server, ctx } = await setup({ stdout: '{}' }, (silent.address() as AddressInfo).port);
      const out = await probeServer(server, { ...ctx, httpTimeoutMs: 300 });
      expect(out.ok ? null : out.error.kind).toBe('gateway-unresponsive');
    } finally {
      silent.close();
    }
  });

  it('turns OpenClaw’s JSON error envelope into gateway-unreachable', async () => {
    const envelope = { ok: false, error: { type: 'gateway_transport_error', kind: 'timeout', message: 'Gateway not reachable after waiting 5 s.' } };
    const { server, ctx } = await setup({ stdout: JSON.stringify(envelope), code: 1 });
    const out = await probeServer(server, ctx);
    expect(out).toMatchObject({ ok: false, error: { kind: 'gateway-unreachable', message: 'Gateway: network error (gateway_transport_error).' } });
  });

  it.each([
    ['malformed JSON', { stdout: '{"ok": tru' }, 'malformed-output'],
    ['HTML instead of JSON', { stdout: '<html><script>alert(1)</script></html>' }, 'malformed-output'],
    ['100 MB of output', { floodBytes: 100 * 1024 * 1024 }, 'output-too-large'],
    ['openclaw not on PATH', { stderr: 'bash: openclaw: command not found', code: 127 }, 'openclaw-missing'],
    ['ok:false without envelope', { stdout: '{"ok":false}' }, 'gateway-unhealthy'],
  ] as const)('reports %s by name', async (_label, reply, kind) => {
    const { server, ctx } = await setup(reply as CommandReply);
    const out = await probeServer(server, ctx);
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.error.kind).toBe(kind);
  });

  it('drops agents whose ids carry HTML or ANSI escapes', async () => {
    const hostile = {
      ok: true,
      agents: [
        { agentId: '<img src=x onerror=alert(1)>', heartbeat: {} },
        { agentId: '\u001b[31mred\u001b[0m', heartbeat: {} },
        { agentId: 'fine-agent', heartbeat: { enabled: true, everyMs: -5 }, sessions: { count: 'many' } },
      ],
    };
    const { server, ctx } = await setup({ stdout: JSON.stringify(hostile) });
    const out = await probeServer(server, ctx);
    expect(out.ok).toBe(true);
    if (out.ok) expect(out.facts.agents).toEqual([{ agentId: 'fine-agent', isDefault: false, heartbeatEnabled: true, heartbeatEveryMs: null, sessionCount: null }]);
  });
});

describe('finding openclaw off the PATH', () => {
  it('looks in a login shell and usual prefixes, then runs it with its own bin dir on PATH', async () => {
    const commands: string[] = [];
    const health = JSON.stringify({ ok: true, agents: [{ agentId: 'main', heartbeat: { enabled: true, everyMs: 60000 } }] });
    ssh = await startFakeSshServer({
      reply: (cmd) => {
        commands.push(cmd);
        if (cmd.includes('command -v openclaw')) return { stdout: '/home/oc/.nvm/versions/node/v24.1.0/bin/openclaw\n' };
        if (cmd.startsWith('timeout -k 2 15 openclaw ')) return { stderr: 'sh: openclaw: not found', code: 127 };
        if (cmd.includes('/home/oc/.nvm/versions/node/v24.1.0/bin/openclaw') && cmd.includes('--version')) return { stdout: 'OpenClaw 2026.9.6 (eb377ac)' };
        if (cmd.includes('/home/oc/.nvm/versions/node/v24.1.0/bin/openclaw') && cmd.includes('health')) return { stdout: health };
        if (cmd.includes('openclaw.json')) return { code: 1 };
        if (cmd.includes('OPENCLAW_GATEWAY_TOKEN')) return { stdout: '' };
        return { code: 127 };
      },
    });
    const dir = mkdtempSync(join(tmpdir(), 'ym-locate-'));
    writeFileSync(join(dir, 'id'), ssh.clientPrivateKey, { mode: 0o600 });
    writeFileSync(join(dir, 'kh'), `[127.0.0.1]:${ssh.port} ${ssh.hostPublicKey}\n`);
    pool = new SshPool();
    links = new GatewayLinks('test', () => {});
    let located: string | undefined;
    const server: ServerConfig = {
      id: 's',
      name: 'nvm-host',
      host: '127.0.0.1',
      sshPort: ssh.port,
      sshUser: 'oc',
      privateKeyPath: join(dir, 'id'),
      gatewayPort: await gatewayHttp(),
      enabled: true,
      createdAt: 0,
    };
    const out = await probeServer(server, { knownHostsPath: join(dir, 'kh'), pool, links, facts: new FactTasks(), located: { get: () => located, set: (p) => void (located = p) } });
    expect(out.ok ? out.facts.agents.map((a) => a.agentId) : out.error).toEqual(['main']);
    expect(located).toBe('/home/oc/.nvm/versions/node/v24.1.0/bin/openclaw');
    expect(commands.find((c) => c.includes('health'))).toContain('PATH="${0%/*}:$PATH" exec "$0" "$@"');
  });

  it('says clearly when openclaw is nowhere', async () => {
    const { server, ctx } = await setup({ code: 127 });
    const out = await probeServer(server, ctx);
    expect(out.ok ? null : out.error.kind).toBe('openclaw-missing');
  });
});
