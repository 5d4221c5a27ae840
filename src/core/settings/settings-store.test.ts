import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMemoryLogger } from '../log';
import { createConfBackend } from './conf-backend';
import { createMemorySettingsBackend, SettingsStore } from './settings-store';

const server = {
  id: 'a1',
  name: 'ops',
  host: '10.0.0.5',
  sshPort: 22,
  sshUser: 'oc',
  privateKeyPath: '/k',
  gatewayPort: 18789,
  enabled: true,
  createdAt: 1,
};

describe('SettingsStore', () => {
  it('starts from defaults on an empty backend', () => {
    const s = new SettingsStore(createMemorySettingsBackend(), createMemoryLogger());
    expect(s.get()).toEqual({ servers: [], pollIntervalMs: 15000, knownHostsPath: null, webhooks: [], email: null, configBaselines: {} });
  });

  it('persists updates through the backend', () => {
    const backend = createMemorySettingsBackend();
    new SettingsStore(backend, createMemoryLogger()).update((x) => ({ ...x, servers: [server] }));
    expect(new SettingsStore(backend, createMemoryLogger()).get().servers).toEqual([server]);
  });

  it('refuses to write an invalid server', () => {
    const s = new SettingsStore(createMemorySettingsBackend(), createMemoryLogger());
    expect(() => s.update((x) => ({ ...x, servers: [{ ...server, sshPort: -1 }] }))).toThrow();
    expect(s.get().servers).toEqual([]);
  });

  it('sets aside an invalid document instead of losing it', () => {
    const backend = createMemorySettingsBackend({ schemaVersion: 99, servers: 'nope' });
    const logger = createMemoryLogger();
    const s = new SettingsStore(backend, logger);
    expect(s.get().servers).toEqual([]);
    expect(backend.asides).toEqual([{ schemaVersion: 99, servers: 'nope' }]);
    expect(logger.lines.some((l) => l.level === 'error')).toBe(true);
  });

  it('keeps valid servers and sets aside only the broken entry', () => {
    const broken = { ...server, id: 'b', host: 'bad host!' };
    const backend = createMemorySettingsBackend({ schemaVersion: 1, servers: [server, broken], pollIntervalMs: 5000, knownHostsPath: null });
    const s = new SettingsStore(backend, createMemoryLogger());
    expect(s.get().servers.map((x) => x.id)).toEqual(['a1']);
    expect(s.get().pollIntervalMs).toBe(5000);
    expect(backend.asides).toEqual([broken]);
  });
});

describe('conf backend', () => {
  it('round-trips through a real settings file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ym-conf-'));
    new SettingsStore(createConfBackend(dir, createMemoryLogger()), createMemoryLogger()).update((x) => ({ ...x, servers: [server] }));
    expect(JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')).servers[0].name).toBe('ops');
    expect(new SettingsStore(createConfBackend(dir, createMemoryLogger()), createMemoryLogger()).get().servers).toEqual([server]);
  });

  it('moves an unparseable file aside and starts fresh', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ym-conf-'));
    writeFileSync(join(dir, 'settings.json'), '{ this is not json');
    const s = new SettingsStore(createConfBackend(dir, createMemoryLogger()), createMemoryLogger());
    expect(s.get().servers).toEqual([]);
    const kept = readdirSync(dir).find((f) => f.startsWith('settings.unreadable-'));
    expect(kept).toBeDefined();
    expect(readFileSync(join(dir, kept!), 'utf8')).toBe('{ this is not json');
  });
});

describe('SettingsStore config baselines', () => {
  const baseline = { role: 'general', values: { 'agents.defaults.compaction.mode': 'safeguard', 'session.maintenance.maxEntries': 5000 }, sourceServerId: 'a1', sourceServerName: 'ops', updatedAt: 5 };

  it('reads a settings file written before baselines existed', () => {
    const s = new SettingsStore(createMemorySettingsBackend({ schemaVersion: 1, servers: [server], pollIntervalMs: 15000, knownHostsPath: null }), createMemoryLogger());
    expect(s.get().configBaselines).toEqual({});
    expect(s.get().servers).toHaveLength(1);
  });

  it('keeps baselines across a restart', () => {
    const backend = createMemorySettingsBackend();
    new SettingsStore(backend, createMemoryLogger()).update((x) => ({ ...x, configBaselines: { general: baseline } }));
    expect(new SettingsStore(backend, createMemoryLogger()).get().configBaselines).toEqual({ general: baseline });
  });

  it('sets aside one invalid baseline and keeps the rest of the file', () => {
    const backend = createMemorySettingsBackend({
      schemaVersion: 1,
      servers: [server],
      pollIntervalMs: 15000,
      knownHostsPath: null,
      configBaselines: { general: baseline, web: { role: 'web', values: { k: { nested: true } } }, __proto__x: { ...baseline, role: '__proto__x' } },
    });
    const s = new SettingsStore(backend, createMemoryLogger());
    expect(Object.keys(s.get().configBaselines)).toEqual(['general']);
    expect(s.get().servers).toHaveLength(1);
    expect(backend.asides).toHaveLength(2);
  });
});
