import { describe, expect, it } from 'vitest';
import type { RolloutAction, RolloutState, ServerRunState } from '../../shared/rollout';
import { afterBake, applyAction, decide, validActions, type MachineRollout, type MachineServer } from './rollout-machine';

const NOW = 1_000_000;
const rollout = (p: Partial<MachineRollout> = {}): MachineRollout => ({
  state: 'running',
  currentWave: 0,
  waveCount: 2,
  bakeUntil: null,
  resumeTo: null,
  bakeMs: 600_000,
  maxFailuresPerWave: 0,
  concurrency: 1,
  ...p,
});
const srv = (serverId: string, wave: number, state: ServerRunState = 'pending', canRollBack = false): MachineServer => ({ serverId, wave, position: Number(serverId.slice(1)), state, canRollBack });
const fleet = (states: ServerRunState[] = ['pending', 'pending', 'pending']) => [srv('s0', 0, states[0]), srv('s1', 1, states[1]), srv('s2', 1, states[2])];

const ALL_STATES: RolloutState[] = ['running', 'baking', 'paused', 'halted', 'interrupted', 'aborted', 'completed'];

describe('decide', () => {
  it('starts the canary first, alone', () => {
    expect(decide(rollout(), fleet(), NOW)).toEqual({ kind: 'start-servers', serverIds: ['s0'] });
  });
  it('waits while the canary is updating', () => {
    expect(decide(rollout(), fleet(['updating', 'pending', 'pending']), NOW)).toEqual({ kind: 'wait' });
  });
  it('bakes once the wave is updated, then goes to the next wave', () => {
    expect(decide(rollout(), fleet(['updated', 'pending', 'pending']), NOW)).toEqual({ kind: 'begin-bake', until: NOW + 600_000 });
    const baking = rollout({ state: 'baking', bakeUntil: NOW + 10 });
    expect(decide(baking, fleet(['updated']), NOW)).toEqual({ kind: 'wait-until', at: NOW + 10 });
    expect(decide(baking, fleet(['updated']), NOW + 10)).toEqual({ kind: 'bake-done' });
    expect(afterBake(baking)).toEqual({ state: 'running', currentWave: 1, bakeUntil: null });
    expect(afterBake(rollout({ state: 'baking', currentWave: 1 }))).toEqual({ state: 'completed', currentWave: 1, bakeUntil: null });
  });
  it('fills a wave up to the concurrency', () => {
    const r = rollout({ currentWave: 1, concurrency: 2 });
    expect(decide(r, fleet(['updated', 'pending', 'pending']), NOW)).toEqual({ kind: 'start-servers', serverIds: ['s1', 's2'] });
    expect(decide(r, fleet(['updated', 'updating', 'pending']), NOW)).toEqual({ kind: 'start-servers', serverIds: ['s2'] });
  });
  it('halts at the first failure by default, and only past the allowed failures otherwise', () => {
    expect(decide(rollout(), fleet(['failed']), NOW)).toEqual({ kind: 'halt', reason: 'failures-exceeded' });
    const tolerant = rollout({ currentWave: 1, maxFailuresPerWave: 1 });
    expect(decide(tolerant, fleet(['updated', 'failed', 'pending']), NOW)).toEqual({ kind: 'start-servers', serverIds: ['s2'] });
    expect(decide(tolerant, fleet(['updated', 'failed', 'failed']), NOW).kind).toBe('halt');
  });
  it('a skipped server does not count as a failure', () => {
    expect(decide(rollout(), fleet(['skipped']), NOW).kind).toBe('begin-bake');
  });
  it('does nothing in states that do not run', () => {
    for (const state of ['paused', 'halted', 'interrupted', 'aborted', 'completed'] as const) expect(decide(rollout({ state }), fleet(), NOW)).toEqual({ kind: 'idle' });
  });
});

