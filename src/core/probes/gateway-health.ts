// A gateway's liveness and readiness over HTTP on its loopback port, reached through the server's SSH
// connection, with each failure classified (refused port, hung process, lost SSH) for the probe and
// for the two-signal DOWN confirmation (down-confirmation.ts).
import type { Readiness, ServerConfig } from '../../shared/domain';
import type { LinkLoss } from '../gateway/gateway-link';
import type { SshSession } from '../ssh/ssh-session';
import { ProbeFailure, probeFailure } from '../ssh/ssh-errors';
import { httpGetOverStream, TunnelTimeout } from '../ssh/tunnel-http';
import { parseReadyz } from './readiness';

/** RFC 4254 §5.1 reason code: the SSH server could not connect to the forwarding target. */
const SSH_OPEN_CONNECT_FAILED = 2;

/** The gateway's time to answer HTTP when the probe confirms a link that stopped answering pings. */
export const CONFIRM_HEALTHZ_MS = 1_500;

export interface HealthCheckOptions {
  /** Per HTTP request (default 5 s). */
  httpTimeoutMs?: number;
  /** Set when this check confirms a lost gateway link (see ProbeContext.linkLoss). */
  linkLoss?: LinkLoss;
}

/**
 * Liveness and readiness in one request where it can: /readyz answering 200 says both (the process
 * answers HTTP and is ready). Only when it does not (503 unready, or a gateway without /readyz) is
 * /healthz asked whether the process is at least live. Halves the requests of a healthy poll.
 */
export async function checkHealth(server: ServerConfig, ctx: HealthCheckOptions, session: SshSession): Promise<Readiness | null> {
  let ready: { status: number; body: string } | null = null;
  try {
    ready = await getOverForward(server, ctx, session, '/readyz', 64 * 1024);
  } catch (err) {
    // Refused, hung, SSH gone: /healthz would fare the same, so that is the answer. Any other trouble
    // with /readyz itself (an oversized or broken answer) is /healthz's to judge.
    if (!(err instanceof ProbeFailure) || err.probeError.kind !== 'gateway-unreachable' || err.probeError.detail?.forward === 'refused') throw err;
  }
  if (ready?.status === 200) return parseReadyz(ready.status, ready.body);
  const health = await getOverForward(server, ctx, session, '/healthz');
  if (health.status !== 200) throw probeFailure('gateway-unhealthy', `Gateway /healthz at ${where(server)} answered HTTP ${health.status}.`);
  return ready ? parseReadyz(ready.status, ready.body) : null;
}

const where = (server: ServerConfig) => `127.0.0.1:${server.gatewayPort} on ${server.host}`;

/** One GET to the gateway's loopback port through the SSH connection, its failures classified. */
async function getOverForward(server: ServerConfig, ctx: HealthCheckOptions, session: SshSession, path: string, maxBytes?: number) {
  let stream;
  try {
    stream = await session.forwardToLoopback(server.gatewayPort);
  } catch (err) {
    if (err instanceof ProbeFailure) throw err;
    // sshd answered, and its own connect to the port failed (SSH_OPEN_CONNECT_FAILED): nothing
    // listens there. That is a fact from the server, not a lost packet (see down-confirmation.ts).
    const refused = (err as { reason?: unknown }).reason === SSH_OPEN_CONNECT_FAILED;
    throw probeFailure('gateway-unreachable', `Gateway not listening at ${where(server)}: ${(err as Error).message}`, refused ? { forward: 'refused' } : undefined);
  }
  try {
    const timeoutMs = ctx.httpTimeoutMs ?? 5_000;
    return await httpGetOverStream(stream, path, ctx.linkLoss === 'unresponsive' ? Math.min(timeoutMs, CONFIRM_HEALTHZ_MS) : timeoutMs, maxBytes);
  } catch (err) {
    const message = (err as Error).message;
    // Accepted the connection but never answered: a hung (stopped, deadlocked, swapping) gateway.
    if (err instanceof TunnelTimeout) throw probeFailure('gateway-unresponsive', `Gateway at ${where(server)} accepts connections but did not answer ${path} (${message}).`);
    throw probeFailure('gateway-unreachable', `Gateway at ${where(server)} did not answer ${path}: ${message}`);
  } finally {
    stream.destroy();
  }
}
