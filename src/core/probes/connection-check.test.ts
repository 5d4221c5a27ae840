// The connection check, step by step, against an in-process SSH server and a fake gateway
// (/healthz + the WebSocket hello) on loopback.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { generateKeyPair, startFakeSshServer, type FakeSshServer } from '../ssh/fake-ssh-server';
import { fingerprint } from '../ssh/known-hosts';
import { checkConnection, type CheckTarget, type ConnectionCheckContext } from './connection-check';

const TOKEN = 'gateway-token-for-tests';
let ssh: FakeSshServer | null = null;
let gateway: { port: number; close(): Promise<void> } | null = null;
afterEach(async () => {
  await ssh?.close();
  await gateway?.close();
  ssh = null;
  gateway = null;
});

/** /healthz and a WebSocket that answers the connect handshake, granting the given scopes. */
async function fakeGateway(scopes: string[] = ['operator.read']): Promise<{ port: number; close(): Promise<void> }> {
  const http: Server = createServer((req, res) => {
    res.writeHead(req.url === '/healthz' ? 200 : 404).end('{"ok":true}');
  });
  const wss = new WebSocketServer({ server: http });
  wss.on('connection', (ws) => {
    ws.send(JSON.stringify({ type: 'event', event: 'connect.challenge', payload: { nonce: 'n', ts: 1 } }));
    ws.on('message', (raw) => {
      const f = JSON.parse(raw.toString());
      if (f.method !== 'connect') return;
      if (f.params.auth?.token !== TOKEN) {
        ws.send(JSON.stringify({ type: 'res', id: f.id, ok: false, error: { code: 'INVALID_REQUEST', message: 'unauthorized', details: { code: 'AUTH_TOKEN_MISMATCH' } } }));
        return ws.close(1008);
      }
      ws.send(JSON.stringify({ type: 'res', id: f.id, ok: true, payload: { protocol: 4, server: { version: '2026.9.6' }, auth: { scopes }, policy: { tickIntervalMs: 30_000 } } }));
    });
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', () => r()));
  return {
    port: (http.address() as AddressInfo).port,
    close: () =>
      new Promise((r) => {
        for (const c of wss.clients) c.terminate();
        wss.close();
        http.closeAllConnections();
        http.close(() => r());
      }),
  };
}

/** The server's OpenClaw config, as `cat` over SSH would print it. */
const configReply = (command: string) =>
  // The server-side extraction prints only the auth mode and token (gateway-token.ts).
  command.includes('runInNewContext') ? { stdout: JSON.stringify({ mode: 'token', token: TOKEN }), code: 0 } : { code: 1 };

function setup(s: FakeSshServer, gatewayPort: number, knownHostsLine?: string): { target: CheckTarget; ctx: ConnectionCheckContext; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'ym-check-'));
  writeFileSync(join(dir, 'id'), s.clientPrivateKey, { mode: 0o600 });
  writeFileSync(join(dir, 'known_hosts'), `${knownHostsLine ?? `[127.0.0.1]:${s.port} ${s.hostPublicKey}`}\n`);
  return {
    dir,
    target: { host: '127.0.0.1', sshPort: s.port, sshUser: 'oc', privateKeyPath: join(dir, 'id'), gatewayPort },
    ctx: { knownHostsPath: join(dir, 'known_hosts'), trustedHostsPath: join(dir, 'trusted_known_hosts'), clientVersion: 'test', timeoutMs: 5_000 },
  };
}

const oks = (r: { steps: Array<{ ok: boolean | null }> }) => r.steps.map((s) => s.ok);

