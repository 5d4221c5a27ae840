// ProxyJump against two in-process ssh2 servers: the jump host forwards (direct-tcpip) to the target's
// port, and the target's session runs over that channel. Each hop's host key is checked, failures say
// which hop, and closing the session closes both connections.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateKeyPair, startFakeSshServer, type FakeSshServer } from './fake-ssh-server';
import { ProbeFailure } from './ssh-errors';
import { jumpChannelFailure } from './ssh-jump';
import { openSshSession, type SshTarget } from './ssh-session';

const servers: FakeSshServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

async function pair(o: { jumpAcceptsKey?: string } = {}) {
  const target = await startFakeSshServer({ reply: (c) => ({ stdout: c.includes('hostname') ? 'target\n' : '' }) });
  const jump = await startFakeSshServer({ reply: () => ({ stdout: 'jump\n' }), ...(o.jumpAcceptsKey ? { acceptedClientPublicKey: o.jumpAcceptsKey } : {}) });
  servers.push(target, jump);
  const dir = mkdtempSync(join(tmpdir(), 'ym-jump-'));
  writeFileSync(join(dir, 'target_id'), target.clientPrivateKey, { mode: 0o600 });
  writeFileSync(join(dir, 'jump_id'), jump.clientPrivateKey, { mode: 0o600 });
  // The target is named by the address the jump host reaches it at (here its loopback too).
  const line = (s: FakeSshServer, key = s.hostPublicKey) => `[127.0.0.1]:${s.port} ${key}`;
  const known = (lines: string[]) => {
    writeFileSync(join(dir, 'known_hosts'), `${lines.join('\n')}\n`);
    return join(dir, 'known_hosts');
  };
  const t = (knownHostsPath: string): SshTarget => ({
    host: '127.0.0.1',
    port: target.port,
    username: 'oc',
    privateKeyPath: join(dir, 'target_id'),
    knownHostsPath,
    readyTimeoutMs: 5000,
    jump: { host: '127.0.0.1', port: jump.port, username: 'jumper', privateKeyPath: join(dir, 'jump_id') },
  });
  return { target, jump, line, known, t };
}

async function failureOf(p: Promise<unknown>): Promise<ProbeFailure> {
  const err = await p.then(
    () => new Error('expected a failure'),
    (e: unknown) => e,
  );
  if (err instanceof ProbeFailure) return err;
  throw err;
}

const otherKey = () => generateKeyPair().publicKey.split(' ').slice(0, 2).join(' ');

describe('ProxyJump (one jump host)', () => {
  it('runs the command on the target, over a channel of the jump connection, and closes both', async () => {
    const { target, jump, line, known, t } = await pair();
    const session = await openSshSession(t(known([line(jump), line(target)])));
    const r = await session.exec(['hostname'], { timeoutMs: 5000, maxOutputBytes: 1024 });
    expect(r.stdout).toBe('target\n');
    expect(target.commands).toEqual(['timeout -k 2 5 hostname </dev/null']);
    expect(jump.commands).toEqual([]);
    expect(jump.openConnections()).toBe(1);
    session.close();
    await expect.poll(() => jump.openConnections() + target.openConnections()).toBe(0);
    expect(session.isOpen()).toBe(false);
  });

  it('a jump host that drops takes the target session with it (the pool then reconnects)', async () => {
    const { target, jump, line, known, t } = await pair();
    const session = await openSshSession(t(known([line(jump), line(target)])));
    await jump.close();
    await expect.poll(() => session.isOpen()).toBe(false);
    await expect.poll(() => target.openConnections()).toBe(0);
  });

  it('refuses a jump host whose key is not the known one, naming the jump hop, before the target is asked anything', async () => {
    const { target, jump, line, known, t } = await pair();
    const err = await failureOf(openSshSession(t(known([line(jump, otherKey()), line(target)]))));
    expect(err.probeError.kind).toBe('host-key-changed');
    expect(err.probeError.detail?.hop).toBe('jump');
    expect(err.message).toContain(`HOST KEY CHANGED for jump host jumper@127.0.0.1:${jump.port}`);
    expect(target.openConnections()).toBe(0);
    expect(target.commands).toEqual([]);
  });

  it('an unknown jump host is refused with its fingerprint, as the jump hop', async () => {
    const { target, line, known, t } = await pair();
    const err = await failureOf(openSshSession(t(known([line(target)]))));
    expect(err.probeError).toMatchObject({ kind: 'host-key-unknown', detail: { hop: 'jump' } });
    expect(err.message).toMatch(/^Host key for jump host /);
  });

  it("checks the target's own host key through the jump (a jump host cannot stand in for the target)", async () => {
    const { target, jump, line, known, t } = await pair();
    const err = await failureOf(openSshSession(t(known([line(jump), line(target, otherKey())]))));
    expect(err.probeError).toMatchObject({ kind: 'host-key-changed', detail: { hop: 'target' } });
    expect(err.message).toContain(`HOST KEY CHANGED for oc@127.0.0.1:${target.port}`);
    expect(target.commands).toEqual([]);
    await expect.poll(() => jump.openConnections()).toBe(0);
  });

  it('a jump host that does not take the key is an auth failure of the jump hop', async () => {
    const { target, jump, line, known, t } = await pair({ jumpAcceptsKey: generateKeyPair().publicKey });
    const err = await failureOf(openSshSession(t(known([line(jump), line(target)]))));
    expect(err.probeError).toMatchObject({ kind: 'auth-failed', detail: { hop: 'jump' } });
    expect(err.message).toContain('jump host jumper@');
  });

  it('a target the jump host cannot reach is unreachable from the jump hop', async () => {
    const { target, jump, line, known, t } = await pair();
    const kh = known([line(jump), line(target)]);
    const spec = t(kh);
    await target.close();
    const err = await failureOf(openSshSession(spec));
    expect(err.probeError).toMatchObject({ kind: 'ssh-unreachable', detail: { hop: 'jump' } });
    expect(err.message).toBe(`The jump host jumper@127.0.0.1:${jump.port} could not reach 127.0.0.1:${target.port} (refused, no route or no answer from there).`);
    await expect.poll(() => jump.openConnections()).toBe(0);
  });

  it('names channel refusals by their reason code only, never the jump host words', () => {
    expect(jumpChannelFailure(1, 'jump host j@b:22', 't:22').probeError).toMatchObject({ kind: 'ssh-error', message: expect.stringMatching(/AllowTcpForwarding/) });
    expect(jumpChannelFailure(2, 'jump host j@b:22', 't:22').probeError.kind).toBe('ssh-unreachable');
    expect(jumpChannelFailure('anything', 'jump host j@b:22', 't:22').probeError).toEqual({ kind: 'ssh-error', message: 'The jump host j@b:22 did not open a channel to t:22.', detail: { hop: 'jump' } });
  });
});
