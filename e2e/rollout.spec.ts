// Staged rollouts for real (issue 13): real OpenClaw 2026.9.5 gateways behind real sshds, updated to
// 2026.9.6 by `openclaw update` from an offline npm cache, through the console's core API over its
// WebSocket. Few real updates on purpose (each ~3 min on 2 cores): one that fails its canary and is
// then rolled back (a real downgrade onto the restored state), one that is killed mid-update and resumed.
import fs from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { startTestFleet, type TestFleet } from './fixture/test-fleet.ts';
import type { Alert, ServerConfig, ServerView } from '../src/shared/domain.ts';
import type { RolloutDetail, RolloutPlan, RolloutStep } from '../src/shared/rollout.ts';
import { knownHostsFor } from './support/console-page.ts';
import { startHeadlessApp, type HeadlessApp } from './support/headless-app.ts';
import { connectRpc, type RpcClient } from './support/rpc-client.ts';
import { makeServiceManaged, type ManagedServer } from './support/service-managed.ts';

test.describe.configure({ mode: 'serial' });

let fleet: TestFleet;
const managed: Record<string, ManagedServer> = {};
let knownHosts = '';
const ids: Record<string, string> = {};
let app: HeadlessApp;
let rpc: RpcClient;

test.beforeAll(async () => {
  test.setTimeout(600_000);
  const root = mkdtempSync(path.join(tmpdir(), 'ym-e2e-rollout-'));
  fs.chmodSync(root, 0o755);
  fleet = await startTestFleet({ root, servers: [{ name: 'ro1', openclawVersion: '2026.9.5' }, { name: 'ro2', openclawVersion: '2026.9.5' }], heartbeatEvery: '1m' });
  for (const name of ['ro1', 'ro2']) managed[name] = await makeServiceManaged(fleet.server(name), '2026.9.5');
  knownHosts = knownHostsFor(...fleet.servers.map((s) => s.info));
});

test.afterAll(async () => {
  rpc?.close();
  await app?.stop().catch(() => {});
  await fleet?.stop();
});

async function openConsole(dataDir?: string): Promise<void> {
  app = await startHeadlessApp({ knownHosts, pollInterval: '5s', dataDir });
  rpc = await connectRpc(app);
}

const view = async (name: string): Promise<ServerView> => (await rpc.ok<ServerView[]>('servers.list')).find((v) => v.config.name === name)!;
const detail = (id: string) => rpc.ok<RolloutDetail>('rollouts.get', { id });
const stepsOf = (d: RolloutDetail, serverId: string): RolloutStep[] => d.steps.filter((s) => s.serverId === serverId);

async function waitFor(id: string, done: (d: RolloutDetail) => boolean, timeout: number): Promise<RolloutDetail> {
  let last: RolloutDetail | null = null;
  await expect
    .poll(async () => {
      last = await detail(id);
      return done(last);
    }, { timeout, intervals: [3_000] })
    .toBe(true);
  return last!;
}

