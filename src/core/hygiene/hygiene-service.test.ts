import { describe, expect, it } from 'vitest';
import type { ServerConfig, ServerSnapshot } from '../../shared/domain';
import type { HygieneAgentFigures, HygienePolicyInput } from '../../shared/hygiene';
import { openHistoryStore } from '../history/history-store';
import type { Logger } from '../log';
import { HygieneService } from './hygiene-service';
import { HygieneStore } from './hygiene-store';
import { InMemoryMaintenance } from './maintenance-flags';
import type { RunnerFilter } from './remote-runner';
import { InMemoryServerMutex } from './server-mutex';

const quiet: Logger = { debug() {}, info() {}, warn() {}, error() {} };
const T0 = Date.parse('2026-12-01T01:00:00Z'); // 02:00 in Berlin

const server = (id: string, role = 'web'): ServerConfig =>
  ({ id, name: id, host: '127.0.0.1', sshPort: 22, sshUser: 'u', privateKeyPath: '/k', gatewayPort: 1, role, enabled: true, createdAt: 0 }) as ServerConfig;
const snapshot = (id: string, status: ServerSnapshot['status'], version = '2026.9.6') => ({ serverId: id, status, version, cliVersion: version, error: null }) as unknown as ServerSnapshot;

function fixture(opts: { statuses?: Record<string, ServerSnapshot['status']>; version?: string; cleanupCode?: number } = {}) {
  let now = T0;
  const calls: Array<{ serverId: string; filter: RunnerFilter; args: string[] }> = [];
  const rows = new Map<string, number>([['a', 10], ['b', 10]]);
  const maintenance = new InMemoryMaintenance(() => now);
  const maintenanceSeen: string[] = [];
  const servers = [server('a'), server('b')];
  const mutex = new InMemoryServerMutex();
  const store = new HygieneStore(openHistoryStore(':memory:').db);
  const figures = (id: string): HygieneAgentFigures[] => [{ agentId: 'main', rows: rows.get(id)!, zeroTokenRows: 0, storeBytes: 1000, maxFill: 0.5 }];
  const service = new HygieneService({
    store,
    servers: () => servers,
    logger: quiet,
    now: () => now,
    mutex,
    maintenance,
    snapshot: (id) => snapshot(id, opts.statuses?.[id] ?? 'UP', opts.version),
    sessions: () => [],
    readFigures: async (s) => figures(s.id),
    remoteFor: (s) => async (filter, args) => {
      calls.push({ serverId: s.id, filter, args });
      if (maintenance.active(s.id)) maintenanceSeen.push(s.id);
      const dry = args.includes('--dry-run');
      if (!dry) rows.set(s.id, rows.get(s.id)! - 4);
      return JSON.stringify({ v: 1, code: dry ? 0 : (opts.cleanupCode ?? 0), timedOut: false, stores: [{ a: 'main', before: 11, after: 11, capped: 4, capArch: 4, bb: 5000, ba: 4000, storePath: '/secret/path' }] });
    },
    onRunChanged: () => {},
    onServerFinished: () => {},
  });
  const policy = (p: Partial<HygienePolicyInput> = {}): HygienePolicyInput => ({
    name: 'nightly',
    role: 'web',
    actions: ['prune'],
    cron: '30 2 * * *',
    timezone: 'Europe/Berlin',
    windowStart: '02:00',
    windowEnd: '04:00',
    mode: 'auto',
    enabled: true,
    ...p,
  });
  return { service, store, calls, rows, mutex, maintenanceSeen, policy, setNow: (t: number) => (now = t), realCalls: () => calls.filter((c) => !c.args.includes('--dry-run')) };
}

