// One server's part of a hygiene run: may it take part now (UP, not busy, actions its version has),
// the dry run, and the real run (under the server's mutex, inside an announced maintenance window,
// with the store figures read before and after).
import type { ServerConfig, ServerSnapshot } from '../../shared/domain';
import type { HygieneAction, HygieneAgentFigures, HygienePolicyInput, HygieneRunServer } from '../../shared/hygiene';
import { ActionFailed, expectedMs, runAction, type ActionContext, type RunRemote } from './actions';
import { unavailableReason } from './capabilities';
import type { MaintenanceWindows } from './maintenance-flags';
import { MutexBusyError, type ServerMutex } from './server-mutex';

export interface ServerRunDeps {
  remoteFor: (server: ServerConfig) => RunRemote;
  /** Per agent: rows and zero-token rows (store-meta read), store bytes (sizes), worst fill (last seen). */
  readFigures: (server: ServerConfig) => Promise<HygieneAgentFigures[]>;
  sessions: (serverId: string) => ActionContext['sessions'];
  snapshot: (serverId: string) => ServerSnapshot | null;
  mutex: ServerMutex;
  maintenance: MaintenanceWindows;
  now: () => number;
}

type PolicyBits = Pick<HygienePolicyInput, 'compactFill' | 'resetAgents'>;

export function newServerEntry(serverId: string): HygieneRunServer {
  return { serverId, state: 'pending', reason: null, unavailable: [], dryRun: [], real: [], before: [], after: [], startedAt: null, finishedAt: null };
}

/** Why this server cannot take part now (retried at the next run), or null. Also fills `unavailable`. */
export function checkEligible(deps: ServerRunDeps, server: ServerConfig, actions: readonly HygieneAction[], entry: HygieneRunServer): string | null {
  if (!server.enabled) return 'paused';
  const snap = deps.snapshot(server.id);
  const reachable = snap !== null && (snap.status === 'UP' || (snap.status === 'MAINTENANCE' && snap.error === null));
  if (!reachable) return `server-${(snap?.status ?? 'unknown').toLowerCase()}`;
  const holder = deps.mutex.holder(server.id);
  if (holder !== null) return `busy:${holder}`;
  const version = snap.cliVersion ?? snap.version;
  entry.unavailable = actions.flatMap((a) => {
    const reason = unavailableReason(a, version);
    return reason ? [{ action: a, reason }] : [];
  });
  if (entry.unavailable.length === actions.length) return 'no-available-action';
  return null;
}

const runnable = (actions: readonly HygieneAction[], entry: HygieneRunServer) => actions.filter((a) => !entry.unavailable.some((u) => u.action === a));

const reasonOf = (err: unknown): string => {
  if (err instanceof ActionFailed) return err.reason;
  if (err instanceof MutexBusyError) return `busy:${err.holderLabel}`;
  // SSH and parser errors are ours (no server text), but keep only a short enum-like tail.
  const msg = err instanceof Error ? err.message : String(err);
  return `error:${msg.replace(/[^A-Za-z0-9 :._-]/g, '').slice(0, 80)}`;
};

/** The dry run of every available action; numbers only. */
export async function dryRunServer(deps: ServerRunDeps, server: ServerConfig, actions: readonly HygieneAction[], policy: PolicyBits, entry: HygieneRunServer): Promise<void> {
  const ctx: ActionContext = { remote: deps.remoteFor(server), policy, sessions: deps.sessions(server.id) };
  try {
    for (const a of runnable(actions, entry)) entry.dryRun.push(await runAction(a, ctx, true));
  } catch (err) {
    entry.state = 'failed';
    entry.reason = `dry-run:${reasonOf(err)}`;
  }
}

/**
 * The real run: holds the server's mutex, announces maintenance for the expected duration (capped at
 * the window's end), reads the figures before and after, and stops starting actions once the window closes.
 */
export async function executeServer(
  deps: ServerRunDeps,
  server: ServerConfig,
  actions: readonly HygieneAction[],
  policy: PolicyBits,
  entry: HygieneRunServer,
  windowEndsAt: number,
  label: string,
): Promise<void> {
  const todo = runnable(actions, entry);
  const expected = todo.reduce((sum, a) => sum + expectedMs(a), 0);
  if (deps.now() + Math.min(expected, 60_000) > windowEndsAt) {
    entry.state = 'skipped';
    entry.reason = 'window-closed';
    return;
  }
  try {
    await deps.mutex.run(server.id, label, async () => {
      entry.state = 'running';
      entry.startedAt = deps.now();
      deps.maintenance.begin(server.id, label, Math.min(deps.now() + expected, windowEndsAt));
      try {
        entry.before = await deps.readFigures(server);
        const ctx: ActionContext = { remote: deps.remoteFor(server), policy, sessions: deps.sessions(server.id) };
        for (const a of todo) {
          if (deps.now() >= windowEndsAt) throw new ActionFailed('window-closed');
          const numbers = await runAction(a, ctx, false);
          entry.real.push(numbers);
          if (numbers.failed > 0) throw new ActionFailed(`${a}-failed:${numbers.failed}`);
        }
        entry.after = await deps.readFigures(server);
        entry.state = 'done';
      } finally {
        deps.maintenance.end(server.id);
      }
    });
  } catch (err) {
    entry.state = err instanceof MutexBusyError || (err instanceof ActionFailed && err.reason === 'window-closed' && entry.real.length === 0) ? 'skipped' : 'failed';
    entry.reason = reasonOf(err);
    if (entry.state === 'failed' && entry.before.length && !entry.after.length) entry.after = await deps.readFigures(server).catch(() => []);
  }
  entry.finishedAt = deps.now();
}
