import { describe, expect, it } from 'vitest';
import { openHistoryStore } from '../history/history-store';
import type { Logger } from '../log';
import { FakeClock } from './fake-clock';
import { MaintenanceWindows } from './maintenance-windows';
import { buildPlan } from './rollout-plan';
import { RolloutRunner, type RolloutProblem } from './rollout-runner';
import { RolloutStore } from './rollout-store';
import { InMemoryServerMutex, type ServerMutex } from './server-mutex';
import { CUSTOM, FakeFleet } from './test-fakes';

const quiet: Logger = { debug() {}, info() {}, warn() {}, error() {} } as unknown as Logger;
const IDS = ['a', 'b', 'c'];

function setup(opts: { db?: ReturnType<typeof openHistoryStore>; clock?: FakeClock; fleet?: FakeFleet; mutex?: ServerMutex; alerts?: Map<string, number> } = {}) {
  const history = opts.db ?? openHistoryStore(':memory:');
  const clock = opts.clock ?? new FakeClock();
  const fleet = opts.fleet ?? new FakeFleet(clock);
  if (!opts.fleet) for (const id of IDS) fleet.add(id, '2026.9.5');
  const store = new RolloutStore(history.db);
  const problems: Array<[string | null, RolloutProblem]> = [];
  const maintenance = new MaintenanceWindows();
  const alerts = opts.alerts ?? new Map<string, number>();
  const runner = new RolloutRunner({
    store,
    ops: fleet,
    clock,
    mutex: opts.mutex ?? new InMemoryServerMutex(),
    maintenance,
    logger: quiet,
    serviceOf: () => CUSTOM,
    gateFacts: (id) => fleet.gateFacts(id),
    criticalAlertsSince: (id) => alerts.get(id) ?? 0,
    onChange: () => {},
    onProblem: (_r, serverId, p) => problems.push([serverId, p]),
  });
  return { history, clock, fleet, store, runner, problems, maintenance, alerts };
}

function startRollout(t: ReturnType<typeof setup>, o: { bakeMs?: number; maxFailuresPerWave?: number } = {}) {
  const plan = buildPlan(
    { targetVersion: '2026.9.6', serverIds: IDS, waves: [50, 100], bakeMs: o.bakeMs ?? 600_000, maxFailuresPerWave: o.maxFailuresPerWave ?? 0, concurrency: 1, doctorLint: false, backupRetention: 3, allowDowngrade: false },
    IDS.map((id) => ({ serverId: id, name: id, status: 'UP', version: '2026.9.5', service: CUSTOM, inRollout: null })),
  );
  t.store.create({ id: 'r1', plan, createdAt: t.clock.now(), createdBy: 'test' });
  void t.runner.kick('r1');
}

const stepsOf = (t: ReturnType<typeof setup>, id: string) => t.store.steps('r1').filter((s) => s.serverId === id);