describe('connection check', () => {
  it('passes all five steps on a healthy server, and names the granted scope', async () => {
    gateway = await fakeGateway();
    ssh = await startFakeSshServer({ reply: configReply });
    const { target, ctx } = setup(ssh, gateway.port);
    const r = await checkConnection(target, ctx);
    expect(r.steps.map((s) => s.step)).toEqual(['tcp', 'host-key', 'auth', 'gateway', 'scopes']);
    expect(oks(r), JSON.stringify(r)).toEqual([true, true, true, true, true]);
    expect(r.steps[1]!.message).toContain(fingerprint(Buffer.from(ssh.hostPublicKey.split(' ')[1]!, 'base64')));
    expect(r.steps[4]!.message).toMatch(/operator\.read.*protocol 4.*2026\.9\.6/);
    expect(r.steps[4]!.message).not.toContain(TOKEN);
  });

  it('fails at TCP when nothing listens on the SSH port', async () => {
    ssh = await startFakeSshServer({ reply: configReply });
    const { target, ctx } = setup(ssh, 1);
    await ssh.close();
    ssh = null;
    const r = await checkConnection(target, ctx);
    expect(oks(r)).toEqual([false, null, null, null, null]);
    expect(r.steps[0]!.message).toMatch(/refused/);
    expect(r.steps[1]!.message).toMatch(/Not reached/);
  });

  it('fails at the host key for an unknown key, shows its fingerprint, never tries to log in, and trusts nothing', async () => {
    ssh = await startFakeSshServer({ reply: configReply });
    const { target, ctx, dir } = setup(ssh, 1, '# nothing trusted yet');
    const r = await checkConnection(target, ctx);
    expect(oks(r)).toEqual([true, false, null, null, null]);
    expect(r.steps[1]!.message).toContain(fingerprint(Buffer.from(ssh.hostPublicKey.split(' ')[1]!, 'base64')));
    expect(r.steps[1]!.message).toMatch(/not in/);
    expect(ssh.commands).toEqual([]);
    expect(readFileSync(join(dir, 'known_hosts'), 'utf8')).toBe('# nothing trusted yet\n');
    expect(existsSync(join(dir, 'trusted_known_hosts'))).toBe(false);
  });

  it('fails at the host key when it changed', async () => {
    ssh = await startFakeSshServer({ reply: configReply });
    const other = generateKeyPair().publicKey.split(' ').slice(0, 2).join(' ');
    const { target, ctx } = setup(ssh, 1, `[127.0.0.1]:${ssh.port} ${other}`);
    const r = await checkConnection(target, ctx);
    expect(oks(r)).toEqual([true, false, null, null, null]);
    expect(r.steps[1]!.message).toMatch(/HOST KEY CHANGED/);
  });

  it('fails at auth when the server does not accept the key', async () => {
    ssh = await startFakeSshServer({ reply: configReply, acceptedClientPublicKey: generateKeyPair().publicKey });
    const { target, ctx } = setup(ssh, 1);
    const r = await checkConnection(target, ctx);
    expect(oks(r)).toEqual([true, true, false, null, null]);
    expect(r.steps[2]!.message).toMatch(/authentication failed/);
  });

  it('fails at auth for agent auth without an agent, and for an unreadable key', async () => {
    ssh = await startFakeSshServer({ reply: configReply });
    const { target, ctx } = setup(ssh, 1);
    expect(oks(await checkConnection({ ...target, sshAuth: 'agent' }, { ...ctx, agentSocket: '' }))).toEqual([true, true, false, null, null]);
    const r = await checkConnection({ ...target, privateKeyPath: '/nonexistent/key' }, ctx);
    expect(oks(r)).toEqual([true, true, false, null, null]);
    expect(r.steps[2]!.message).toMatch(/Cannot read SSH key/);
  });

  it('fails at the gateway step when nothing listens on the gateway port', async () => {
    gateway = await fakeGateway();
    const closedPort = gateway.port;
    await gateway.close();
    gateway = null;
    ssh = await startFakeSshServer({ reply: configReply });
    const { target, ctx } = setup(ssh, closedPort);
    const r = await checkConnection(target, ctx);
    expect(oks(r)).toEqual([true, true, true, false, null]);
    expect(r.steps[3]!.message).toMatch(new RegExp(`127\\.0\\.0\\.1:${closedPort}`));
  });

  it('fails at scopes when the token is not found or operator.read is not granted; skips scopes for CLI-only', async () => {
    gateway = await fakeGateway(['operator.pairing']);
    ssh = await startFakeSshServer({ reply: configReply });
    const { target, ctx } = setup(ssh, gateway.port);
    const narrow = await checkConnection(target, ctx);
    expect(oks(narrow)).toEqual([true, true, true, true, false]);
    expect(narrow.steps[4]!.message).toMatch(/did not grant operator\.read/);

    const cli = await checkConnection({ ...target, gatewayAccess: 'cli' }, ctx);
    expect(oks(cli)).toEqual([true, true, true, true, null]);
    expect(cli.steps[4]!.message).toMatch(/CLI only/);
    expect(ssh.commands.filter((c) => c.includes('runInNewContext'))).toHaveLength(1); // only the first check read the config
  });

  it('names a missing token', async () => {
    gateway = await fakeGateway();
    ssh = await startFakeSshServer({ reply: () => ({ code: 1 }) });
    const { target, ctx } = setup(ssh, gateway.port);
    const r = await checkConnection(target, ctx);
    expect(oks(r)).toEqual([true, true, true, true, false]);
    expect(r.steps[4]!.message).toMatch(/token not found/);
  });
});
