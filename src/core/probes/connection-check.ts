// "Test connection": walks the path a probe takes, one named step at a time, and says where it breaks:
//   tcp       the SSH port accepts a TCP connection
//   host-key  the key the server offers is the one in known_hosts (handshake stops there: no auth tried)
//   auth      a fresh SSH login with the configured key or agent
// Behind a jump host, tcp and host-key are the jump host's (the server itself is not reachable from
// here), and auth is the whole way: jump login, the forwarded channel, the server's host key and login.
//   gateway   GET /healthz on the gateway's loopback port, through that connection
//   scopes    the gateway WebSocket hello (token read over SSH, kept in memory only) grants operator.read
// It stores nothing (no trust, no token, no pool or link entry) and closes everything it opened, so it is
// safe to run on values typed into the add form before they are saved.
import { connect as netConnect } from 'node:net';
import { Client } from 'ssh2';
import type { ConnectionCheck, ConnectionCheckStep, ConnectionCheckStepName, ServerInput } from '../../shared/domain';
import { GatewayLink } from '../gateway/gateway-link';
import { readGatewayToken } from '../gateway/gateway-token';
import { verifyHostKey, type HostKeyVerdict } from '../ssh/known-hosts';
import { classifySshError, cleanMessage, hostKeyFailure } from '../ssh/ssh-errors';
import { serverSshTarget } from '../ssh/server-ssh-target';
import { openSshSession, readKnownHosts, type SshSession } from '../ssh/ssh-session';
import { httpGetOverStream, TunnelTimeout } from '../ssh/tunnel-http';

export type CheckTarget = Pick<
  ServerInput,
  'host' | 'sshPort' | 'sshUser' | 'privateKeyPath' | 'sshAuth' | 'jumpHost' | 'gatewayPort' | 'gatewayAccess' | 'openclawProfile' | 'openclawStateDir'
>;

export interface ConnectionCheckContext {
  knownHostsPath: string;
  /** Yardmaster's own known_hosts (keys trusted in the console). */
  trustedHostsPath?: string;
  /** A passphrase already unlocked in this console for the saved server's key. */
  passphrase?: string;
  /** SSH_AUTH_SOCK of Yardmaster ('' when unset), for agent auth. */
  agentSocket?: string;
  clientVersion: string;
  timeoutMs?: number;
}

const ORDER: ConnectionCheckStepName[] = ['tcp', 'host-key', 'auth', 'gateway', 'scopes'];