describe('rollout runner', () => {
  it('updates the canary, bakes, then the next waves, recording every step with its duration', async () => {
    const t = setup();
    startRollout(t);
    await t.clock.advance(1_000);
    expect(t.store.servers('r1').map((s) => s.state)).toEqual(['updating', 'pending', 'pending']);
    expect(t.maintenance.active('a', t.clock.now())).toBe(true);
    await t.clock.advance(10 * 60_000);
    expect(t.store.get('r1')!.state).toBe('baking');
    expect(t.maintenance.active('a', t.clock.now())).toBe(false);
    expect(stepsOf(t, 'a').map((s) => `${s.step}:${s.outcome}`)).toEqual([
      'precheck:ok', 'stop:ok', 'backup:ok', 'update:ok', 'start:ok', 'gate-ready:ok', 'gate-boot-id:ok', 'gate-version:ok', 'gate-heartbeats:ok',
    ]);
    expect(stepsOf(t, 'a').every((s) => s.endedAt !== null && s.endedAt >= s.startedAt)).toBe(true);
    expect(t.fleet.servers.get('b')!.version).toBe('2026.9.5');
    await t.clock.advance(60 * 60_000);
    expect(t.store.get('r1')!.state).toBe('completed');
    expect(stepsOf(t, 'a').at(-1)).toMatchObject({ step: 'gate-no-critical-alert', outcome: 'ok' });
    expect([...t.fleet.servers.values()].map((s) => s.version)).toEqual(['2026.9.6', '2026.9.6', '2026.9.6']);
    expect(t.store.servers('r1')[0]!.stateMigrated).toBe(true);
    expect(t.problems).toEqual([]);
  });

  it('a canary whose start fails halts before the next wave; the others are untouched and an alert is raised', async () => {
    const t = setup();
    t.fleet.servers.get('a')!.failing.set('start', 3);
    const before = ['b', 'c'].map((id) => ({ ...t.fleet.servers.get(id)! }));
    startRollout(t);
    await t.clock.advance(30 * 60_000);
    expect(t.store.get('r1')).toMatchObject({ state: 'halted', reason: 'failures-exceeded' });
    expect(t.store.servers('r1').map((s) => [s.state, s.failure])).toEqual([['failed', 'start-failed'], ['pending', null], ['pending', null]]);
    expect(['b', 'c'].map((id) => t.fleet.servers.get(id)!).map((s) => [s.version, s.bootId])).toEqual(before.map((s) => [s.version, s.bootId]));
    expect(t.fleet.calls.filter((c) => !c.startsWith('a:'))).toEqual([]);
    expect(t.problems).toEqual([['a', 'server-failed'], [null, 'rollout-halted']]);
  });

  it('a gate that cannot pass fails at its deadline (heartbeats never resume)', async () => {
    const t = setup();
    startRollout(t);
    await t.clock.advance(1_000);
    t.fleet.servers.get('a')!.failing.set('never', 1);
    // The fake resumes heartbeats 2 min after a start: stop them from ever coming back.
    const a = t.fleet.servers.get('a')!;
    Object.defineProperty(a, 'heartbeatAt', { get: () => null, set: () => {} });
    await t.clock.advance(20 * 60_000);
    const gate = stepsOf(t, 'a').find((s) => s.step === 'gate-heartbeats')!;
    expect(gate).toMatchObject({ outcome: 'failed', summary: { agents: 1, resumed: 0, deadlineMs: 480_000 } });
    expect(t.store.get('r1')!.state).toBe('halted');
  });

  it('a new critical alert during the bake fails the server', async () => {
    const t = setup();
    startRollout(t);
    await t.clock.advance(9 * 60_000);
    expect(t.store.get('r1')!.state).toBe('baking');
    t.alerts.set('a', 1);
    await t.clock.advance(30_000);
    expect(stepsOf(t, 'a').at(-1)).toMatchObject({ step: 'gate-no-critical-alert', outcome: 'failed' });
    await t.clock.advance(15 * 60_000);
    expect(t.store.get('r1')!.state).toBe('halted');
    expect(t.fleet.calls.filter((c) => c.startsWith('b:'))).toEqual([]);
  });

  it('pause lets the server in flight finish and begins no other; resume goes on', async () => {
    const t = setup();
    startRollout(t, { bakeMs: 0 });
    await t.clock.advance(2_000);
    t.runner.act('r1', 'pause', null, 'op');
    await t.clock.advance(30 * 60_000);
    expect(t.store.get('r1')!.state).toBe('paused');
    expect(t.store.servers('r1').map((s) => s.state)).toEqual(['updated', 'pending', 'pending']);
    t.runner.act('r1', 'resume', null, 'op');
    await t.clock.advance(60 * 60_000);
    expect(t.store.get('r1')!.state).toBe('completed');
    expect(t.store.auditLog('r1').map((a) => `${a.actor}:${a.action}`)).toEqual(['op:pause', 'op:resume']);
  });

  it('abort stops after the server in flight; invalid actions are refused with the reason', async () => {
    const t = setup();
    startRollout(t);
    await t.clock.advance(2_000);
    expect(() => t.runner.act('r1', 'promote', null, 'op')).toThrow(/not baking/);
    t.runner.act('r1', 'abort', null, 'op');
    await t.clock.advance(60 * 60_000);
    expect(t.store.get('r1')).toMatchObject({ state: 'aborted', reason: 'aborted-by-operator' });
    expect(t.store.servers('r1').map((s) => s.state)).toEqual(['updated', 'pending', 'pending']);
    expect(() => t.runner.act('r1', 'abort', null, 'op')).toThrow(/already aborted/);
  });

  it('retry goes on from the failed step without re-running the finished ones', async () => {
    const t = setup();
    t.fleet.servers.get('a')!.failing.set('start', 3);
    startRollout(t, { bakeMs: 0 });
    await t.clock.advance(10 * 60_000);
    t.fleet.servers.get('a')!.failing.clear();
    t.runner.act('r1', 'retry', 'a', 'op');
    await t.clock.advance(60 * 60_000);
    expect(t.store.get('r1')!.state).toBe('completed');
    // The retry went on from the failed start: precheck, stop, backup and update ran once.
    expect(t.fleet.calls.filter((c) => c.startsWith('a:')).slice(0, 6)).toEqual(['a:precheck', 'a:stop', 'a:backup', 'a:update', 'a:start', 'a:start']);
    expect(stepsOf(t, 'a').filter((s) => s.step === 'start').map((s) => s.outcome)).toEqual(['failed', 'ok']);
  });

  it('a second update on a busy server is refused by the mutex, never run twice at once', async () => {
    const mutex = new InMemoryServerMutex();
    let release = () => {};
    void mutex.run('a', 'restart by someone', () => new Promise<void>((r) => (release = r)));
    const t = setup({ mutex });
    startRollout(t);
    await t.clock.advance(10_000);
    expect(t.store.servers('r1')[0]).toMatchObject({ state: 'failed', failure: 'server-busy' });
    expect(t.fleet.calls).toEqual([]);
    release();
  });

  it('after a crash: interrupted with the true state probed; resume never re-runs a finished step', async () => {
    const t = setup();
    startRollout(t);
    await t.clock.advance(4_500); // precheck, stop, backup, update ok; start in flight
    const doneBefore = stepsOf(t, 'a').filter((s) => s.outcome === 'ok').map((s) => s.step);
    expect(doneBefore).toEqual(['precheck', 'stop', 'backup', 'update']);
    t.runner.stop();
    // A new console on the same database (the old process is gone).
    const t2 = setup({ db: t.history, clock: t.clock, fleet: t.fleet });
    t.fleet.calls.length = 0;
    expect(await t2.runner.recover()).toEqual(['r1']);
    expect(t2.store.get('r1')).toMatchObject({ state: 'interrupted', reason: 'console-restarted' });
    expect(t2.store.servers('r1')[0]!.probed).toMatchObject({ version: '2026.9.6' });
    expect(stepsOf(t2, 'a').find((s) => s.step === 'start')!.outcome).toBe('interrupted');
    t2.runner.act('r1', 'resume', null, 'op');
    await t2.clock.advance(60 * 60_000);
    expect(t2.store.get('r1')!.state).toBe('completed');
    expect(t.fleet.calls.filter((c) => c.startsWith('a:'))).toEqual(['a:start']);
  });

  it('rolls a canary back after its state was migrated: restore, old version, gates', async () => {
    const t = setup();
    startRollout(t);
    await t.clock.advance(9 * 60_000);
    t.runner.act('r1', 'pause', null, 'op');
    t.runner.act('r1', 'rollback', 'a', 'op');
    await t.clock.advance(20 * 60_000);
    expect(t.store.servers('r1')[0]!.state).toBe('rolled-back');
    expect(t.fleet.servers.get('a')!.version).toBe('2026.9.5');
    expect(t.fleet.calls.filter((c) => c.startsWith('a:')).slice(-4)).toEqual(['a:rollback-stop', 'a:restore', 'a:rollback-reinstall', 'a:rollback-start']);
    expect(stepsOf(t, 'a').filter((s) => s.step.startsWith('rollback-gate')).map((s) => s.outcome)).toEqual(['ok', 'ok']);
  });

  it('a rollback cut off by a crash is finished after the restart, without redoing its done steps', async () => {
    const t = setup();
    startRollout(t);
    await t.clock.advance(9 * 60_000);
    t.runner.act('r1', 'pause', null, 'op');
    t.runner.act('r1', 'rollback', 'a', 'op');
    await t.clock.advance(1_500); // rollback-stop done, restore in flight
    t.runner.stop();
    const t2 = setup({ db: t.history, clock: t.clock, fleet: t.fleet });
    t.fleet.calls.length = 0;
    await t2.runner.recover();
    await t2.clock.advance(20 * 60_000);
    expect(t2.store.servers('r1')[0]!.state).toBe('rolled-back');
    expect(t.fleet.calls).toEqual(['a:restore', 'a:rollback-reinstall', 'a:rollback-start']);
    expect(t2.store.get('r1')!.state).toBe('paused');
  });
});
