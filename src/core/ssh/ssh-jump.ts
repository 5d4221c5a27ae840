// The jump host's half of ProxyJump: a direct-tcpip channel from the jump host to the target's SSH
// port, over which the target's own SSH session then runs (its host key checked as for any server).
// The jump host's refusal text is the remote's words, so only its RFC 4254 reason code is used.
import type { Duplex } from 'node:stream';
import type { Client } from 'ssh2';
import { probeFailure, type ProbeFailure } from './ssh-errors';
import { asSocketLike } from './socket-like';

/** SSH_MSG_CHANNEL_OPEN_FAILURE reason codes (RFC 4254 §5.1). */
const ADMINISTRATIVELY_PROHIBITED = 1;
const CONNECT_FAILED = 2;

export function jumpChannelFailure(reason: unknown, jumpName: string, target: string): ProbeFailure {
  const detail = { hop: 'jump' };
  if (reason === ADMINISTRATIVELY_PROHIBITED) {
    return probeFailure('ssh-error', `The ${jumpName} refused to forward to ${target} (TCP forwarding not allowed for this user: AllowTcpForwarding / PermitOpen).`, detail);
  }
  if (reason === CONNECT_FAILED) {
    return probeFailure('ssh-unreachable', `The ${jumpName} could not reach ${target} (refused, no route or no answer from there).`, detail);
  }
  return probeFailure('ssh-error', `The ${jumpName} did not open a channel to ${target}.`, detail);
}

/** A stream to host:port as the jump host connects to it. A channel that does not open in time is an ssh-timeout. */
export function forwardThroughJump(jump: Client, jumpName: string, host: string, port: number, timeoutMs: number): Promise<Duplex> {
  const target = `${host}:${port}`;
  return new Promise((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(() => {
      settled = true;
      reject(probeFailure('ssh-timeout', `The ${jumpName} did not open a channel to ${target} within ${timeoutMs} ms.`, { hop: 'jump' }));
    }, timeoutMs);
    jump.forwardOut('127.0.0.1', 0, host, port, (err, stream) => {
      clearTimeout(timer);
      if (settled) {
        stream?.destroy();
        return;
      }
      settled = true;
      if (err) return reject(jumpChannelFailure((err as Error & { reason?: unknown }).reason, jumpName, target));
      stream.on('error', () => {});
      resolve(asSocketLike(stream));
    });
  });
}