test('a failing canary halts before the next wave, pages, and is rolled back after its state was migrated', async () => {
  test.setTimeout(1_500_000);
  await openConsole();
  for (const name of ['ro1', 'ro2']) {
    const s = fleet.server(name).info;
    const added = await rpc.ok<ServerConfig>('servers.add', { name, host: '127.0.0.1', sshPort: s.sshPort, sshUser: s.sshUser, privateKeyPath: s.privateKeyPath, gatewayPort: s.gatewayPort, role: 'worker' });
    ids[name] = added.id;
  }
  await expect.poll(async () => [(await view('ro1')).snapshot?.status, (await view('ro2')).snapshot?.status], { timeout: 120_000 }).toEqual(['UP', 'UP']);

  // Bad input changes nothing: shell syntax in a command, no service manager, a wrong confirmation, an unknown version.
  const bad = await rpc.call('rollouts.service.set', { serverId: ids.ro1, manager: { kind: 'custom', start: 'ym-gatewayctl start; rm -rf ~', stop: 'x stop', status: 'x status' } });
  expect(bad).toMatchObject({ ok: false, error: { code: 'invalid-input', fields: { 'manager.start': expect.stringMatching(/shell syntax/) } } });
  const choice = { targetVersion: '2026.9.6', serverIds: [ids.ro2, ids.ro1], bakeMinutes: 0 };
  const blocked = await rpc.ok<RolloutPlan>('rollouts.plan', choice);
  expect(blocked.servers.map((s) => s.blockers)).toEqual([['service manager not set: say how its gateway is run'], ['service manager not set: say how its gateway is run']]);
  for (const name of ['ro1', 'ro2']) await rpc.ok('rollouts.service.set', { serverId: ids[name], manager: { kind: 'custom', ...managed[name]!.service } });
  const plan = await rpc.ok<RolloutPlan>('rollouts.plan', choice);
  expect(plan.waves.map((w) => w.serverIds)).toEqual([[ids.ro2], [ids.ro1]]);
  expect(plan.servers.every((s) => s.blockers.length === 0 && s.rollback.possible)).toBe(true);
  expect(await rpc.call('rollouts.start', { ...choice, confirmation: 'yes' })).toMatchObject({ ok: false, error: { code: 'invalid-input', fields: { confirmation: `type: ${plan.confirmation}` } } });
  const unknown = { ...choice, targetVersion: '2026.9.99' };
  expect(await rpc.call('rollouts.start', { ...unknown, confirmation: 'update 2 servers to 2026.9.99' })).toMatchObject({ ok: false, error: { fields: { targetVersion: 'unknown version' } } });
  expect(await rpc.ok('rollouts.list')).toEqual([]);

  // The canary's start command will fail after its (real) update.
  fs.writeFileSync(managed.ro2!.failStartFlag, '');
  const ro1Before = (await rpc.ok<{ version: string | null; gateway: { bootId: string | null } | null }>('servers.probeNow', { id: ids.ro1 }));
  const started = await rpc.ok<RolloutDetail>('rollouts.start', { ...choice, confirmation: plan.confirmation });
  const halted = await waitFor(started.id, (d) => d.state === 'halted', 900_000);
  expect(halted.servers.map((s) => [s.name, s.state, s.failure])).toEqual([['ro2', 'failed', 'start-failed'], ['ro1', 'pending', null]]);
  expect(stepsOf(halted, ids.ro2!).map((s) => `${s.step}:${s.outcome}`)).toEqual(['precheck:ok', 'stop:ok', 'backup:ok', 'update:ok', 'start:failed']);
  expect(stepsOf(halted, ids.ro2!).find((s) => s.step === 'update')!.summary).toMatchObject({ before: '2026.9.5', after: '2026.9.6', stateMigrated: true });
  expect(stepsOf(halted, ids.ro1!)).toEqual([]);
  const ro1After = await rpc.ok<{ version: string | null; gateway: { bootId: string | null } | null }>('servers.probeNow', { id: ids.ro1 });
  expect([ro1After.version, ro1After.gateway?.bootId]).toEqual([ro1Before.version, ro1Before.gateway?.bootId]);
  // The failed server and the halt page; a server that did not come back is down and pages too.
  await expect
    .poll(async () => (await rpc.ok<Alert[]>('alerts.list', { scope: 'active' })).filter((a) => a.serverId === ids.ro2).map((a) => a.rule).sort(), { timeout: 120_000 })
    .toEqual(expect.arrayContaining(['rollout-halted', 'rollout-server-failed', 'server-down']));
  expect(halted.actions).toMatchObject({ rollback: [ids.ro2], retry: [ids.ro2], resume: false });

  // Roll the canary back: restore the pre-update backup, reinstall 2026.9.5, start, gates.
  fs.rmSync(managed.ro2!.failStartFlag);
  await rpc.ok('rollouts.act', { id: started.id, action: 'rollback', serverId: ids.ro2 });
  const back = await waitFor(started.id, (d) => ['rolled-back', 'rollback-failed'].includes(d.servers[0]!.state), 900_000);
  expect(stepsOf(back, ids.ro2!).filter((s) => s.step.startsWith('rollback')).map((s) => `${s.step}:${s.outcome}`)).toEqual([
    'rollback-stop:ok', 'rollback-restore:ok', 'rollback-reinstall:ok', 'rollback-start:ok', 'rollback-gate-ready:ok', 'rollback-gate-version:ok',
  ]);
  const ro2 = await rpc.ok<{ status: string; version: string | null; runtime: { runtimeVersion: string | null } | null; heartbeats: unknown[] | null }>('servers.probeNow', { id: ids.ro2 });
  expect([ro2.status, ro2.version, ro2.runtime?.runtimeVersion]).toEqual(['UP', '2026.9.5', '2026.9.5']);
  expect(ro2.heartbeats?.length).toBe(2); // its agents' heartbeat jobs came back with the restored state
  await rpc.ok('rollouts.act', { id: started.id, action: 'abort' });
  expect((await detail(started.id)).state).toBe('aborted');
});

