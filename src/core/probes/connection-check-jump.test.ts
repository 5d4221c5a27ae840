// The connection check of a server behind a jump host: TCP and host key are the jump host's (the only
// hop this machine reaches), login is the whole way through it, then the gateway through the target.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeSshServer, type FakeSshServer } from '../ssh/fake-ssh-server';
import { fingerprint } from '../ssh/known-hosts';
import { checkConnection, type CheckTarget } from './connection-check';

const servers: FakeSshServer[] = [];
let http: Server | null = null;
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
  await new Promise((r) => (http ? http.close(r) : r(null)));
  http = null;
});

async function setup(trustJump: boolean) {
  http = createServer((req, res) => void res.writeHead(req.url === '/healthz' ? 200 : 404).end('{}'));
  await new Promise<void>((r) => http!.listen(0, '127.0.0.1', () => r()));
  const gatewayPort = (http.address() as AddressInfo).port;
  const target = await startFakeSshServer({ reply: () => ({ code: 1 }) });
  const jump = await startFakeSshServer({ reply: () => ({ code: 1 }) });
  servers.push(target, jump);
  const dir = mkdtempSync(join(tmpdir(), 'ym-check-jump-'));
  writeFileSync(join(dir, 'id'), target.clientPrivateKey, { mode: 0o600 });
  writeFileSync(join(dir, 'jump_id'), jump.clientPrivateKey, { mode: 0o600 });
  const lines = [`[127.0.0.1]:${target.port} ${target.hostPublicKey}`, ...(trustJump ? [`[127.0.0.1]:${jump.port} ${jump.hostPublicKey}`] : [])];
  writeFileSync(join(dir, 'known_hosts'), `${lines.join('\n')}\n`);
  const server: CheckTarget = {
    host: '127.0.0.1',
    sshPort: target.port,
    sshUser: 'oc',
    privateKeyPath: join(dir, 'id'),
    gatewayPort,
    gatewayAccess: 'cli',
    jumpHost: { host: '127.0.0.1', port: jump.port, user: 'jumper', privateKeyPath: join(dir, 'jump_id') },
  };
  return { jump, target, server, ctx: { knownHostsPath: join(dir, 'known_hosts'), clientVersion: 'test', timeoutMs: 5_000 } };
}

describe('connection check through a jump host', () => {
  it('checks the jump host first, then logs in through it and reaches the gateway on the target', async () => {
    const { jump, server, ctx } = await setup(true);
    const r = await checkConnection(server, ctx);
    expect(r.steps.map((s) => s.ok), JSON.stringify(r)).toEqual([true, true, true, true, null]);
    expect(r.steps[0]!.message).toBe(`Jump host: 127.0.0.1:${jump.port} accepts TCP connections.`);
    expect(r.steps[1]!.message).toContain(`Jump host: Host key ${fingerprint(Buffer.from(jump.hostPublicKey.split(' ')[1]!, 'base64'))}`);
    expect(r.steps[2]!.message).toMatch(new RegExp(`^Logged in as oc through jump host jumper@127\\.0\\.0\\.1:${jump.port} `));
  });

  it('stops at the jump host key when it is not known, naming the jump host', async () => {
    const { target, server, ctx } = await setup(false);
    const r = await checkConnection(server, ctx);
    expect(r.steps.map((s) => s.ok)).toEqual([true, false, null, null, null]);
    expect(r.steps[1]!.message).toMatch(/^Jump host: Host key for jump host jumper@127\.0\.0\.1:\d+ is not in /);
    expect(target.openConnections()).toBe(0);
  });
});
