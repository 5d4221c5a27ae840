// Each hygiene action as a dry run and a real run on one server, both answering in counts and sizes
// (HygieneActionNumbers). The openclaw commands are the ones checked in docs/hygiene-commands.md; all
// go through the reducing runner (remote-runner.ts), so only numbers come back.
import type { HygieneAction, HygieneActionNumbers, HygienePolicyInput } from '../../shared/hygiene';
import type { RunnerFilter } from './remote-runner';
import { needsReindex, parseCleanup, parseCompact, parseExit, parseMemoryStatus, parseOk } from './runner-output';

/** Runs one openclaw command on the server through the runner; resolves with the runner's stdout. */
export type RunRemote = (filter: RunnerFilter, args: string[], timeoutMs: number) => Promise<string>;

export interface ActionContext {
  remote: RunRemote;
  policy: Pick<HygienePolicyInput, 'compactFill' | 'resetAgents'>;
  /** The server's watched sessions as the console last saw them (key, agent, fill 0..1). */
  sessions: Array<{ sessionKey: string; agentId: string | null; fill: number | null }>;
}

export class ActionFailed extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

const CLEANUP = ['sessions', 'cleanup', '--all-agents', '--enforce', '--json'];
const MINUTE = 60_000;
const DEFAULT_COMPACT_FILL = 0.8;
// Any key OpenClaw makes (E.164 peers have a `+`): passed as one argv word, quoted by exec.
const KEY = /^agent:[A-Za-z0-9._-]{1,128}:[^\s\u0000-\u001f\u007f-\u009f]{1,400}$/;

const numbers = (action: HygieneAction, perAgent: Array<{ agentId: string; rows: number }>, extra: Partial<HygieneActionNumbers> = {}): HygieneActionNumbers => ({
  action,
  rows: perAgent.reduce((a, p) => a + p.rows, 0),
  perAgent,
  bytes: null,
  targets: 0,
  failed: 0,
  ...extra,
});

function exitOk(r: { code: number | null; timedOut: boolean }, what: string): void {
  if (r.timedOut) throw new ActionFailed(`${what}-timeout`);
  if (r.code !== 0) throw new ActionFailed(`${what}-exit-${r.code ?? 'killed'}`);
}

async function cleanup(ctx: ActionContext, dry: boolean): Promise<HygieneActionNumbers> {
  const r = parseCleanup(await ctx.remote('cleanup', dry ? [...CLEANUP, '--dry-run'] : CLEANUP, 5 * MINUTE));
  exitOk(r, 'cleanup');
  if (r.partial) throw new ActionFailed('cleanup-partial');
  const freed = r.stores.reduce((sum, s) => sum + (s.bytesBefore !== null && s.bytesAfter !== null ? s.bytesBefore - s.bytesAfter : 0), 0);
  return numbers('prune', r.stores.map((s) => ({ agentId: s.agentId, rows: s.leaving })), { bytes: freed, targets: r.stores.length });
}

/** Sessions at or above the policy's fill, worst first (at most 20 a run: compaction costs model calls). */
function compactTargets(ctx: ActionContext): Array<{ sessionKey: string; agentId: string }> {
  const min = ctx.policy.compactFill ?? DEFAULT_COMPACT_FILL;
  return ctx.sessions
    .filter((s) => s.fill !== null && s.fill >= min && KEY.test(s.sessionKey))
    .sort((a, b) => (b.fill ?? 0) - (a.fill ?? 0))
    .slice(0, 20)
    .map((s) => ({ sessionKey: s.sessionKey, agentId: s.agentId ?? s.sessionKey.split(':')[1]! }));
}

async function compact(ctx: ActionContext, dry: boolean): Promise<HygieneActionNumbers> {
  const targets = compactTargets(ctx);
  const perAgent = new Map<string, number>();
  let failed = 0;
  for (const t of targets) {
    if (!dry) {
      const r = parseCompact(await ctx.remote('compact', ['sessions', 'compact', t.sessionKey, '--agent', t.agentId, '--json'], 10 * MINUTE));
      if (r.code !== 0 || !r.ok) {
        failed++;
        continue;
      }
    }
    perAgent.set(t.agentId, (perAgent.get(t.agentId) ?? 0) + 1);
  }
  // Compaction keeps the rows; what it changes is fill, counted here as sessions compacted.
  return { ...numbers('compact', [], { targets: targets.length, failed }), perAgent: [...perAgent].map(([agentId, n]) => ({ agentId, rows: n })), rows: 0 };
}

async function reset(ctx: ActionContext, dry: boolean): Promise<HygieneActionNumbers> {
  const agents = ctx.policy.resetAgents ?? [];
  let failed = 0;
  for (const agentId of agents) {
    if (dry) continue;
    const params = JSON.stringify({ key: `agent:${agentId}:main`, agentId, reason: 'reset' });
    const r = parseOk(await ctx.remote('reset', ['gateway', 'call', 'sessions.reset', '--params', params, '--json', '--timeout', '60000'], 2 * MINUTE));
    if (r.code !== 0 || !r.ok) failed++;
  }
  return numbers('reset', [], { targets: agents.length, failed });
}

async function reindex(ctx: ActionContext, dry: boolean): Promise<HygieneActionNumbers> {
  const status = parseMemoryStatus(await ctx.remote('memory-status', ['memory', 'status', '--json'], 2 * MINUTE));
  exitOk(status, 'memory-status');
  const dirty = status.agents.filter(needsReindex);
  let failed = 0;
  if (!dry) {
    for (const a of dirty) {
      const r = parseExit(await ctx.remote('exit-code', ['memory', 'index', '--agent', a.agentId], 15 * MINUTE));
      if (r.code !== 0) failed++;
    }
  }
  return numbers('memory-reindex', [], { targets: dirty.length, failed });
}

const ACTIONS: Partial<Record<HygieneAction, (ctx: ActionContext, dry: boolean) => Promise<HygieneActionNumbers>>> = {
  prune: cleanup,
  compact,
  reset,
  'memory-reindex': reindex,
};

/** Expected wall time of one action on one server (the maintenance window a run announces). */
export function expectedMs(action: HygieneAction): number {
  return action === 'prune' ? 2 * MINUTE : action === 'memory-reindex' ? 10 * MINUTE : 5 * MINUTE;
}

export async function runAction(action: HygieneAction, ctx: ActionContext, dry: boolean): Promise<HygieneActionNumbers> {
  const fn = ACTIONS[action];
  if (!fn) throw new ActionFailed(`unavailable:${action}`);
  return fn(ctx, dry);
}