test('a real update end to end; the console is killed mid-update and resumes without re-running a done step', async () => {
  test.setTimeout(1_500_000);
  const choice = { targetVersion: '2026.9.6', serverIds: [ids.ro1], bakeMinutes: 0.5 };
  const plan = await rpc.ok<RolloutPlan>('rollouts.plan', choice);
  const t0 = Date.now();
  const started = await rpc.ok<RolloutDetail>('rollouts.start', { ...choice, confirmation: plan.confirmation });
  await waitFor(started.id, (d) => d.steps.some((s) => s.step === 'update' && s.outcome === 'running'), 120_000);
  await new Promise((r) => setTimeout(r, 20_000)); // well inside `openclaw update` (150+ s)
  rpc.close();
  const dataDir = app.dataDir;
  await app.kill('SIGKILL');
  await openConsole(dataDir);
  const interrupted = await waitFor(started.id, (d) => d.state === 'interrupted' && d.servers[0]!.probed !== null, 120_000);
  expect(interrupted.reason).toBe('console-restarted');
  expect(interrupted.servers[0]!.probed).toMatchObject({ running: false });
  expect(interrupted.actions).toMatchObject({ resume: true, abort: true });
  await rpc.ok('rollouts.act', { id: started.id, action: 'resume' });
  const done = await waitFor(started.id, (d) => ['completed', 'halted'].includes(d.state), 1_200_000);
  const steps = stepsOf(done, ids.ro1!);
  expect(done.state).toBe('completed');
  expect(steps.map((s) => `${s.step}:${s.outcome}`)).toEqual([
    'precheck:ok', 'stop:ok', 'backup:ok', 'update:interrupted', 'update:ok', 'start:ok', 'gate-ready:ok', 'gate-boot-id:ok', 'gate-version:ok', 'gate-heartbeats:ok', 'gate-no-critical-alert:ok',
  ]);
  expect(steps.find((s) => s.step === 'update' && s.outcome === 'ok')!.summary).toMatchObject({ adopted: true, after: '2026.9.6' });
  expect(done.audit.map((a) => a.action)).toEqual(['start', 'interrupted', 'resume']);
  const ro1 = await rpc.ok<{ status: string; runtime: { runtimeVersion: string | null } | null }>('servers.probeNow', { id: ids.ro1 });
  expect([ro1.status, ro1.runtime?.runtimeVersion]).toEqual(['UP', '2026.9.6']);
  // Step durations of this real update, for the report and bench:rollout.
  const durations = steps.map((s) => ({ step: s.step, outcome: s.outcome, ms: (s.endedAt ?? 0) - s.startedAt, summary: s.summary }));
  fs.writeFileSync(test.info().outputPath('rollout-steps.json'), JSON.stringify({ totalMs: Date.now() - t0, durations }, null, 2));
  for (const d of durations) expect(d.ms).toBeGreaterThanOrEqual(0);
});
