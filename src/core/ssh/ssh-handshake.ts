// One SSH hop up to "logged in": the key read (and unlocked) before any connection, the host key checked
// against known_hosts before authentication, and ssh2's errors classified. A hop connects either over
// TCP itself or over a stream it is handed (a channel forwarded by the jump host in front of it).
import { readFile } from 'node:fs/promises';
import type { Duplex } from 'node:stream';
import { Client, utils, type ConnectConfig } from 'ssh2';
import { knownHostsEntries } from './known-hosts-cache';
import { pinnedHostKeyAlgorithms, verifyHostKey, type HostKeyVerdict, type KnownHostEntry } from './known-hosts';
import { classifySshError, hostKeyFailure, probeFailure } from './ssh-errors';

/** Where one hop logs in, and with what. */
export interface SshHop {
  host: string;
  port: number;
  username: string;
  /** Key file auth (with passphrase for an encrypted key); or, with `agentSocket`, the ssh-agent. */
  privateKeyPath: string;
  passphrase?: string;
  agentSocket?: string;
}

export interface HopTrust {
  /** Every known_hosts entry (the user's and the console's own). */
  knownHosts: readonly KnownHostEntry[];
  /** Named in host-key messages. */
  knownHostsPath: string;
  readyTimeoutMs: number;
}

export async function readPrivateKey(path: string, passphrase: string | undefined): Promise<Buffer> {
  let key: Buffer;
  try {
    key = await readFile(path);
  } catch (err) {
    throw probeFailure('key-unreadable', `Cannot read SSH key ${path}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  // Parsed here first so a locked key or a wrong passphrase is named before any connection is made.
  const parsed = utils.parseKey(key, passphrase);
  if (parsed instanceof Error) {
    if (/encrypted/i.test(parsed.message) && !passphrase) {
      throw probeFailure('key-locked', `SSH key ${path} is encrypted: unlock it with its passphrase (never written in plain text).`);
    }
    if (passphrase && /(bad passphrase|decrypt|integrity|Malformed)/i.test(parsed.message)) {
      throw probeFailure('key-locked', `Wrong passphrase for SSH key ${path}.`);
    }
    throw probeFailure('key-unreadable', `SSH key ${path} is not usable: ${parsed.message}`);
  }
  return key;
}

export async function readKnownHosts(path: string): Promise<readonly KnownHostEntry[]> {
  try {
    return await knownHostsEntries(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    // A missing file means nothing is trusted yet; any other read failure fails closed.
    if (code === 'ENOENT') return [];
    throw probeFailure('known-hosts-unreadable', `Cannot read known_hosts ${path}: ${code ?? String(err)}`);
  }
}

/** The key of a hop (undefined with the agent), read before anything connects. */
export function readHopKey(hop: SshHop): Promise<Buffer | undefined> {
  if (hop.agentSocket === '') {
    return Promise.reject(probeFailure('auth-failed', 'ssh-agent auth chosen, but SSH_AUTH_SOCK is not set for Yardmaster (start it from a session with an agent).'));
  }
  return hop.agentSocket ? Promise.resolve(undefined) : readPrivateKey(hop.privateKeyPath, hop.passphrase);
}

/**
 * Logs in to one hop. `name` is how messages call it ("ops@10.0.0.5:22", "jump host ops@bastion:22").
 * `openSock` gives the stream to speak SSH over (a jump host's forwarded channel); without it ssh2
 * connects over TCP. It is called again for the unpinned retry, which needs a fresh stream.
 */
export async function handshakeHop(
  hop: SshHop,
  privateKey: Buffer | undefined,
  trust: HopTrust,
  name: string,
  openSock?: () => Promise<Duplex>,
  unpinned = false,
): Promise<Client> {
  const sock = openSock ? await openSock() : undefined;
  let verdict: HostKeyVerdict | null = null;
  let offeredKey: Buffer = Buffer.alloc(0);
  const client = new Client();
  const config: ConnectConfig = {
    host: hop.host,
    port: hop.port,
    ...(sock ? { sock } : {}),
    username: hop.username,
    ...(hop.agentSocket ? { agent: hop.agentSocket } : { privateKey, passphrase: hop.passphrase }),
    readyTimeout: trust.readyTimeoutMs,
    keepaliveInterval: 15_000,
    keepaliveCountMax: 3,
    agentForward: false,
    hostVerifier: (key: Buffer) => {
      offeredKey = key;
      verdict = verifyHostKey(trust.knownHosts, hop.host, hop.port, key);
      return verdict.verdict === 'trusted';
    },
  };
  // A known host negotiates only the key types known for it; one that offers none of them is asked
  // again unpinned, only to see (and name, as a warning) the key it offers instead.
  const pinned = unpinned ? null : pinnedHostKeyAlgorithms(trust.knownHosts, hop.host, hop.port);
  if (pinned) config.algorithms = { serverHostKey: pinned as never };

  await new Promise<void>((resolve, reject) => {
    const onError = (err: Error) => {
      client.removeListener('ready', onReady);
      // A failed handshake can report more errors while its socket dies ("Connection lost before
      // handshake" after a timeout): swallow them, or one dead host crashes the whole console.
      client.on('error', () => {});
      client.end();
      sock?.destroy();
      const v = verdict as HostKeyVerdict | null;
      if (v && v.verdict !== 'trusted') reject(hostKeyFailure(v, name, trust.knownHostsPath, offeredKey));
      else if (pinned && /no matching host key/i.test(err.message)) {
        handshakeHop(hop, privateKey, trust, name, openSock, true).then(
          (c) => {
            // Cannot happen while the known keys are of other types; never keep such a connection.
            c.end();
            reject(classifySshError(err, name));
          },
          reject,
        );
      } else reject(classifySshError(err, name));
    };
    const onReady = () => {
      client.removeListener('error', onError);
      resolve();
    };
    client.once('error', onError);
    client.once('ready', onReady);
    client.connect(config);
  });
  return client;
}
