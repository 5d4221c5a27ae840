// One probe cycle for one server, cheapest and most reliable facts first:
//   SSH (pooled, host key verified) → /readyz (and /healthz when not ready) through a tunnel
//   (instant when nothing listens)
//   → the gateway WebSocket (status, sessions.list, cron.list; read scope only)
//   → or, where the WebSocket is not available, the `openclaw` CLI over SSH.
import type { AgentStoreFacts, AgentSummary, GatewayFacts, HeartbeatJob, ProbeError, Readiness, RuntimeFacts, ServerConfig, SessionFacts } from '../../shared/domain';
import type { SkippedRows } from '../../shared/skipped-rows';
import type { GatewayLink, LinkLoss } from '../gateway/gateway-link';
import type { GatewayLinks } from '../gateway/gateway-links';
import { parseHeartbeatJobs, parseSessionsList, parseStatus, parseStatusAgents } from '../gateway/rpc-facts';
import { attributeOutcomes, parseHeartbeatOutcome } from '../gateway/heartbeat-outcomes';
import type { SshPool } from '../ssh/ssh-pool';
import type { SshSession } from '../ssh/ssh-session';
import { serverSshTarget } from '../ssh/server-ssh-target';
import { ProbeFailure } from '../ssh/ssh-errors';
import { DeadlineExceeded, probeTimeout, withDeadline } from '../scheduler/deadline';
import type { FactState, FactTasks } from '../scheduler/fact-tasks';
import { probeOpenclawCli } from './openclaw-cli-probe';
import { readCliDetails } from './openclaw-cli-details';
import { openclawArgv } from './openclaw-locator';
import { parseVersionOutput } from './openclaw-output';
import { readStoreSizes } from './store-sizes';
import { checkHealth } from './gateway-health';
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
   * This server's fact tasks (RPC facts, CLI details, store sizes + CLI version): each read on its own
   * cadence with a deadline and backoff; a failed read keeps the last good facts and never fails the probe.
   */
  facts: FactTasks;
  /** Where `openclaw` was found off the PATH on this server (kept per server by the registry). */
  located?: { get(): string | undefined; set(path: string): void };
  /** SSH + /healthz + /readyz must finish within this (default 20 s), else the probe fails as probe-timeout. */
  livenessDeadlineMs?: number;
  /** Opening the gateway link (token read + handshake); a miss falls back to the CLI (default 25 s). */
  linkDeadlineMs?: number;
  /** The CLI liveness reads (`--version`, `health`) for servers without the link (default 45 s). */
  cliDeadlineMs?: number;
  /** Config audit: handed the session and link after a successful cycle; reads in the background at its own pace. */
  configAudit?: (input: ConfigAuditInput) => void;
  /** Skip the cadences (the operator pressed "check now"). */
  fresh?: boolean;
  /**
   * This probe confirms a gateway link that was just lost: after a link gone silent, /healthz gets
   * only CONFIRM_HEALTHZ_MS (gateway-health.ts; the pings already waited), so a hang is told within seconds.
   */
  linkLoss?: LinkLoss;
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
  /** When the RPC / CLI facts above were read (they may be older than the probe: see factsError). */
  factsAt?: number | null;
  /** The last attempt to read those facts failed (the server is still live); null when it worked. */
  factsError?: ProbeError | null;
  /** Session rows the parsers did not take, by why. */
  skippedRows?: SkippedRows[];
}

export type ProbeOutcome = { ok: true; facts: ProbeFacts } | { ok: false; error: ProbeError; facts: Partial<ProbeFacts> };

