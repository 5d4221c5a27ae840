// OpenSSH known_hosts matching, because ssh2 accepts any host key unless told otherwise.
// Handles plain and hashed (|1|salt|hmac) host fields, [host]:port, comma lists, * and ? wildcards,
// !negation and @revoked. @cert-authority lines grant no trust: ssh2 (1.17) negotiates no host
// certificate algorithm (no *-cert-v01@openssh.com in its supported host-key list, and its key
// exchange expects the signature type to equal the negotiated one, which a certificate's never is), so a
// host certificate never reaches us. A host with only such a line is unknown, and is told so.
import { createHash, createHmac } from 'node:crypto';

export interface KnownHostEntry {
  marker: 'revoked' | 'cert-authority' | null;
  hostField: string;
  keyType: string;
  key: Buffer;
  line: number;
}

export function parseKnownHosts(text: string): KnownHostEntry[] {
  const entries: KnownHostEntry[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const parts = line.split(/\s+/);
    let marker: KnownHostEntry['marker'] = null;
    if (parts[0] === '@revoked') marker = 'revoked';
    else if (parts[0] === '@cert-authority') marker = 'cert-authority';
    if (marker) parts.shift();
    const [hostField, keyType, keyB64] = parts;
    if (!hostField || !keyType || !keyB64 || !/^[A-Za-z0-9+/=]+$/.test(keyB64)) return;
    entries.push({ marker, hostField, keyType, key: Buffer.from(keyB64, 'base64'), line: index + 1 });
  });
  return entries;
}

/** The name OpenSSH records for a host: `host` on port 22, `[host]:port` otherwise. */
export function knownHostsName(host: string, port: number): string {
  return port === 22 ? host : `[${host}]:${port}`;
}

function wildcardToRegExp(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`, 'i');
}

function hashedMatches(field: string, name: string): boolean {
  const [, magic, saltB64, hashB64] = field.split('|');
  if (magic !== '1' || !saltB64 || !hashB64) return false;
  const hmac = createHmac('sha1', Buffer.from(saltB64, 'base64')).update(name).digest('base64');
  return hmac === hashB64;
}

/** Does this entry's host field name the host? Negated patterns veto a match. */
export function hostFieldMatches(field: string, host: string, port: number): boolean {
  const name = knownHostsName(host, port);
  if (field.startsWith('|')) return hashedMatches(field, name);
  let matched = false;
  for (const pattern of field.split(',')) {
    const negated = pattern.startsWith('!');
    const p = negated ? pattern.slice(1) : pattern;
    // Most entries are plain names: compared as text (a known_hosts of 1,000 servers is read on every connect).
    const hit = /[*?]/.test(p) ? wildcardToRegExp(p).test(name) : p.toLowerCase() === name.toLowerCase();
    if (hit) {
      if (negated) return false;
      matched = true;
    }
  }
  return matched;
}

/** OpenSSH-style fingerprint: SHA256:<unpadded base64>. */
export function fingerprint(key: Buffer): string {
  return `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;
}

/** The key type named inside an SSH public key blob (string length-prefixed). */
export function keyTypeOf(key: Buffer): string | null {
  if (key.length < 4) return null;
  const len = key.readUInt32BE(0);
  if (len <= 0 || len > 64 || key.length < 4 + len) return null;
  return key.subarray(4, 4 + len).toString('latin1');
}

export type HostKeyVerdict =
  | { verdict: 'trusted'; fingerprint: string }
  | { verdict: 'unknown'; fingerprint: string; keyType: string | null; certAuthorityLine?: number }
  /** The host is known, but under other key types only: a new type is a warning, not a first contact. */
  | { verdict: 'new-type'; fingerprint: string; keyType: string | null; knownTypes: string[] }
  | { verdict: 'changed'; fingerprint: string; keyType: string | null; knownLine: number }
  | { verdict: 'revoked'; fingerprint: string; knownLine: number };

/**
 * Trusted if any entry for this host holds exactly this key. Changed if the host is known with a key
 * of the same type but not this one (what OpenSSH calls "REMOTE HOST IDENTIFICATION HAS CHANGED").
 * A host known only under other key types offers a new type: not trusted, and worded as a warning
 * (the connection is pinned to the known types first, see pinnedHostKeyAlgorithms).
 */
export function verifyHostKey(entries: readonly KnownHostEntry[], host: string, port: number, key: Buffer): HostKeyVerdict {
  const fp = fingerprint(key);
  const type = keyTypeOf(key);
  for (const e of entries) {
    if (e.marker === 'revoked' && e.key.equals(key)) return { verdict: 'revoked', fingerprint: fp, knownLine: e.line };
  }
  const forHost = entries.filter((e) => e.marker === null && hostFieldMatches(e.hostField, host, port));
  if (forHost.some((e) => e.key.equals(key))) return { verdict: 'trusted', fingerprint: fp };
  const sameType = forHost.find((e) => e.keyType === type);
  if (sameType) return { verdict: 'changed', fingerprint: fp, keyType: type, knownLine: sameType.line };
  if (forHost.length) return { verdict: 'new-type', fingerprint: fp, keyType: type, knownTypes: [...new Set(forHost.map((e) => e.keyType))] };
  // Trusted through a CA for OpenSSH, but not here (see the top of this file): say so, not just "unknown".
  const ca = entries.find((e) => e.marker === 'cert-authority' && hostFieldMatches(e.hostField, host, port));
  return ca ? { verdict: 'unknown', fingerprint: fp, keyType: type, certAuthorityLine: ca.line } : { verdict: 'unknown', fingerprint: fp, keyType: type };
}

/** Host-key algorithms per known_hosts key type, in OpenSSH's default preference order. */
const ALGORITHMS_BY_TYPE: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['ssh-ed25519', ['ssh-ed25519']],
  ['ecdsa-sha2-nistp256', ['ecdsa-sha2-nistp256']],
  ['ecdsa-sha2-nistp384', ['ecdsa-sha2-nistp384']],
  ['ecdsa-sha2-nistp521', ['ecdsa-sha2-nistp521']],
  ['ssh-rsa', ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa']],
];

/**
 * The host-key algorithms to offer a known host: only those of the key types known for it (as OpenSSH
 * prefers them), so a server cannot steer a known host to a type we hold no key for. null for a host
 * not in known_hosts (first contact: every type, the operator verifies the fingerprint).
 */
export function pinnedHostKeyAlgorithms(entries: readonly KnownHostEntry[], host: string, port: number): string[] | null {
  const types = new Set(entries.filter((e) => e.marker === null && hostFieldMatches(e.hostField, host, port)).map((e) => e.keyType));
  if (!types.size) return null;
  const out = ALGORITHMS_BY_TYPE.filter(([type]) => types.has(type)).flatMap(([, algs]) => algs);
  return out.length ? out : null;
}
