// One probe cycle for one server, cheapest and most reliable facts first:
//   SSH (pooled, host key verified) → /healthz through a tunnel (instant when nothing listens)
//   → the gateway WebSocket (status, sessions.list, cron.list; read scope only)
//   → or, where the WebSocket is not available, the `openclaw` CLI over SSH.
import type { AgentStoreFacts, AgentSummary, GatewayFacts, HeartbeatJob, ProbeError, Readiness, RuntimeFacts, ServerConfig, SessionFacts } from '../../shared/domain';
import type { GatewayLink } from '../gateway/gateway-link';
import type { GatewayLinks } from '../gateway/gateway-links';
import { parseHeartbeatJobs, parseSessionsList, parseStatus, parseStatusAgents } from '../gateway/rpc-facts';
import type { SshPool } from '../ssh/ssh-pool';
import type { SshSession } from '../ssh/ssh-session';
import { ProbeFailure, probeFailure } from '../ssh/ssh-errors';
import { httpGetOverStream, TunnelTimeout } from '../ssh/tunnel-http';
import { probeOpenclawCli } from './openclaw-cli-probe';
import { readCliDetails, type CliDetails } from './openclaw-cli-details';
import { openclawArgv } from './openclaw-locator';
import { parseVersionOutput } from './openclaw-output';
import { readStoreSizes } from './store-sizes';
import { parseReadyz } from './readiness';
import type { ConfigAuditInput } from '../config-audit/config-audit-service';

export interface ProbeContext {
  knownHostsPath: string;
  /** Key passphrases the operator entered, in memory only. */
  passphrase?: (serverId: string) => string | undefined;
  /** Gateway tokens the operator typed for servers whose config the SSH user cannot read (memory/vault only). */
  gatewayToken?: (serverId: string) => string | undefined;
  /** SSH_AUTH_SOCK of the Yardmaster process ('' when unset). */
  agentSocket?: string;
  trustedHostsPath?: string;
  pool: SshPool;
  links: GatewayLinks;
  httpTimeoutMs?: number;
  commandTimeoutMs?: number;
  /**
   * Tier 2: the RPC facts (status, sessions, cron) are fetched at most this often per server; polls in
   * between check liveness only (healthz, plus the link's ticks). The RPCs are what costs the gateway.
   */
  rpcIntervalMs?: number;
  rpcCache?: Map<string, { link: GatewayLink; at: number; facts: ProbeFacts }>;
  /** Tier 3 (store sizes, CLI version) at most this often per server; default 15 min. */
  tier3IntervalMs?: number;
  tier3Cache?: Map<string, { at: number; stores: AgentStoreFacts[] | null; cliVersion: string | null }>;
  /** CLI-only servers: sessions and heartbeat jobs read through the CLI, per server id. */
  cliDetailsCache?: Map<string, { at: number; details: CliDetails }>;
  /** openclaw paths found off the PATH, per server id. */
  openclawPaths?: Map<string, string>;
  /** Config audit: handed the session and link after a successful cycle; reads in the background at its own pace. */
  configAudit?: (input: ConfigAuditInput) => void;
  /** Skip the cache (the operator pressed "check now"). */
  fresh?: boolean;
  now?: () => number;
}

export interface ProbeFacts {
  version: string | null;
  build: string | null;
  agents: AgentSummary[];
  gateway: GatewayFacts;
  runtime: RuntimeFacts | null;
  sessions: SessionFacts[] | null;
  heartbeats: HeartbeatJob[] | null;
  stores?: AgentStoreFacts[] | null;
  cliVersion?: string | null;
  readiness?: Readiness | null;
}

export type ProbeOutcome = { ok: true; facts: ProbeFacts } | { ok: false; error: ProbeError; facts: Partial<ProbeFacts> };