export async function probeServer(server: ServerConfig, ctx: ProbeContext): Promise<ProbeOutcome> {
  try {
    // Outside the liveness deadline: a handshake waits its turn in the pool's queue (at 1,000 servers a
    // start-up queue is long, and the wait is the console's, not the server's); the handshake itself has
    // its own ready timeout and the whole cycle its deadline.
    const session = await ctx.pool.session(
      server.id,
      serverSshTarget(server, { knownHostsPath: ctx.knownHostsPath, trustedHostsPath: ctx.trustedHostsPath, passphrase: ctx.passphrase?.(server.id), agentSocket: ctx.agentSocket }),
    );
    const { readiness } = await within(ctx.livenessDeadlineMs ?? 20_000, `Liveness check of ${server.host}`, async () => {
      return { readiness: await checkHealth(server, ctx, session) };
    });
    const linked =
      server.gatewayAccess === 'cli'
        ? { link: null, reason: 'CLI only (set for this server)', failure: null }
        : await withDeadline(ctx.links.ensure(server, session, ctx.gatewayToken?.(server.id)), ctx.linkDeadlineMs ?? 25_000, 'opening the gateway link').catch(
            (err: unknown) => {
              if (!(err instanceof DeadlineExceeded)) throw err;
              ctx.links.drop(server.id);
              return { link: null, reason: err.message, failure: null };
            },
          );
    if (linked.link) {
      const link = linked.link;
      const rpc = await ctx.facts.run('rpc', () => factsOverWebSocket(link, ctx.links, server.id), { fresh: ctx.fresh, key: link });
      const tiered = await tier3(server, ctx, session, null);
      ctx.configAudit?.({ server, session, link, bin: openclawBin(server, ctx), fresh: !!ctx.fresh });
      const facts = withHello(rpc.value, link);
      return { ok: true, facts: { ...facts, gateway: { ...facts.gateway, credential: ctx.links.credential(server.id) }, readiness, ...tiered, ...factsAge(rpc) } };
    }
    const cli = await within(ctx.cliDeadlineMs ?? 45_000, `The openclaw CLI on ${server.host}`, () =>
      probeOpenclawCli(session, {
        commandTimeoutMs: ctx.commandTimeoutMs,
        openclawCommand: server.openclawPath,
        location: { profile: server.openclawProfile, stateDir: server.openclawStateDir },
        located: ctx.located,
      }),
    );
    const details = await ctx.facts.run(
      'cli-details',
      () => readCliDetails(session, openclawBin(server, ctx), { profile: server.openclawProfile, stateDir: server.openclawStateDir }),
      { fresh: ctx.fresh },
    );
    const note = [linked.reason, ...(details.value?.problems ?? [])].join('; ');
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
        sessions: details.value?.sessions ?? null,
        heartbeats: details.value?.heartbeats ?? null,
        skippedRows: details.value?.skippedRows ?? [],
        readiness,
        ...(await tier3(server, ctx, session, cli.version)),
        ...factsAge(details),
      },
    };
  } catch (err) {
    if (err instanceof ProbeFailure) return { ok: false, error: err.probeError, facts: {} };
    return { ok: false, error: { kind: 'internal', message: `Probe failed unexpectedly: ${String(err)}` }, facts: {} };
  }
}

/** Runs a liveness step under its deadline; a miss is a probe failure (the server did not answer). */
async function within<T>(ms: number, where: string, work: () => Promise<T>): Promise<T> {
  try {
    return await withDeadline(work(), ms, 'it');
  } catch (err) {
    if (err instanceof DeadlineExceeded) throw probeTimeout(err, where);
    throw err;
  }
}

const openclawBin = (server: ServerConfig, ctx: ProbeContext) => server.openclawPath ?? ctx.located?.get() ?? 'openclaw';

/** The age and health of the fact read, for the snapshot (the facts themselves are the last good ones). */
function factsAge(state: FactState<unknown>): Pick<ProbeFacts, 'factsAt' | 'factsError'> {
  return { factsAt: state.at, factsError: state.error === null ? null : { kind: 'gateway-rpc-failed', message: `Reading the gateway facts failed: ${state.error}` } };
}

