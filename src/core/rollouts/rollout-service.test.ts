import { describe, expect, it } from 'vitest';
import type { ServerConfig, ServerSnapshot } from '../../shared/domain';
import { openHistoryStore } from '../history/history-store';
import type { Logger } from '../log';
import { AppError } from '../router';
import { FakeClock } from './fake-clock';
import { MaintenanceWindows } from './maintenance-windows';
import { RolloutRunner } from './rollout-runner';
import { RolloutService } from './rollout-service';
import { RolloutStore } from './rollout-store';
import { InMemoryServerMutex } from './server-mutex';
import { CUSTOM, FakeFleet } from './test-fakes';

const quiet = { debug() {}, info() {}, warn() {}, error() {} } as unknown as Logger;
const config = (id: string): ServerConfig => ({ id, name: `srv-${id}`, host: 'h', sshPort: 22, sshUser: 'u', privateKeyPath: '/k', gatewayPort: 1, enabled: true, createdAt: 0 });

function setup(versions: Record<string, string> = { a: '2026.9.5', b: '2026.9.5' }, status: Record<string, string> = {}) {
  const db = openHistoryStore(':memory:').db;
  const clock = new FakeClock();
  const fleet = new FakeFleet(clock);
  for (const [id, v] of Object.entries(versions)) fleet.add(id, v);
  const store = new RolloutStore(db);
  const runner = new RolloutRunner({
    store, ops: fleet, clock, mutex: new InMemoryServerMutex(), maintenance: new MaintenanceWindows(), logger: quiet,
    serviceOf: (id) => store.serviceManager(id), gateFacts: (id) => fleet.gateFacts(id), criticalAlertsSince: () => 0, onChange: () => {}, onProblem: () => {},
  });
  const service = new RolloutService({
    store, runner, clock,
    servers: () => Object.keys(versions).map(config),
    snapshot: (id) => ({ status: status[id] ?? 'UP', version: versions[id], cliVersion: versions[id] }) as unknown as ServerSnapshot,
    versionAvailable: async (_id, v) => v === '2026.9.6' || v === '2026.9.4',
    updateStatus: async () => ({ installKind: 'package', latestVersion: '2026.9.6' }),
  });
  return { service, store, clock, runner };
}

const err = async (p: Promise<unknown> | (() => unknown)) => {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    return e as AppError;
  }
  throw new Error('expected an error');
};

describe('rollout service: bad input gets a clear error and changes nothing', () => {
  const choice = { targetVersion: '2026.9.6', serverIds: ['a', 'b'], bakeMinutes: 0 };

  it('refuses shell syntax in a service command, naming the field', async () => {
    const t = setup();
    const e = await err(() => t.service.serviceSet('a', { kind: 'custom', start: '/bin/gw start && reboot', stop: '/bin/gw stop', status: '/bin/gw status' }));
    expect(e).toMatchObject({ code: 'invalid-input', fields: { 'manager.start': expect.stringMatching(/shell syntax/) } });
    expect(t.store.serviceManager('a')).toBeNull();
  });

  it('refuses a start with blockers, a wrong confirmation or an unknown version; nothing is created', async () => {
    const t = setup({ a: '2026.9.5', b: '2026.9.5' }, { b: 'DOWN' });
    t.service.serviceSet('a', CUSTOM);
    t.service.serviceSet('b', CUSTOM);
    expect((await err(t.service.start({ ...choice, confirmation: 'update 2 servers to 2026.9.6' }, 'op'))).message).toMatch(/srv-b: not UP \(DOWN\)/);
    const ok = setup();
    ok.service.serviceSet('a', CUSTOM);
    ok.service.serviceSet('b', CUSTOM);
    expect(await err(ok.service.start({ ...choice, confirmation: 'go' }, 'op'))).toMatchObject({ code: 'invalid-input', fields: { confirmation: 'type: update 2 servers to 2026.9.6' } });
    expect(await err(ok.service.start({ ...choice, targetVersion: '2026.9.9', confirmation: 'update 2 servers to 2026.9.9' }, 'op'))).toMatchObject({ fields: { targetVersion: 'unknown version' } });
    expect(await err(() => ok.service.plan({ ...choice, serverIds: ['a', 'zz'] }))).toMatchObject({ code: 'not-found' });
    expect(ok.service.list()).toEqual([]);
  });

  it('a downgrade needs its own confirmation', async () => {
    const t = setup({ a: '2026.9.5' });
    t.service.serviceSet('a', CUSTOM);
    const down = { targetVersion: '2026.9.4', serverIds: ['a'], allowDowngrade: true };
    expect(await err(t.service.start({ ...down, confirmation: 'update 1 server to 2026.9.4' }, 'op'))).toMatchObject({ fields: { confirmDowngrade: 'required for a downgrade' } });
    expect((await t.service.start({ ...down, confirmation: 'update 1 server to 2026.9.4', confirmDowngrade: true }, 'op')).state).toBe('running');
  });

  it('one rollout at a time per server: a second one gets a clear error', async () => {
    const t = setup();
    t.service.serviceSet('a', CUSTOM);
    t.service.serviceSet('b', CUSTOM);
    const first = await t.service.start({ ...choice, confirmation: 'update 2 servers to 2026.9.6' }, 'op');
    expect((await err(t.service.start({ ...choice, serverIds: ['b'], confirmation: 'update 1 server to 2026.9.6' }, 'op'))).message).toMatch(`already in rollout ${first.id}`);
    expect(await err(() => t.service.serviceSet('a', CUSTOM))).toMatchObject({ code: 'conflict' });
    expect(t.service.list()).toHaveLength(1);
    expect(first.audit).toEqual([{ at: t.clock.now(), actor: 'op', action: 'start', serverId: null }]);
    await t.clock.advance(60 * 60_000);
    expect(t.service.detail(first.id).state).toBe('completed');
  });

  it('offers the versions the servers report and the ones running', async () => {
    const t = setup({ a: '2026.9.5', b: '2026.9.3' });
    const targets = await t.service.targets(false);
    expect(targets.versions).toEqual([
      { version: '2026.9.6', source: 'update-status' },
      { version: '2026.9.5', source: 'fleet' },
      { version: '2026.9.3', source: 'fleet' },
    ]);
    expect(targets.servers[0]).toMatchObject({ installKind: 'package', service: null, isOps: false });
  });
});
