// The server registry: lifecycle hooks reach every registered resource (one call releases all), the
// per-server mutex refuses a second action at once, maintenance windows end by themselves.
import { describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../log';
import { createMemorySettingsBackend, SettingsStore } from '../settings/settings-store';
import { MaintenanceWindows } from './maintenance';
import { LocalServerMutex, MutexBusyError } from './server-mutex';
import { ServerRegistry } from './server-registry';

const input = { name: 'a', host: '10.0.0.1', sshPort: 22, sshUser: 'oc', privateKeyPath: '/k', gatewayPort: 18789 };

function registry() {
  const calls: string[] = [];
  const r = new ServerRegistry({ settings: new SettingsStore(createMemorySettingsBackend(), createMemoryLogger()), logger: createMemoryLogger() });
  r.register({
    name: 'probe',
    added: (s) => calls.push(`added ${s.name}`),
    reset: () => calls.push('reset'),
    paused: () => calls.push('paused'),
    changed: (s, prev) => calls.push(`changed ${prev.name}→${s.name}`),
    release: () => calls.push('release'),
  });
  r.register({
    name: 'broken',
    release: () => {
      throw new Error('cannot let go');
    },
  });
  r.register({ name: 'after-broken', release: () => calls.push('release after broken') });
  return { r, calls };
}

describe('server registry', () => {
  it('drives every resource through add, edit, pause and remove; one failing resource does not stop the others', () => {
    const { r, calls } = registry();
    const s = r.add(input);
    r.scope(s.id).openclawPath = '/opt/openclaw';
    r.reconfigure(s.id, { name: 'b' });
    expect(r.scope(s.id).openclawPath).toBeUndefined(); // per-server state made with old settings is gone
    r.reconfigure(s.id, { enabled: false });
    r.remove(s.id);
    expect(calls).toEqual(['added a', 'reset', 'changed a→b', 'reset', 'paused', 'changed b→b', 'release', 'release after broken']);
    expect(r.list()).toEqual([]);
    expect(() => r.require(s.id)).toThrow(/No server/);
  });

  it('refuses a second server on the same endpoint and a key-less non-agent server, naming the field', () => {
    const { r } = registry();
    r.add(input);
    expect(() => r.add({ ...input, name: 'twin' })).toThrow(expect.objectContaining({ code: 'conflict', fields: { host: 'already watched' } }));
    expect(() => r.add({ ...input, sshPort: 2222, privateKeyPath: '' })).toThrow(expect.objectContaining({ fields: { privateKeyPath: 'required' } }));
  });

  it('counts a maintenance window or the server flag as maintenance', () => {
    let now = 1_000;
    const r = new ServerRegistry({ settings: new SettingsStore(createMemorySettingsBackend(), createMemoryLogger()), logger: createMemoryLogger(), now: () => now });
    const s = r.add(input);
    expect(r.inMaintenance(s)).toBe(false);
    r.maintenance.begin(s.id, 'update to 2026.9.7', 2_000);
    expect(r.inMaintenance(s)).toBe(true);
    now = 2_000;
    expect(r.inMaintenance(s)).toBe(false);
    expect(r.inMaintenance({ ...s, maintenance: true })).toBe(true);
  });
});

describe('server mutex', () => {
  it('refuses a second action on one server at once, naming the holder, and frees the lock after', async () => {
    const mutex = new LocalServerMutex();
    let release!: () => void;
    const update = mutex.run('s1', 'update to 2026.9.7', () => new Promise<string>((r) => (release = () => r('done'))));
    expect(mutex.holder('s1')).toBe('update to 2026.9.7');
    await expect(mutex.run('s1', 'restart', async () => 'x')).rejects.toThrow(MutexBusyError);
    await expect(mutex.run('s1', 'restart', async () => 'x')).rejects.toThrow(/update to 2026\.9\.7/);
    // Another server is not affected.
    await expect(mutex.run('s2', 'restart', async () => 'other')).resolves.toBe('other');
    release();
    await expect(update).resolves.toBe('done');
    expect(mutex.holder('s1')).toBeNull();
    await expect(mutex.run('s1', 'cleanup', async () => {
      throw new Error('failed');
    })).rejects.toThrow('failed');
    expect(mutex.holder('s1')).toBeNull();
  });
});

describe('maintenance windows', () => {
  it('open with an end in the future, tell on open and early close, and end by themselves', () => {
    let now = 0;
    const told: string[] = [];
    const w = new MaintenanceWindows((id) => told.push(id), () => now);
    expect(() => w.begin('s1', 'x', 0)).toThrow(RangeError);
    w.begin('s1', 'planned update', 60_000);
    expect(w.active('s1')).toMatchObject({ reason: 'planned update', untilMs: 60_000 });
    expect(w.end('s1')).toBe(true);
    expect(w.end('s1')).toBe(false);
    w.begin('s2', 'cleanup', 10);
    now = 10;
    expect(w.list()).toEqual([]);
    expect(told).toEqual(['s1', 's1', 's2']);
  });
});
