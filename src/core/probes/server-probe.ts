// One probe cycle for one server: SSH in (host key verified), check the gateway's /healthz through a
// tunnel (cheap, and instant when nothing listens), then ask the CLI for version and agents.
import type { ProbeError, ServerConfig } from '../../shared/domain';
import { openSshSession } from '../ssh/ssh-session';
import { ProbeFailure, probeFailure } from '../ssh/ssh-errors';
import { httpGetOverStream } from '../ssh/tunnel-http';
import { probeOpenclawCli, type CliProbeFacts } from './openclaw-cli-probe';

export interface ProbeContext {
  knownHostsPath: string;
  httpTimeoutMs?: number;
  commandTimeoutMs?: number;
}

export type ProbeOutcome = { ok: true; facts: CliProbeFacts } | { ok: false; error: ProbeError; facts: Partial<CliProbeFacts> };

export async function probeServer(server: ServerConfig, ctx: ProbeContext): Promise<ProbeOutcome> {
  try {
    const session = await openSshSession({
      host: server.host,
      port: server.sshPort,
      username: server.sshUser,
      privateKeyPath: server.privateKeyPath,
      knownHostsPath: ctx.knownHostsPath,
    });
    try {
      await checkLiveness(server, ctx, session);
      return { ok: true, facts: await probeOpenclawCli(session, { commandTimeoutMs: ctx.commandTimeoutMs }) };
    } finally {
      session.close();
    }
  } catch (err) {
    if (err instanceof ProbeFailure) return { ok: false, error: err.probeError, facts: {} };
    return { ok: false, error: { kind: 'internal', message: `Probe failed unexpectedly: ${String(err)}` }, facts: {} };
  }
}

async function checkLiveness(server: ServerConfig, ctx: ProbeContext, session: Awaited<ReturnType<typeof openSshSession>>) {
  const where = `127.0.0.1:${server.gatewayPort} on ${server.host}`;
  let stream;
  try {
    stream = await session.forwardToLoopback(server.gatewayPort);
  } catch (err) {
    throw probeFailure('gateway-unreachable', `Gateway not listening at ${where}: ${(err as Error).message}`);
  }
  try {
    const res = await httpGetOverStream(stream, '/healthz', ctx.httpTimeoutMs ?? 5_000);
    if (res.status !== 200) throw probeFailure('gateway-unhealthy', `Gateway /healthz at ${where} answered HTTP ${res.status}.`);
  } catch (err) {
    if (err instanceof ProbeFailure) throw err;
    throw probeFailure('gateway-unreachable', `Gateway at ${where} did not answer /healthz: ${(err as Error).message}`);
  } finally {
    stream.destroy();
  }
}