describe('HygieneService', () => {
  it('an automatic policy fires in its window: dry run, then the real prune, with numbers before and after', async () => {
    const f = fixture();
    f.service.savePolicy(f.policy());
    f.setNow(T0 + 29 * 60_000); // 02:29 Berlin: not yet
    await f.service.tick();
    await f.service.idle();
    expect(f.calls).toEqual([]);
    f.setNow(T0 + 30 * 60_000 + 5_000);
    await f.service.tick();
    await f.service.idle();
    const [run] = f.service.runs(10);
    expect(run!.state).toBe('done');
    expect(run!.trigger).toBe('schedule');
    for (const s of run!.servers) {
      expect(s.state).toBe('done');
      expect(s.dryRun[0]).toMatchObject({ action: 'prune', rows: 4, bytes: 1000 });
      expect(s.real[0]).toMatchObject({ action: 'prune', rows: 4 });
      expect(s.before[0]!.rows).toBe(10);
      expect(s.after[0]!.rows).toBe(6);
    }
    // The real cleanup ran in a maintenance window; the mutex is free again.
    expect(f.maintenanceSeen.sort()).toEqual(['a', 'b']);
    expect(f.mutex.holder('a')).toBeNull();
    // Only numbers were kept: no path from the output is in the audit log.
    expect(JSON.stringify(run)).not.toContain('/secret/path');
    // The same occurrence does not fire twice.
    await f.service.tick();
    await f.service.idle();
    expect(f.service.runs(10)).toHaveLength(1);
  });

  it('outside its window a policy does not run', async () => {
    const f = fixture();
    f.service.savePolicy(f.policy({ cron: '*/10 * * * *' }));
    f.setNow(T0 + 3 * 3_600_000); // 05:00 Berlin
    await f.service.tick();
    await f.service.idle();
    expect(f.service.runs(10)).toEqual([]);
    expect(f.calls).toEqual([]);
  });

  it('"ask me" does the dry run and waits for approval; approval runs it', async () => {
    const f = fixture();
    f.service.savePolicy(f.policy({ mode: 'ask' }));
    f.setNow(T0 + 31 * 60_000);
    await f.service.tick();
    await f.service.idle();
    let [run] = f.service.runs(10);
    expect(run!.state).toBe('awaiting-approval');
    expect(run!.servers.map((s) => s.dryRun[0]?.rows)).toEqual([4, 4]);
    expect(f.realCalls()).toEqual([]);
    f.setNow(T0 + 40 * 60_000);
    await f.service.tick();
    await f.service.idle();
    expect(f.realCalls()).toEqual([]);
    expect((await f.service.approve(run!.id, 'console')).state).toBe('running');
    await f.service.idle();
    run = f.service.runs(10)[0];
    expect(run!.state).toBe('done');
    expect(run!.approvedBy).toBe('console');
    expect(f.realCalls().map((c) => c.serverId).sort()).toEqual(['a', 'b']);
  });

  it('an approval that comes after the window closed expires the run and runs nothing', async () => {
    const f = fixture();
    f.service.savePolicy(f.policy({ mode: 'ask' }));
    f.setNow(T0 + 31 * 60_000);
    await f.service.tick();
    await f.service.idle();
    const [run] = f.service.runs(10);
    f.setNow(T0 + 2 * 3_600_000 + 1);
    await expect(f.service.approve(run!.id, 'console')).rejects.toThrow(/window has closed/);
    expect(f.service.runs(10)[0]!.state).toBe('expired');
    expect(f.realCalls()).toEqual([]);
  });

  it('preview only: the dry run and nothing more', async () => {
    const f = fixture();
    f.service.savePolicy(f.policy({ mode: 'preview' }));
    f.setNow(T0 + 31 * 60_000);
    await f.service.tick();
    await f.service.idle();
    expect(f.service.runs(10)[0]!.state).toBe('previewed');
    expect(f.realCalls()).toEqual([]);
  });

  it('a DOWN server and a busy server are skipped and reported; the others run', async () => {
    const f = fixture({ statuses: { b: 'DOWN' } });
    f.service.savePolicy(f.policy());
    f.setNow(T0 + 31 * 60_000);
    let release!: () => void;
    const held = f.mutex.run('a', 'update to 2026.9.7', () => new Promise<void>((r) => (release = r)));
    await f.service.tick();
    await f.service.idle();
    const [run] = f.service.runs(10);
    expect(run!.servers.find((s) => s.serverId === 'b')).toMatchObject({ state: 'skipped', reason: 'server-down' });
    expect(run!.servers.find((s) => s.serverId === 'a')).toMatchObject({ state: 'skipped', reason: 'busy:update to 2026.9.7' });
    expect(f.calls).toEqual([]);
    release();
    await held;
  });

  it('a failed run raises an alert condition until a later run succeeds', async () => {
    const f = fixture({ cleanupCode: 1 });
    f.service.savePolicy(f.policy({ serverId: 'a', role: undefined }));
    f.setNow(T0 + 31 * 60_000);
    await f.service.tick();
    await f.service.idle();
    expect(f.service.runs(10)[0]!.state).toBe('failed');
    expect(f.service.conditions(server('a'))).toEqual([expect.objectContaining({ rule: 'hygiene-run-failed', summary: 'a: hygiene run "nightly" failed (cleanup-exit-1)' })]);
    expect(f.service.conditions(server('b'))).toEqual([]);
  });

  it('bad input is refused naming the field, and nothing is saved or run', async () => {
    const f = fixture();
    const bad: Array<[Partial<HygienePolicyInput>, string]> = [
      [{ cron: 'nightly please' }, 'cron'],
      [{ windowStart: '03:00', windowEnd: '03:00' }, 'windowEnd'],
      [{ cron: '0 12 * * *' }, 'windowStart'],
      [{ actions: ['prune', 'reclaim-space'] }, 'actions'],
      [{ actions: ['reset'] }, 'resetAgents'],
      [{ serverId: 'a' }, 'role'],
    ];
    for (const [patch, field] of bad) {
      expect(() => f.service.savePolicy(f.policy(patch)), field).toThrow(expect.objectContaining({ fields: expect.objectContaining({ [field]: expect.any(String) }) }));
    }
    expect(f.service.listPolicies()).toEqual([]);
    f.setNow(T0 + 31 * 60_000);
    await f.service.tick();
    await f.service.idle();
    expect(f.calls).toEqual([]);
  });

  it('a version the commands were not checked on shows the actions unavailable and runs nothing there', async () => {
    const f = fixture({ version: '2026.6.1' });
    const run = await f.service.runNow({ serverId: 'a', actions: ['prune'] }, 'console');
    expect(run.servers[0]).toMatchObject({ state: 'skipped', reason: 'no-available-action' });
    expect(run.servers[0]!.unavailable[0]!.reason).toContain('not checked on OpenClaw 2026.6.1');
    expect(f.calls).toEqual([]);
  });

  it('"Run now" for a role: dry run, then approval', async () => {
    const f = fixture();
    const run = await f.service.runNow({ role: 'web', actions: ['prune'] }, 'console');
    expect(run.state).toBe('awaiting-approval');
    expect(run.trigger).toBe('operator');
    await f.service.approve(run.id, 'console');
    await f.service.idle();
    const done = f.service.runs(10)[0]!;
    expect(done.servers.map((s) => s.after[0]?.rows)).toEqual([6, 6]);
  });
});