export async function probeServer(server: ServerConfig, ctx: ProbeContext): Promise<ProbeOutcome> {
  try {
    const session = await ctx.pool.session(server.id, {
      host: server.host,
      port: server.sshPort,
      username: server.sshUser,
      privateKeyPath: server.privateKeyPath,
      passphrase: ctx.passphrase?.(server.id),
      agentSocket: server.sshAuth === 'agent' ? (ctx.agentSocket ?? '') : undefined,
      knownHostsPath: ctx.knownHostsPath,
      trustedHostsPath: ctx.trustedHostsPath,
    });
    await checkLiveness(server, ctx, session);
    const readiness = await checkReadiness(server, ctx, session);
    const linked =
      server.gatewayAccess === 'cli'
        ? { link: null, reason: 'CLI only (set for this server)', failure: null }
        : await ctx.links.ensure(server, session, ctx.gatewayToken?.(server.id));
    if (linked.link) {
      const now = (ctx.now ?? Date.now)();
      const cached = ctx.rpcCache?.get(server.id);
      let facts: ProbeFacts;
      if (!ctx.fresh && cached && cached.link === linked.link && now - cached.at < (ctx.rpcIntervalMs ?? 0)) facts = cached.facts;
      else {
        facts = await factsOverWebSocket(linked.link);
        ctx.rpcCache?.set(server.id, { link: linked.link, at: now, facts });
      }
      const tiered = await tier3(server, ctx, session, null);
      ctx.configAudit?.({ server, session, link: linked.link, bin: openclawBin(server, ctx), fresh: !!ctx.fresh });
      return { ok: true, facts: { ...facts, readiness, ...tiered } };
    }
    const cli = await probeOpenclawCli(session, {
      commandTimeoutMs: ctx.commandTimeoutMs,
      openclawCommand: server.openclawPath,
      location: { profile: server.openclawProfile, stateDir: server.openclawStateDir },
      located: ctx.openclawPaths && {
        get: () => ctx.openclawPaths!.get(server.id),
        set: (path) => void ctx.openclawPaths!.set(server.id, path),
      },
    });
    const details = await cliDetails(server, ctx, session);
    const note = [linked.reason, ...details.problems].join('; ');
    ctx.configAudit?.({ server, session, link: null, linkNote: linked.reason, bin: openclawBin(server, ctx), fresh: !!ctx.fresh });
    return {
      ok: true,
      facts: {
        ...cli,
        gateway: {
          via: 'cli',
          protocol: null,
          buildId: null,
          bootId: null,
          startedAt: null,
          note,
          linkError: linked.failure?.probeError.kind ?? null,
        },
        runtime: null,
        sessions: details.sessions,
        heartbeats: details.heartbeats,
        readiness,
        ...(await tier3(server, ctx, session, cli.version)),
      },
    };
  } catch (err) {
    if (err instanceof ProbeFailure) return { ok: false, error: err.probeError, facts: {} };
    return { ok: false, error: { kind: 'internal', message: `Probe failed unexpectedly: ${String(err)}` }, facts: {} };
  }
}

const openclawBin = (server: ServerConfig, ctx: ProbeContext) => server.openclawPath ?? ctx.openclawPaths?.get(server.id) ?? 'openclaw';

/** CLI sessions and heartbeat jobs, at most every rpcIntervalMs (each costs a CLI start on the server). */
async function cliDetails(server: ServerConfig, ctx: ProbeContext, session: SshSession): Promise<CliDetails> {
  const now = (ctx.now ?? Date.now)();
  const cached = ctx.cliDetailsCache?.get(server.id);
  if (!ctx.fresh && cached && now - cached.at < (ctx.rpcIntervalMs ?? 0)) return cached.details;
  const details = await readCliDetails(session, openclawBin(server, ctx), { profile: server.openclawProfile, stateDir: server.openclawStateDir });
  ctx.cliDetailsCache?.set(server.id, { at: now, details });
  return details;
}