export async function checkConnection(server: CheckTarget, ctx: ConnectionCheckContext): Promise<ConnectionCheck> {
  const timeoutMs = ctx.timeoutMs ?? 10_000;
  const steps: ConnectionCheckStep[] = ORDER.map((step) => ({ step, ok: null, message: 'Not reached: an earlier step failed.', durationMs: 0 }));
  const name = `${server.sshUser}@${server.host}:${server.sshPort}`;
  /** Runs one step; a thrown error fails it (and leaves the later ones "not reached"). */
  const run = async (step: ConnectionCheckStepName, fn: () => Promise<string>): Promise<boolean> => {
    const started = performance.now();
    const index = ORDER.indexOf(step);
    try {
      const message = await fn();
      steps[index] = { step, ok: true, message: cleanMessage(message), durationMs: Math.round(performance.now() - started) };
      return true;
    } catch (err) {
      steps[index] = { step, ok: false, message: cleanMessage(err instanceof Error ? err.message : String(err)), durationMs: Math.round(performance.now() - started) };
      return false;
    }
  };

  const jump = server.jumpHost ?? null;
  // The first hop is the one this machine can reach: the jump host when there is one.
  const first = jump ? { host: jump.host, port: jump.port, user: jump.user } : { host: server.host, port: server.sshPort, user: server.sshUser };
  const firstName = jump ? `jump host ${jump.user}@${jump.host}:${jump.port}` : name;
  /** Says that a step's outcome, good or bad, is the jump host's. */
  const onJump = (step: () => Promise<string>) => async () => {
    if (!jump) return step();
    try {
      return `Jump host: ${await step()}`;
    } catch (err) {
      throw new Error(`Jump host: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
  };
  if (!(await run('tcp', onJump(() => tcpOpen(first.host, first.port, timeoutMs))))) return { steps };
  if (!(await run('host-key', onJump(() => hostKeyOnly(first, ctx, firstName, timeoutMs))))) return { steps };

  let session: SshSession | null = null;
  try {
    const authed = await run('auth', async () => {
      session = await openSshSession(
        serverSshTarget(server, { knownHostsPath: ctx.knownHostsPath, trustedHostsPath: ctx.trustedHostsPath, passphrase: ctx.passphrase, agentSocket: ctx.agentSocket, readyTimeoutMs: timeoutMs }),
      );
      const via = jump ? ` through jump host ${jump.user}@${jump.host}:${jump.port} (both host keys match known_hosts)` : '';
      return `Logged in as ${server.sshUser}${via} with ${server.sshAuth === 'agent' ? 'the ssh-agent' : `key ${server.privateKeyPath}`}.`;
    });
    if (!authed || !session) return { steps };
    const s: SshSession = session;
    if (!(await run('gateway', () => healthz(s, server, timeoutMs)))) return { steps };
    if (server.gatewayAccess === 'cli') {
      steps[4] = { step: 'scopes', ok: null, message: 'Not checked: this server is set to CLI only, so its gateway token is never read.', durationMs: 0 };
      return { steps };
    }
    await run('scopes', () => helloScopes(s, server, ctx.clientVersion, timeoutMs));
    return { steps };
  } finally {
    (session as SshSession | null)?.close();
  }
}

function tcpOpen(host: string, port: number, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = netConnect({ host, port });
    const done = (err: Error | null) => {
      clearTimeout(timer);
      socket.destroy();
      if (err) reject(err);
      else resolve(`${host}:${port} accepts TCP connections.`);
    };
    const timer = setTimeout(() => done(new Error(`No answer from ${host}:${port} within ${timeoutMs} ms (host down or a firewall dropping packets).`)), timeoutMs);
    socket.once('connect', () => done(null));
    socket.once('error', (err: NodeJS.ErrnoException) => {
      const why: Record<string, string> = {
        ECONNREFUSED: `Connection to ${host}:${port} refused: nothing listens there (sshd not running, or another port).`,
        ENOTFOUND: `Host name ${host} not found.`,
        EAI_AGAIN: `Host name ${host} could not be resolved right now.`,
        EHOSTUNREACH: `${host} is unreachable (no route).`,
        ENETUNREACH: `${host} is unreachable (no route to its network).`,
      };
      done(new Error(why[err.code ?? ''] ?? `TCP connection to ${host}:${port} failed: ${err.message}`));
    });
  });
}

/** An SSH handshake that stops at the host key: the verdict is recorded and the connection refused. */
async function hostKeyOnly(hop: { host: string; port: number; user: string }, ctx: ConnectionCheckContext, name: string, timeoutMs: number): Promise<string> {
  const [known, trusted] = await Promise.all([
    readKnownHosts(ctx.knownHostsPath),
    ctx.trustedHostsPath ? readKnownHosts(ctx.trustedHostsPath) : Promise.resolve([]),
  ]);
  const entries = [...known, ...trusted];
  let verdict: HostKeyVerdict | null = null;
  let offered: Buffer = Buffer.alloc(0);
  const client = new Client();
  const failure = await new Promise<Error>((resolve) => {
    client.once('error', resolve);
    client.once('ready', () => resolve(new Error('unexpected login')));
    client.connect({
      host: hop.host,
      port: hop.port,
      username: hop.user,
      readyTimeout: timeoutMs,
      hostVerifier: (key: Buffer) => {
        offered = key;
        verdict = verifyHostKey(entries, hop.host, hop.port, key);
        return false; // never go on to authentication in this step
      },
    });
  });
  // Later errors from the dying socket (after a timeout or the refused key) must not go unheard.
  client.on('error', () => {});
  client.end();
  const v = verdict as HostKeyVerdict | null;
  if (!v) throw classifySshError(failure as Error & { level?: string; code?: string }, name);
  if (v.verdict !== 'trusted') throw hostKeyFailure(v, name, ctx.knownHostsPath, offered);
  return `Host key ${v.fingerprint} matches known_hosts.`;
}

async function healthz(session: SshSession, server: CheckTarget, timeoutMs: number): Promise<string> {
  const where = `127.0.0.1:${server.gatewayPort} on ${server.host}`;
  let stream;
  try {
    stream = await session.forwardToLoopback(server.gatewayPort);
  } catch (err) {
    throw new Error(`Gateway not listening at ${where}: ${(err as Error).message}`, { cause: err });
  }
  try {
    const res = await httpGetOverStream(stream, '/healthz', timeoutMs);
    if (res.status !== 200) throw new Error(`Gateway /healthz at ${where} answered HTTP ${res.status}.`);
    return `Gateway at ${where} answered /healthz (HTTP 200).`;
  } catch (err) {
    if (err instanceof TunnelTimeout) throw new Error(`Gateway at ${where} accepts connections but did not answer /healthz (${err.message}).`, { cause: err });
    throw err;
  } finally {
    stream.destroy();
  }
}

async function helloScopes(session: SshSession, server: CheckTarget, clientVersion: string, timeoutMs: number): Promise<string> {
  const lookup = await readGatewayToken(session, { profile: server.openclawProfile, stateDir: server.openclawStateDir });
  if (lookup.token === null) {
    throw new Error(`Gateway token not found (${lookup.reason}); Yardmaster would fall back to the openclaw CLI over SSH.`);
  }
  const stream = await session.forwardToLoopback(server.gatewayPort);
  let link: GatewayLink;
  try {
    link = await GatewayLink.open({ stream, token: lookup.token, clientVersion, connectTimeoutMs: timeoutMs });
  } catch (err) {
    stream.destroy();
    throw err;
  }
  try {
    const { scopes, protocol, version } = link.hello;
    if (!scopes.includes('operator.read')) throw new Error(`The gateway did not grant operator.read (granted: ${scopes.join(', ') || 'none'}).`);
    return `Granted ${scopes.join(', ')} over protocol ${protocol}${version ? ` by OpenClaw ${version}` : ''} (token from the ${lookup.source}, not kept).`;
  } finally {
    link.close();
  }
}