/**
 * The RPC facts (last good ones, possibly from an earlier link) with what the link's hello says now:
 * version and boot id are always current, so a restart is seen even while the RPCs fail.
 */
function withHello(facts: Omit<ProbeFacts, 'factsAt' | 'factsError'> | null, link: GatewayLink): ProbeFacts {
  const hello = link.hello;
  return {
    version: hello.version ?? facts?.version ?? null,
    build: hello.buildId,
    agents: facts?.agents ?? [],
    gateway: { via: 'websocket', protocol: hello.protocol, buildId: hello.buildId, bootId: hello.bootId, startedAt: hello.uptimeMs == null ? null : hello.receivedAt - hello.uptimeMs, note: null },
    runtime: facts?.runtime ?? null,
    sessions: facts?.sessions ?? null,
    heartbeats: facts?.heartbeats ?? null,
    skippedRows: facts?.skippedRows ?? [],
  };
}

/** Store sizes and the CLI's own version, on the tier3 task's cadence; never fails the probe. */
async function tier3(server: ServerConfig, ctx: ProbeContext, session: SshSession, knownCliVersion: string | null) {
  const state = await ctx.facts.run(
    'tier3',
    async () => {
      let cliVersion = knownCliVersion;
      if (cliVersion === null) {
        const r = await session.exec(openclawArgv(openclawBin(server, ctx), ['--version']), { timeoutMs: 15_000, maxOutputBytes: 64 * 1024 }).catch(() => null);
        try {
          cliVersion = r && r.code === 0 ? parseVersionOutput(r.stdout).version : null;
        } catch {
          cliVersion = null;
        }
      }
      const stores = await readStoreSizes(session, { profile: server.openclawProfile, stateDir: server.openclawStateDir }).catch(() => null);
      return { stores, cliVersion };
    },
    { fresh: ctx.fresh },
  );
  return { stores: state.value?.stores ?? null, cliVersion: state.value?.cliVersion ?? null };
}

async function factsOverWebSocket(link: GatewayLink, links: GatewayLinks, serverId: string): Promise<Omit<ProbeFacts, 'factsAt' | 'factsError'>> {
  const call = (method: string, params: Record<string, unknown>) =>
    link.call(method, params).catch((err: Error) => {
      throw new Error(`Gateway RPC ${err.message}`);
    });
  const [status, sessions, cron] = await Promise.all([
    call('status', {}),
    // No include* flags: those read transcript content.
    call('sessions.list', { limit: 500 }),
    // Not compact: the compact rows drop the scheduler state (runningAtMs, consecutiveErrors,
    // consecutiveSkipped, lastErrorReason) that wedged and failing heartbeats are seen by. Heartbeat
    // payloads carry no text; other jobs (whose payload may hold a prompt) are dropped unread by the parser.
    call('cron.list', { compact: false, includeDisabled: true, limit: 200 }),
    // The latest heartbeat outcome (also pushed as events while the link is up); optional: an old
    // gateway without it, or a refusal, costs only the delivery check.
    link.call('last-heartbeat', {}).catch(() => null),
  ]).then(([status, sessions, cron, last]) => {
    const outcome = parseHeartbeatOutcome(last);
    if (outcome) links.recordOutcome(serverId, outcome);
    return [status, sessions, cron] as const;
  });
  const runtime = parseStatus(status);
  const hello = link.hello;
  const listed = parseSessionsList(sessions);
  return {
    version: hello.version ?? runtime.runtimeVersion,
    build: hello.buildId,
    agents: parseStatusAgents(status),
    gateway: { via: 'websocket', protocol: hello.protocol, buildId: hello.buildId, bootId: hello.bootId, startedAt: hello.uptimeMs == null ? null : hello.receivedAt - hello.uptimeMs, note: null },
    runtime,
    sessions: listed.sessions,
    skippedRows: listed.skipped,
    heartbeats: attributeOutcomes(parseHeartbeatJobs(cron), links.recentOutcomes(serverId)),
  };
}
