// One verified SSH session: host key checked against known_hosts before anything else happens, then
// commands run with a remote timeout, a local deadline and an output cap. Behind a jump host
// (ProxyJump, one hop), the jump host is logged in to first (its own host key checked), and the
// target's session runs over a channel the jump host forwards to the target's SSH port.
import type { Duplex } from 'node:stream';
import type { Client } from 'ssh2';
import { classifySshError, probeFailure, ProbeFailure } from './ssh-errors';
import { handshakeHop, readHopKey, readKnownHosts, type HopTrust, type SshHop } from './ssh-handshake';
import { forwardThroughJump } from './ssh-jump';
import { withRemoteTimeout } from './shell-quote';
import { Limiter } from '../limiter';
import { asSocketLike } from './socket-like';

export interface SshTarget extends SshHop {
  knownHostsPath: string;
  /** Yardmaster's own known_hosts (keys the operator trusted in the console); read as well. */
  trustedHostsPath?: string;
  readyTimeoutMs?: number;
  /** Concurrent channels on this connection; sshd's MaxSessions defaults to 10. */
  maxChannels?: number;
  /** The jump host in front of the target (OpenSSH ProxyJump; one hop, no chains). Same known_hosts. */
  jump?: SshHop;
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
  /**
   * A TCP stream to 127.0.0.1:port as seen from the server (an SSH direct-tcpip channel). A channel
   * that does not open within timeoutMs (default 10 s) means the connection is dead: it is torn down
   * and the call fails with ssh-timeout.
   */
  forwardToLoopback(port: number, timeoutMs?: number): Promise<Duplex>;
  close(): void;
}

export { readKnownHosts };

const hopName = (h: SshHop) => `${h.username}@${h.host}:${h.port}`;

/** Marks a failure with the hop it happened on (only when there is a jump host, so there are two). */
function onHop(err: unknown, hop: 'jump' | 'target'): unknown {
  // known_hosts is shared by both hops: its failure is no hop's.
  if (!(err instanceof ProbeFailure) || err.probeError.detail?.hop || err.probeError.kind === 'known-hosts-unreadable') return err;
  return new ProbeFailure({ ...err.probeError, detail: { ...err.probeError.detail, hop } });
}

export async function openSshSession(target: SshTarget): Promise<SshSession> {
  const [privateKey, jumpKey, known, trusted] = await Promise.all([
    readHopKey(target),
    target.jump ? readHopKey(target.jump).catch((e: unknown) => Promise.reject(onHop(e, 'jump'))) : Promise.resolve(undefined),
    readKnownHosts(target.knownHostsPath),
    target.trustedHostsPath ? readKnownHosts(target.trustedHostsPath) : Promise.resolve([]),
  ]).catch((e: unknown) => Promise.reject(target.jump ? onHop(e, 'target') : e));
  // The shared lists are never modified; a copy only when the console's own trusted keys add to them.
  const knownHosts = trusted.length ? [...known, ...trusted] : known;
  const trust: HopTrust = { knownHosts, knownHostsPath: target.knownHostsPath, readyTimeoutMs: target.readyTimeoutMs ?? 10_000 };
  const name = hopName(target);

  let jump: Client | null = null;
  let client: Client;
  if (target.jump) {
    const jumpName = `jump host ${hopName(target.jump)}`;
    const j = await handshakeHop(target.jump, jumpKey, trust, jumpName).catch((e: unknown) => Promise.reject(onHop(e, 'jump')));
    jump = j;
    // The jump connection must never crash the process either; a dead jump shows as the target closing.
    j.on('error', () => {});
    try {
      client = await handshakeHop(target, privateKey, trust, name, () => forwardThroughJump(j, jumpName, target.host, target.port, trust.readyTimeoutMs));
    } catch (err) {
      j.end();
      throw onHop(err, 'target');
    }
  } else {
    client = await handshakeHop(target, privateKey, trust, name);
  }
  // After the handshake an error must never crash the process; the next exec reports it.
  let lastError: Error | null = null;
  let open = true;
  client.on('error', (err) => {
    lastError = err;
    open = false;
  });
  client.on('close', () => {
    open = false;
    // The target's session was the jump connection's only use: it goes with it.
    jump?.end();
  });
  // A jump host that drops (keepalive, reset) takes the forwarded channel with it: close the target side now.
  jump?.on('close', () => {
    open = false;
    client.destroy();
  });
  const channels = new Limiter(target.maxChannels ?? 4);
  const closedFailure = () => classifySshError(lastError ?? Object.assign(new Error('connection closed'), { code: 'ECONNRESET' }), name);
  // A peer that stopped answering (link down, host frozen) never answers a channel request either; the
  // keepalive would notice only after 45 s. A channel that misses its deadline ends the connection.
  const tearDown = () => {
    open = false;
    client.destroy();
    jump?.destroy();
  };

  return {
    isOpen: () => open,
    exec: (argv, options) => {
      if (!open) return Promise.reject(closedFailure());
      return channels.run(() => execOnClient(client, argv, options, () => lastError, name, tearDown));
    },
    forwardToLoopback: (port, timeoutMs = 10_000) => {
      if (!open) return Promise.reject(closedFailure());
      return new Promise((resolve, reject) => {
        let settled = false;
        const timer = setTimeout(() => {
          settled = true;
          tearDown();
          reject(probeFailure('ssh-timeout', `${name}: the SSH channel to 127.0.0.1:${port} did not open within ${timeoutMs} ms; the connection was closed.`));
        }, timeoutMs);
        client.forwardOut('127.0.0.1', 0, '127.0.0.1', port, (err, stream) => {
          clearTimeout(timer);
          if (settled) {
            stream?.destroy();
            return;
          }
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
      jump?.end();
    },
  };
}

function execOnClient(
  client: Client,
  argv: readonly string[],
  { timeoutMs, maxOutputBytes }: ExecOptions,
  lastError: () => Error | null,
  name: string,
  tearDown: () => void,
): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    let settled = false;
    // The channel request itself may never be answered (dead peer): then nothing below ever runs.
    const opening = setTimeout(() => {
      settled = true;
      tearDown();
      reject(probeFailure('ssh-timeout', `${name}: the SSH exec channel did not open within ${timeoutMs + 3_000} ms; the connection was closed.`));
    }, timeoutMs + 3_000);
    client.exec(withRemoteTimeout(argv, timeoutMs), (err, stream) => {
      clearTimeout(opening);
      if (settled) {
        stream?.close();
        return;
      }
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
      // A channel that does not even close when asked means a dead connection: answer now and tear
      // the connection down, rather than wait for a close that never comes.
      let abandon: NodeJS.Timeout | null = null;
      const deadline = setTimeout(() => {
        timedOut = true;
        stream.close();
        abandon = setTimeout(() => {
          settled = true;
          tearDown();
          resolve({ code: null, signal: null, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(errOut).toString('utf8'), truncated, timedOut: true });
        }, 2_000);
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
        if (abandon) clearTimeout(abandon);
        if (settled) return;
        settled = true;
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