/** Store sizes and the CLI's own version, at most every tier3IntervalMs; never fails the probe. */
async function tier3(server: ServerConfig, ctx: ProbeContext, session: SshSession, knownCliVersion: string | null) {
  const now = (ctx.now ?? Date.now)();
  const cached = ctx.tier3Cache?.get(server.id);
  if (!ctx.fresh && cached && now - cached.at < (ctx.tier3IntervalMs ?? 15 * 60_000)) return { stores: cached.stores, cliVersion: cached.cliVersion };
  let cliVersion = knownCliVersion;
  if (cliVersion === null) {
    const bin = server.openclawPath ?? ctx.openclawPaths?.get(server.id) ?? 'openclaw';
    const r = await session.exec(openclawArgv(bin, ['--version']), { timeoutMs: 15_000, maxOutputBytes: 64 * 1024 }).catch(() => null);
    try {
      cliVersion = r && r.code === 0 ? parseVersionOutput(r.stdout).version : null;
    } catch {
      cliVersion = null;
    }
  }
  const stores = await readStoreSizes(session, { profile: server.openclawProfile, stateDir: server.openclawStateDir }).catch(() => null);
  ctx.tier3Cache?.set(server.id, { at: now, stores, cliVersion });
  return { stores, cliVersion };
}

async function factsOverWebSocket(link: GatewayLink): Promise<ProbeFacts> {
  const call = (method: string, params: Record<string, unknown>) =>
    link.call(method, params).catch((err: Error) => {
      throw probeFailure('gateway-rpc-failed', `Gateway RPC ${err.message}`);
    });
  const [status, sessions, cron] = await Promise.all([
    call('status', {}),
    // No include* flags: those read transcript content.
    call('sessions.list', { limit: 500 }),
    // Not compact: the compact rows drop the scheduler state (runningAtMs, consecutiveErrors,
    // consecutiveSkipped, lastErrorReason) that wedged and failing heartbeats are seen by. Heartbeat
    // payloads carry no text; other jobs (whose payload may hold a prompt) are dropped unread by the parser.
    call('cron.list', { compact: false, includeDisabled: true, limit: 200 }),
  ]);
  const runtime = parseStatus(status);
  const hello = link.hello;
  return {
    version: hello.version ?? runtime.runtimeVersion,
    build: hello.buildId,
    agents: parseStatusAgents(status),
    gateway: { via: 'websocket', protocol: hello.protocol, buildId: hello.buildId, bootId: hello.bootId, startedAt: hello.uptimeMs == null ? null : hello.receivedAt - hello.uptimeMs, note: null },
    runtime,
    sessions: parseSessionsList(sessions).sessions,
    heartbeats: parseHeartbeatJobs(cron),
  };
}

async function checkLiveness(server: ServerConfig, ctx: ProbeContext, session: SshSession) {
  const where = `127.0.0.1:${server.gatewayPort} on ${server.host}`;
  let stream;
  try {
    stream = await session.forwardToLoopback(server.gatewayPort);
  } catch (err) {
    if (err instanceof ProbeFailure) throw err;
    throw probeFailure('gateway-unreachable', `Gateway not listening at ${where}: ${(err as Error).message}`);
  }
  try {
    const res = await httpGetOverStream(stream, '/healthz', ctx.httpTimeoutMs ?? 5_000);
    if (res.status !== 200) throw probeFailure('gateway-unhealthy', `Gateway /healthz at ${where} answered HTTP ${res.status}.`);
  } catch (err) {
    if (err instanceof ProbeFailure) throw err;
    const message = (err as Error).message;
    // Accepted the connection but never answered: a hung (stopped, deadlocked, swapping) gateway.
    if (err instanceof TunnelTimeout) throw probeFailure('gateway-unresponsive', `Gateway at ${where} accepts connections but did not answer /healthz (${message}).`);
    throw probeFailure('gateway-unreachable', `Gateway at ${where} did not answer /healthz: ${message}`);
  } finally {
    stream.destroy();
  }
}

/**
 * /readyz after a healthy /healthz: a live gateway can still be unready (an agent database not
 * admitted, a plugin reloading). Never fails the probe; null when it cannot be told.
 */
async function checkReadiness(server: ServerConfig, ctx: ProbeContext, session: SshSession): Promise<Readiness | null> {
  let stream;
  try {
    stream = await session.forwardToLoopback(server.gatewayPort);
  } catch {
    return null;
  }
  try {
    const res = await httpGetOverStream(stream, '/readyz', ctx.httpTimeoutMs ?? 5_000, 64 * 1024);
    return parseReadyz(res.status, res.body);
  } catch {
    return null;
  } finally {
    stream.destroy();
  }
}
