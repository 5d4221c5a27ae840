import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { fingerprint, hostFieldMatches, knownHostsName, parseKnownHosts, verifyHostKey } from './known-hosts';

// A syntactically real ssh-ed25519 blob: string "ssh-ed25519" + 32-byte key.
function edKey(seed: number): Buffer {
  const type = Buffer.from('ssh-ed25519');
  const key = Buffer.alloc(32, seed);
  const out = Buffer.alloc(4 + type.length + 4 + 32);
  out.writeUInt32BE(type.length, 0);
  type.copy(out, 4);
  out.writeUInt32BE(32, 4 + type.length);
  key.copy(out, 8 + type.length);
  return out;
}
const b64 = (b: Buffer) => b.toString('base64');
const hashed = (name: string) => {
  const salt = randomBytes(20);
  return `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update(name).digest('base64')}`;
};

describe('known_hosts', () => {
  const k1 = edKey(1);
  const k2 = edKey(2);

  it('names non-22 ports in brackets', () => {
    expect(knownHostsName('h', 22)).toBe('h');
    expect(knownHostsName('h', 2222)).toBe('[h]:2222');
  });

  it('trusts a plain entry, with port, and refuses the same host on another port', () => {
    const e = parseKnownHosts(`[10.0.0.5]:2222 ssh-ed25519 ${b64(k1)}\n`);
    expect(verifyHostKey(e, '10.0.0.5', 2222, k1).verdict).toBe('trusted');
    expect(verifyHostKey(e, '10.0.0.5', 22, k1).verdict).toBe('unknown');
  });

  it('matches hashed entries', () => {
    const e = parseKnownHosts(`${hashed('[ops.example]:2200')} ssh-ed25519 ${b64(k1)}`);
    expect(verifyHostKey(e, 'ops.example', 2200, k1).verdict).toBe('trusted');
    expect(verifyHostKey(e, 'other.example', 2200, k1).verdict).toBe('unknown');
  });

  it('reports a changed key of the same type, with the fingerprint offered and the line known', () => {
    const e = parseKnownHosts(`# comment\nh ssh-ed25519 ${b64(k1)}`);
    const v = verifyHostKey(e, 'h', 22, k2);
    expect(v).toMatchObject({ verdict: 'changed', knownLine: 2, fingerprint: fingerprint(k2) });
  });

  it('honours comma lists, wildcards and negation', () => {
    expect(hostFieldMatches('a,b,*.prod.example', 'x.prod.example', 22)).toBe(true);
    expect(hostFieldMatches('*.prod.example,!bad.prod.example', 'bad.prod.example', 22)).toBe(false);
    expect(hostFieldMatches('web?', 'web1', 22)).toBe(true);
    expect(hostFieldMatches('web?', 'web12', 22)).toBe(false);
  });

  it('refuses a revoked key even where another line trusts it', () => {
    const e = parseKnownHosts(`@revoked * ssh-ed25519 ${b64(k1)}\nh ssh-ed25519 ${b64(k1)}`);
    expect(verifyHostKey(e, 'h', 22, k1).verdict).toBe('revoked');
  });

  it('skips garbage and cert-authority lines', () => {
    const e = parseKnownHosts(`garbage\n@cert-authority *.x ssh-ed25519 ${b64(k1)}\nh ssh-ed25519 !!notbase64`);
    expect(e.filter((x) => x.marker === null)).toHaveLength(0);
    expect(verifyHostKey(e, 'a.x', 22, k1).verdict).toBe('unknown');
  });

  it('prints OpenSSH-style fingerprints', () => {
    expect(fingerprint(k1)).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
  });
});

describe('known_hosts @cert-authority', () => {
  it('grants no trust (host certificates cannot be negotiated), and the verdict points at the CA line', () => {
    const host = edKey(7);
    const entries = parseKnownHosts(`# fleet CA\n@cert-authority *.fleet.example ssh-ed25519 ${b64(edKey(9))}\n`);
    expect(verifyHostKey(entries, 'app1.fleet.example', 22, host)).toMatchObject({ verdict: 'unknown', certAuthorityLine: 2 });
    // A host the CA line does not name is a plain first contact.
    expect(verifyHostKey(entries, 'other.example', 22, host)).toEqual({ verdict: 'unknown', fingerprint: fingerprint(host), keyType: 'ssh-ed25519' });
    // The CA's own key offered as a host key is not trusted either.
    expect(verifyHostKey(entries, 'app1.fleet.example', 22, edKey(9)).verdict).toBe('unknown');
  });
});
