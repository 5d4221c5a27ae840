// SSH session against an in-process ssh2 server: host-key policy, auth, caps and deadlines.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateKeyPair, startFakeSshServer, type FakeSshServer } from './fake-ssh-server';
import { fingerprint } from './known-hosts';
import { ProbeFailure } from './ssh-errors';
import { openSshSession, type SshTarget } from './ssh-session';

let server: FakeSshServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

function files(s: FakeSshServer, knownHostsLine?: string) {
  const dir = mkdtempSync(join(tmpdir(), 'ym-ssh-'));
  const keyPath = join(dir, 'id');
  const knownHostsPath = join(dir, 'known_hosts');
  writeFileSync(keyPath, s.clientPrivateKey, { mode: 0o600 });
  writeFileSync(knownHostsPath, `${knownHostsLine ?? `[127.0.0.1]:${s.port} ${s.hostPublicKey}`}\n`);
  return { keyPath, knownHostsPath, dir };
}

const target = (s: FakeSshServer, f: ReturnType<typeof files>): SshTarget => ({
  host: '127.0.0.1',
  port: s.port,
  username: 'oc',
  privateKeyPath: f.keyPath,
  knownHostsPath: f.knownHostsPath,
  readyTimeoutMs: 5000,
});

async function failureOf(p: Promise<unknown>): Promise<ProbeFailure> {
  try {
    await p;
  } catch (err) {
    if (err instanceof ProbeFailure) return err;
    throw err;
  }
  throw new Error('expected a failure');
}

describe('ssh session', () => {
  it('runs a command on a trusted host, wrapped in a remote timeout with stdin closed', async () => {
    server = await startFakeSshServer({ reply: () => ({ stdout: 'OpenClaw 2026.9.6 (eb377ac)\n', code: 0 }) });
    const session = await openSshSession(target(server, files(server)));
    const r = await session.exec(['openclaw', '--version'], { timeoutMs: 5000, maxOutputBytes: 1024 });
    session.close();
    expect(r).toMatchObject({ code: 0, stdout: 'OpenClaw 2026.9.6 (eb377ac)\n', truncated: false, timedOut: false });
    expect(server.commands[0]).toBe('timeout -k 2 5 openclaw --version </dev/null');
  });

  it('refuses an unknown host and names the offered fingerprint', async () => {
    server = await startFakeSshServer({ reply: () => ({}) });
    const f = files(server, '# empty');
    const err = await failureOf(openSshSession(target(server, f)));
    const expected = fingerprint(Buffer.from(server.hostPublicKey.split(' ')[1]!, 'base64'));
    expect(err.probeError.kind).toBe('host-key-unknown');
    expect(err.probeError.detail?.fingerprint).toBe(expected);
    expect(err.message).toContain(expected);
    expect(server.commands).toEqual([]);
  });

  it('refuses a changed host key', async () => {
    server = await startFakeSshServer({ reply: () => ({}) });
    const other = generateKeyPair().publicKey.split(' ').slice(0, 2).join(' ');
    const err = await failureOf(openSshSession(target(server, files(server, `[127.0.0.1]:${server.port} ${other}`))));
    expect(err.probeError.kind).toBe('host-key-changed');
    expect(err.message).toMatch(/HOST KEY CHANGED/);
  });

  it('reports a key the server does not accept as an auth failure', async () => {
    server = await startFakeSshServer({ reply: () => ({}), acceptedClientPublicKey: generateKeyPair().publicKey });
    const err = await failureOf(openSshSession(target(server, files(server))));
    expect(err.probeError.kind).toBe('auth-failed');
  });

  it('reports an unreadable key file before connecting', async () => {
    server = await startFakeSshServer({ reply: () => ({}) });
    const f = files(server);
    writeFileSync(f.keyPath, 'not a key');
    const err = await failureOf(openSshSession(target(server, f)));
    expect(err.probeError.kind).toBe('key-unreadable');
  });

  it('reports a refused port as unreachable', async () => {
    server = await startFakeSshServer({ reply: () => ({}) });
    const f = files(server);
    const t = target(server, f);
    await server.close();
    server = null;
    const err = await failureOf(openSshSession(t));
    expect(err.probeError.kind).toBe('ssh-unreachable');
  });

  it('reports a host that accepts TCP but never speaks SSH (wedged sshd, black-holing middlebox) as a timeout', async () => {
    server = await startFakeSshServer({ reply: () => ({}) });
    const f = files(server);
    const { createServer } = await import('node:net');
    const held: import('node:net').Socket[] = [];
    const silent = createServer((socket) => void held.push(socket));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
    try {
      const port = (silent.address() as import('node:net').AddressInfo).port;
      const err = await failureOf(openSshSession({ ...target(server, f), port, readyTimeoutMs: 800 }));
      expect(err.probeError.kind).toBe('ssh-timeout');
      // The dying socket reports again ("Connection lost before handshake"); that must not be an
      // uncaught error (vitest fails the run on one), or one dead host would crash the console.
      for (const s of held) s.destroy();
      await new Promise((r) => setTimeout(r, 200));
    } finally {
      for (const s of held) s.destroy();
      silent.close();
    }
  });

  it('stops reading at the output cap', async () => {
    server = await startFakeSshServer({ reply: () => ({ floodBytes: 100 * 1024 * 1024 }) });
    const session = await openSshSession(target(server, files(server)));
    const r = await session.exec(['yes'], { timeoutMs: 10_000, maxOutputBytes: 256 * 1024 });
    session.close();
    expect(r.truncated).toBe(true);
    expect(r.stdout.length).toBe(256 * 1024);
  });

  it('gives up on a command that never ends (local backstop)', async () => {
    server = await startFakeSshServer({ reply: () => ({ hang: true }) });
    const session = await openSshSession(target(server, files(server)));
    const r = await session.exec(['sleep', 'forever'], { timeoutMs: 500, maxOutputBytes: 1024 });
    session.close();
    expect(r.timedOut).toBe(true);
  });
});
