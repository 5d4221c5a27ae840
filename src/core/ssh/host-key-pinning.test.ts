// A host known by its ed25519 key that now offers only an RSA key (a man in the middle holding an RSA
// key, or a rebuilt host): the handshake is pinned to the known type, and the key offered instead is
// named as a warning, never as a first contact.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startFakeSshServer, type FakeSshServer } from './fake-ssh-server';
import { parseKnownHosts, pinnedHostKeyAlgorithms } from './known-hosts';
import { ProbeFailure } from './ssh-errors';
import { openSshSession } from './ssh-session';

const servers: FakeSshServer[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) await s.close();
});

describe('host-key type pinning', () => {
  it('offers a known host only its known key types, in OpenSSH order', () => {
    const e = parseKnownHosts('h ssh-rsa AAAA\nh ssh-ed25519 AAAA\nother ecdsa-sha2-nistp256 AAAA\n');
    expect(pinnedHostKeyAlgorithms(e, 'h', 22)).toEqual(['ssh-ed25519', 'rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa']);
    expect(pinnedHostKeyAlgorithms(e, 'unknown-host', 22)).toBeNull();
  });

  it('a known ed25519 host offering only RSA is refused with a warning naming both, not as an unknown host', async () => {
    const real = await startFakeSshServer({ reply: () => ({ stdout: '' }) });
    const impostor = await startFakeSshServer({ reply: () => ({ stdout: '' }), hostKeyType: 'rsa' });
    servers.push(real, impostor);
    const dir = mkdtempSync(join(tmpdir(), 'ym-pin-'));
    writeFileSync(join(dir, 'id'), impostor.clientPrivateKey, { mode: 0o600 });
    // known_hosts knows this host:port by the real host's ed25519 key.
    writeFileSync(join(dir, 'kh'), `[127.0.0.1]:${impostor.port} ${real.hostPublicKey}\n`);
    const err = await openSshSession({ host: '127.0.0.1', port: impostor.port, username: 'oc', privateKeyPath: join(dir, 'id'), knownHostsPath: join(dir, 'kh') }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProbeFailure);
    const pe = (err as ProbeFailure).probeError;
    expect(pe.kind).toBe('host-key-unknown');
    expect(pe.message).toMatch(/^WARNING: .* is known by its ssh-ed25519 host key, but now offers none of those, only ssh-rsa key SHA256:/);
    expect(pe.detail).toMatchObject({ keyType: 'ssh-rsa', knownTypes: 'ssh-ed25519' });
  });
});
