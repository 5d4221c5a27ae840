// The rollout state machine, pure: what the runner does next, and which operator actions are valid
// in which state. No I/O and no clock of its own (times are passed in), so every transition is unit
// tested. Pause and abort take effect at safe points: a server that has begun is always finished
// (its gateway is never left stopped half-way), no new server is begun.
import type { RolloutAction, RolloutState, ServerRunState } from '../../shared/rollout';

export interface MachineRollout {
  state: RolloutState;
  currentWave: number;
  waveCount: number;
  bakeUntil: number | null;
  /** Where resume goes back to (paused or interrupted). */
  resumeTo: 'running' | 'baking' | null;
  bakeMs: number;
  maxFailuresPerWave: number;
  concurrency: number;
}

export interface MachineServer {
  serverId: string;
  wave: number;
  position: number;
  state: ServerRunState;
  /** A backup was verified and the update step began: there is something to roll back. */
  canRollBack: boolean;
}

export type Decision =
  | { kind: 'idle' }
  | { kind: 'wait' }
  | { kind: 'wait-until'; at: number }
  | { kind: 'start-servers'; serverIds: string[] }
  | { kind: 'halt'; reason: string }
  | { kind: 'begin-bake'; until: number }
  | { kind: 'bake-done' };

const FAILED: ServerRunState[] = ['failed', 'rolled-back', 'rollback-failed'];
const ACTIVE: ServerRunState[] = ['updating', 'rolling-back'];

export const isActive = (s: ServerRunState): boolean => ACTIVE.includes(s);

export function waveFailures(servers: MachineServer[], wave: number): number {
  return servers.filter((s) => s.wave === wave && FAILED.includes(s.state)).length;
}

export function decide(r: MachineRollout, servers: MachineServer[], now: number): Decision {
  if (r.state === 'baking') return r.bakeUntil !== null && now < r.bakeUntil ? { kind: 'wait-until', at: r.bakeUntil } : { kind: 'bake-done' };
  if (r.state !== 'running') return { kind: 'idle' };
  const wave = servers.filter((s) => s.wave === r.currentWave);
  if (waveFailures(servers, r.currentWave) > r.maxFailuresPerWave) return { kind: 'halt', reason: 'failures-exceeded' };
  const active = wave.filter((s) => isActive(s.state)).length;
  const pending = wave.filter((s) => s.state === 'pending').sort((a, b) => a.position - b.position);
  if (pending.length && active < r.concurrency) return { kind: 'start-servers', serverIds: pending.slice(0, r.concurrency - active).map((s) => s.serverId) };
  if (active) return { kind: 'wait' };
  return { kind: 'begin-bake', until: now + r.bakeMs };
}

/** After the bake (and its alert gate): the next wave, or done. */
export function afterBake(r: MachineRollout): Pick<MachineRollout, 'state' | 'currentWave' | 'bakeUntil'> {
  return r.currentWave + 1 < r.waveCount
    ? { state: 'running', currentWave: r.currentWave + 1, bakeUntil: null }
    : { state: 'completed', currentWave: r.currentWave, bakeUntil: null };
}

export type ActionResult =
  | { ok: true; rollout: Partial<MachineRollout>; server?: { serverId: string; state: ServerRunState } }
  | { ok: false; error: string };

const no = (error: string): ActionResult => ({ ok: false, error });

export function applyAction(r: MachineRollout, servers: MachineServer[], action: RolloutAction, serverId: string | null, now: number): ActionResult {
  const server = serverId ? servers.find((s) => s.serverId === serverId) : undefined;
  const anyActive = servers.some((s) => isActive(s.state));
  const finished = r.state === 'aborted' || r.state === 'completed';
  switch (action) {
    case 'pause':
      if (r.state !== 'running' && r.state !== 'baking') return no(`cannot pause a rollout that is ${r.state}`);
      return { ok: true, rollout: { state: 'paused', resumeTo: r.state } };
    case 'resume':
      if (r.state !== 'paused' && r.state !== 'interrupted') return no(`cannot resume a rollout that is ${r.state}`);
      return { ok: true, rollout: { state: r.resumeTo ?? 'running', resumeTo: null } };
    case 'abort':
      if (finished) return no(`the rollout is already ${r.state}`);
      return { ok: true, rollout: { state: 'aborted', resumeTo: null, bakeUntil: null } };
    case 'promote':
      if (r.state === 'baking') return { ok: true, rollout: { bakeUntil: now } };
      if (r.state === 'paused' && r.resumeTo === 'baking') return { ok: true, rollout: { state: 'baking', bakeUntil: now, resumeTo: null } };
      return no('promote ends a bake: the rollout is not baking');
    case 'retry': {
      if (!server) return no('retry needs a server of this rollout');
      if (server.state !== 'failed') return no(`only a failed server can be retried (this one is ${server.state})`);
      if (server.wave !== r.currentWave) return no('only servers of the current wave can be retried');
      if (r.state !== 'halted' && r.state !== 'paused' && r.state !== 'interrupted') return no(`retry when the rollout is halted, paused or interrupted (it is ${r.state})`);
      return { ok: true, rollout: r.state === 'halted' ? { state: 'running' } : {}, server: { serverId: server.serverId, state: 'pending' } };
    }
    case 'skip': {
      if (!server) return no('skip needs a server of this rollout');
      if (server.state !== 'pending' && server.state !== 'failed') return no(`only a pending or failed server can be skipped (this one is ${server.state})`);
      if (finished) return no(`the rollout is already ${r.state}`);
      const after = servers.map((s) => (s.serverId === server.serverId ? { ...s, state: 'skipped' as const } : s));
      const unblocks = r.state === 'halted' && waveFailures(after, r.currentWave) <= r.maxFailuresPerWave;
      return { ok: true, rollout: unblocks ? { state: 'running' } : {}, server: { serverId: server.serverId, state: 'skipped' } };
    }
    case 'rollback': {
      if (!server) return no('roll back needs a server of this rollout');
      if (server.state !== 'updated' && server.state !== 'failed') return no(`only an updated or failed server can be rolled back (this one is ${server.state})`);
      if (!server.canRollBack) return no('nothing to roll back: the update never began on this server, or it has no verified backup');
      if (r.state === 'running' || r.state === 'baking') return no('pause the rollout before rolling a server back');
      if (anyActive) return no('another server of this rollout is still being worked on');
      return { ok: true, rollout: {}, server: { serverId: server.serverId, state: 'rolling-back' } };
    }
  }
}

/** The actions the UI may offer now. */
export function validActions(r: MachineRollout, servers: MachineServer[], now: number) {
  const ids = (a: RolloutAction) => servers.filter((s) => applyAction(r, servers, a, s.serverId, now).ok).map((s) => s.serverId);
  return {
    pause: applyAction(r, servers, 'pause', null, now).ok,
    resume: applyAction(r, servers, 'resume', null, now).ok,
    abort: applyAction(r, servers, 'abort', null, now).ok,
    promote: applyAction(r, servers, 'promote', null, now).ok,
    retry: ids('retry'),
    skip: ids('skip'),
    rollback: ids('rollback'),
  };
}