describe('operator actions', () => {
  const act = (r: MachineRollout, a: RolloutAction, servers = fleet(), id: string | null = null) => applyAction(r, servers, a, id, NOW);

  it('pause is valid only while running or baking, and resume goes back there', () => {
    for (const state of ALL_STATES) {
      const res = act(rollout({ state }), 'pause');
      expect(res.ok, state).toBe(state === 'running' || state === 'baking');
      if (res.ok) {
        expect(res.rollout).toEqual({ state: 'paused', resumeTo: state });
        expect(act(rollout({ ...res.rollout }), 'resume')).toEqual({ ok: true, rollout: { state, resumeTo: null } });
      }
    }
  });
  it('resume is valid only when paused or interrupted', () => {
    for (const state of ALL_STATES) expect(act(rollout({ state, resumeTo: 'baking' }), 'resume').ok, state).toBe(state === 'paused' || state === 'interrupted');
    expect(act(rollout({ state: 'interrupted', resumeTo: 'baking' }), 'resume')).toEqual({ ok: true, rollout: { state: 'baking', resumeTo: null } });
  });
  it('abort is valid in every state but aborted and completed', () => {
    for (const state of ALL_STATES) {
      const res = act(rollout({ state }), 'abort');
      expect(res.ok, state).toBe(state !== 'aborted' && state !== 'completed');
      if (res.ok) expect(res.rollout.state).toBe('aborted');
    }
  });
  it('promote ends a bake (also a paused one), nothing else', () => {
    for (const state of ALL_STATES) expect(act(rollout({ state }), 'promote').ok, state).toBe(state === 'baking');
    expect(act(rollout({ state: 'baking', bakeUntil: NOW + 5 }), 'promote')).toEqual({ ok: true, rollout: { bakeUntil: NOW } });
    expect(act(rollout({ state: 'paused', resumeTo: 'baking' }), 'promote')).toEqual({ ok: true, rollout: { state: 'baking', bakeUntil: NOW, resumeTo: null } });
    expect(act(rollout({ state: 'paused', resumeTo: 'running' }), 'promote').ok).toBe(false);
  });
  it('retry puts a failed server of the current wave back to pending and un-halts', () => {
    const servers = fleet(['failed']);
    expect(act(rollout({ state: 'halted' }), 'retry', servers, 's0')).toEqual({ ok: true, rollout: { state: 'running' }, server: { serverId: 's0', state: 'pending' } });
    expect(act(rollout({ state: 'paused' }), 'retry', servers, 's0')).toEqual({ ok: true, rollout: {}, server: { serverId: 's0', state: 'pending' } });
    expect(act(rollout({ state: 'running' }), 'retry', servers, 's0').ok).toBe(false);
    expect(act(rollout({ state: 'halted' }), 'retry', servers, 's1').ok).toBe(false);
    expect(act(rollout({ state: 'halted' }), 'retry', servers, null).ok).toBe(false);
  });
  it('skip takes a pending or failed server out; a halt caused by it ends', () => {
    expect(act(rollout({ state: 'halted' }), 'skip', fleet(['failed']), 's0')).toEqual({ ok: true, rollout: { state: 'running' }, server: { serverId: 's0', state: 'skipped' } });
    expect(act(rollout({ state: 'running' }), 'skip', fleet(), 's2')).toEqual({ ok: true, rollout: {}, server: { serverId: 's2', state: 'skipped' } });
    expect(act(rollout({ state: 'running' }), 'skip', fleet(['updating']), 's0').ok).toBe(false);
    expect(act(rollout({ state: 'completed' }), 'skip', fleet(), 's2').ok).toBe(false);
  });
  it('rollback needs an updated or failed server with a backup, a stopped rollout and nothing else in flight', () => {
    const servers = [srv('s0', 0, 'updated', true), srv('s1', 1, 'pending'), srv('s2', 1, 'failed', false)];
    for (const state of ALL_STATES) expect(act(rollout({ state }), 'rollback', servers, 's0').ok, state).toBe(!['running', 'baking'].includes(state));
    expect(act(rollout({ state: 'halted' }), 'rollback', servers, 's2').ok).toBe(false);
    expect(act(rollout({ state: 'halted' }), 'rollback', servers, 's1').ok).toBe(false);
    const busy = [srv('s0', 0, 'updated', true), srv('s1', 1, 'updating')];
    expect(act(rollout({ state: 'paused' }), 'rollback', busy, 's0').ok).toBe(false);
  });
  it('validActions lists what the UI may enable', () => {
    const servers = [srv('s0', 0, 'failed', true), srv('s1', 1, 'pending')];
    expect(validActions(rollout({ state: 'halted' }), servers, NOW)).toEqual({ pause: false, resume: false, abort: true, promote: false, retry: ['s0'], skip: ['s0', 's1'], rollback: ['s0'] });
  });
});
