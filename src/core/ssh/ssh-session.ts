// One verified SSH session: host key checked against known_hosts before anything else happens, then
// commands run with a remote timeout, a local deadline and an output cap.
import { readFile } from 'node:fs/promises';
import type { Duplex } from 'node:stream';
import { Client, utils, type ConnectConfig } from 'ssh2';
import { parseKnownHosts, verifyHostKey, type HostKeyVerdict } from './known-hosts';
import { classifySshError, hostKeyFailure, probeFailure, ProbeFailure } from './ssh-errors';
import { withRemoteTimeout } from './shell-quote';
import { Limiter } from '../limiter';
import { asSocketLike } from './socket-like';

export interface SshTarget {
  host: string;
  port: number;
  username: string;
  /** Key file auth (with passphrase for an encrypted key); or, with `agentSocket`, the ssh-agent. */
  privateKeyPath: string;
  passphrase?: string;
  agentSocket?: string;
  knownHostsPath: string;
  /** Yardmaster's own known_hosts (keys the operator trusted in the console); read as well. */
  trustedHostsPath?: string;
  readyTimeoutMs?: number;
  /** Concurrent channels on this connection; sshd's MaxSessions defaults to 10. */
  maxChannels?: number;
}

export interface ExecResult {
  code: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  truncated: boolean;
  timedOut: boolean;
}

export interface ExecOptions {
  timeoutMs: number;
  maxOutputBytes: number;
}

export interface SshSession {
  /** False once the connection closed or failed; the pool then opens a new one. */
  isOpen(): boolean;
  exec(argv: readonly string[], options: ExecOptions): Promise<ExecResult>;
  /** A TCP stream to 127.0.0.1:port as seen from the server (an SSH direct-tcpip channel). */
  forwardToLoopback(port: number): Promise<Duplex>;
  close(): void;
}

async function readPrivateKey(path: string, passphrase: string | undefined): Promise<Buffer> {
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

export async function readKnownHosts(path: string) {
  try {
    return parseKnownHosts(await readFile(path, 'utf8'));
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    // A missing file means nothing is trusted yet; any other read failure fails closed.
    if (code === 'ENOENT') return [];
    throw probeFailure('known-hosts-unreadable', `Cannot read known_hosts ${path}: ${code ?? String(err)}`);
  }
}

export async function openSshSession(target: SshTarget): Promise<SshSession> {
  if (target.agentSocket === '') {
    throw probeFailure('auth-failed', 'ssh-agent auth chosen, but SSH_AUTH_SOCK is not set for Yardmaster (start it from a session with an agent).');
  }
  const [privateKey, knownHosts, trusted] = await Promise.all([
    target.agentSocket ? Promise.resolve(undefined) : readPrivateKey(target.privateKeyPath, target.passphrase),
    readKnownHosts(target.knownHostsPath),
    target.trustedHostsPath ? readKnownHosts(target.trustedHostsPath) : Promise.resolve([]),
  ]);
  knownHosts.push(...trusted);
  const name = `${target.username}@${target.host}:${target.port}`;
  let verdict: HostKeyVerdict | null = null;
  let offeredKey: Buffer = Buffer.alloc(0);

  const client = new Client();
  const config: ConnectConfig = {
    host: target.host,
    port: target.port,
    username: target.username,
    ...(target.agentSocket ? { agent: target.agentSocket } : { privateKey, passphrase: target.passphrase }),
    readyTimeout: target.readyTimeoutMs ?? 10_000,
    keepaliveInterval: 15_000,
    keepaliveCountMax: 3,
    agentForward: false,
    hostVerifier: (key: Buffer) => {
      offeredKey = key;
      verdict = verifyHostKey(knownHosts, target.host, target.port, key);
      return verdict.verdict === 'trusted';
    },
  };

  await new Promise<void>((resolve, reject) => {
    const onError = (err: Error) => {
      client.removeListener('ready', onReady);
      // A failed handshake can report more errors while its socket dies ("Connection lost before
      // handshake" after a timeout): swallow them, or one dead host crashes the whole console.
      client.on('error', () => {});
      client.end();
      const v = verdict as HostKeyVerdict | null;
      if (v && v.verdict !== 'trusted') reject(hostKeyFailure(v, name, target.knownHostsPath, offeredKey));
      else reject(classifySshError(err, name));
    };
    const onReady = () => {
      client.removeListener('error', onError);
      resolve();
    };
    client.once('error', onError);
    client.once('ready', onReady);
    client.connect(config);
  });
  // After the handshake an error must never crash the process; the next exec reports it.
  let lastError: Error | null = null;
  let open = true;
  client.on('error', (err) => {
    lastError = err;
    open = false;
  });
  client.on('close', () => {
    open = false;
  });
  const channels = new Limiter(target.maxChannels ?? 4);
  const closedFailure = () => classifySshError(lastError ?? Object.assign(new Error('connection closed'), { code: 'ECONNRESET' }), name);

  return {
    isOpen: () => open,
    exec: (argv, options) => {
      if (!open) return Promise.reject(closedFailure());
      return channels.run(() => execOnClient(client, argv, options, () => lastError, name));
    },
    forwardToLoopback: (port) => {
      if (!open) return Promise.reject(closedFailure());
      return new Promise((resolve, reject) => {
        client.forwardOut('127.0.0.1', 0, '127.0.0.1', port, (err, stream) => {
          if (err) reject(err);
          else {
            stream.on('error', () => {});
            resolve(asSocketLike(stream));
          }
        });
      });
    },
    close: () => {
      open = false;
      client.end();
    },
  };
}

function execOnClient(
  client: Client,
  argv: readonly string[],
  { timeoutMs, maxOutputBytes }: ExecOptions,
  lastError: () => Error | null,
  name: string,
): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    client.exec(withRemoteTimeout(argv, timeoutMs), (err, stream) => {
      if (err) {
        reject(classifySshError(lastError() ?? err, name));
        return;
      }
      const out: Buffer[] = [];
      const errOut: Buffer[] = [];
      let bytes = 0;
      let truncated = false;
      let timedOut = false;
      let code: number | null = null;
      let signal: string | null = null;
      const take = (sink: Buffer[]) => (chunk: Buffer) => {
        if (truncated) return;
        const room = maxOutputBytes - bytes;
        if (chunk.length > room) {
          sink.push(chunk.subarray(0, Math.max(0, room)));
          bytes = maxOutputBytes;
          truncated = true;
          stream.close();
          return;
        }
        sink.push(chunk);
        bytes += chunk.length;
      };
      // The remote `timeout` should end the command first; this is the backstop for a hung channel.
      const deadline = setTimeout(() => {
        timedOut = true;
        stream.close();
      }, timeoutMs + 3_000);
      stream.on('data', take(out));
      stream.stderr.on('data', take(errOut));
      stream.on('error', () => {
        // Reported through 'close' with no exit code.
      });
      stream.stderr.on('error', () => {});
      stream.on('exit', (c: number | null, s?: string) => {
        code = c ?? null;
        signal = s ?? null;
      });
      stream.on('close', () => {
        clearTimeout(deadline);
        // GNU timeout exits 124 when it had to stop the command.
        if (code === 124) timedOut = true;
        resolve({
          code,
          signal,
          stdout: Buffer.concat(out).toString('utf8'),
          stderr: Buffer.concat(errOut).toString('utf8'),
          truncated,
          timedOut,
        });
      });
    });
  });
}

export { ProbeFailure };
