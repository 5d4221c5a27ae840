import { describe, expect, it } from 'vitest';
import type { ServerConfig } from '../../shared/domain';
import type { GatewayLink } from '../gateway/gateway-link';
import { createMemoryLogger } from '../log';
import { createMemorySettingsBackend, SettingsStore } from '../settings/settings-store';
import type { ExecResult, SshSession } from '../ssh/ssh-session';
import { ConfigAuditService } from './config-audit-service';

const srv = (id: string, role = 'web'): ServerConfig => ({ id, name: `n-${id}`, host: 'h', sshPort: 22, sshUser: 'u', privateKeyPath: '/k', gatewayPort: 1, role, enabled: true, createdAt: 0 });
const agents = (every: string) => ({ entries: { main: { heartbeat: { every, target: 'none' } } } });
const res = (stdout: string, code = 0): ExecResult => ({ code, signal: null, stdout, stderr: '', truncated: false, timedOut: false });
const MEMORY = JSON.stringify([{ agentId: 'main', status: { dirty: true, provider: 'openai', custom: { indexIdentity: { status: 'ok' } } } }]);

function fakeSession(config: () => Record<string, unknown>, calls: string[] = []): SshSession {
  return {
    isOpen: () => true,
    close: () => {},
    forwardToLoopback: () => Promise.reject(new Error('no')),
    exec: async (argv) => {
      const cmd = argv.join(' ');
      calls.push(cmd);
      if (cmd.includes('memory status')) return res(MEMORY);
      const root = /config get (\S+) --json/.exec(cmd)?.[1];
      const value = root ? config()[root] : undefined;
      if (value === undefined) return res(JSON.stringify({ ok: false, error: { type: 'cli_error', message: `Config path is valid but unset: ${root}.` } }), 1);
      return res(JSON.stringify(value));
    },
  };
}
const fakeLink = (payload: () => unknown, calls: string[] = []) =>
  ({
    call: async (method: string) => {
      calls.push(method);
      const p = payload();
      if (p instanceof Error) throw p;
      return p;
    },
  }) as unknown as GatewayLink;

function setup() {
  const settings = new SettingsStore(createMemorySettingsBackend(), createMemoryLogger());
  const a = srv('a');
  const b = srv('b');
  settings.update((s) => ({ ...s, servers: [a, b] }));
  let now = 1_000_000;
  const changed: string[] = [];
  const svc = new ConfigAuditService({ settings, logger: createMemoryLogger(), onChange: (id) => changed.push(id), now: () => now });
  return { settings, svc, a, b, changed, tick: (ms: number) => (now += ms) };
}

describe('ConfigAuditService', () => {
  it('reads config.get over the link, sets a baseline from one server and shows drift on the other', async () => {
    const { svc, a, b, changed } = setup();
    let bEvery = '1m';
    const sessionA = fakeSession(() => ({}));
    svc.schedule({ server: a, session: sessionA, link: fakeLink(() => ({ resolved: { agents: agents('1m') } })), bin: 'openclaw', fresh: false });
    svc.schedule({ server: b, session: fakeSession(() => ({})), link: fakeLink(() => ({ resolved: { agents: agents(bEvery) } })), bin: 'openclaw', fresh: false });
    await svc.settled(['a', 'b']);
    expect(svc.audit(a).read).toMatchObject({ state: 'ok', via: 'websocket' });
    expect(svc.audit(a).memory?.agents[0]).toMatchObject({ agentId: 'main', dirty: true });
    expect(changed).toEqual(['a', 'b']);
    expect(svc.audit(b)).toMatchObject({ hasBaseline: false, rows: [] });

    const baseline = svc.setBaselineFromServer('web', a);
    expect(baseline).toMatchObject({ role: 'web', sourceServerName: 'n-a' });
    expect(changed.slice(2)).toEqual(['a', 'b']);
    expect(svc.audit(a).rows.every((r) => r.state === 'match')).toBe(true);

    bEvery = '7m';
    svc.schedule({ server: b, session: fakeSession(() => ({})), link: fakeLink(() => ({ resolved: { agents: agents(bEvery) } })), bin: 'openclaw', fresh: true });
    await svc.settled(['b']);
    expect(svc.audit(b).rows.filter((r) => r.state !== 'match')).toEqual([
      { key: 'agents.entries.main.heartbeat.every', baseline: 60_000, inBaseline: true, actual: 420_000, actualOrigin: 'set', state: 'drift', legacyKey: null },
    ]);
  });

  it('reads at its own pace: not again within the interval unless fresh', async () => {
    const { svc, a, tick } = setup();
    const rpc: string[] = [];
    const ssh: string[] = [];
    const input = { server: a, session: fakeSession(() => ({}), ssh), link: fakeLink(() => ({ resolved: {} }), rpc), bin: 'openclaw', fresh: false };
    svc.schedule(input);
    await svc.settled(['a']);
    svc.schedule(input);
    await svc.settled(['a']);
    expect(rpc).toEqual(['config.get']);
    tick(5 * 60_000);
    svc.schedule(input);
    await svc.settled(['a']);
    expect(rpc).toEqual(['config.get', 'config.get']);
    expect(ssh.filter((c) => c.includes('memory status'))).toHaveLength(1);
    svc.schedule({ ...input, fresh: true });
    await svc.settled(['a']);
    expect(rpc).toHaveLength(3);
    expect(ssh.filter((c) => c.includes('memory status'))).toHaveLength(2);
    // The gateway announced a config write: the next routine poll reads again.
    svc.markDue('a');
    svc.schedule(input);
    await svc.settled(['a']);
    expect(rpc).toHaveLength(4);
    expect(ssh.filter((c) => c.includes('memory status'))).toHaveLength(2);
  });

  it('falls back to `openclaw config get` without a link, and says why reading failed', async () => {
    const { svc, a } = setup();
    const ssh: string[] = [];
    let config: Record<string, unknown> = { agents: { ...agents('2m'), defaults: { compaction: { mode: 'safeguard' } } }, update: { channel: 'beta' } };
    svc.schedule({ server: a, session: fakeSession(() => config, ssh), link: null, linkNote: 'CLI only (set for this server)', bin: '/opt/oc/bin/openclaw', fresh: false });
    await svc.settled(['a']);
    const audit = svc.audit(a);
    expect(audit.read).toMatchObject({ state: 'ok', via: 'cli' });
    expect(audit.projection?.values['update.channel']).toEqual({ value: 'beta', origin: 'set' });
    expect(audit.projection?.values['agents.entries.main.heartbeat.every']).toEqual({ value: 120_000, origin: 'set' });
    expect(ssh.some((c) => c.includes('config get agents --json'))).toBe(true);

    config = {};
    svc.schedule({ server: a, session: fakeSession(() => config), link: null, linkNote: 'gateway token not found', bin: 'openclaw', fresh: true });
    await svc.settled(['a']);
    // Everything unset is still a readable (all-default) config.
    expect(svc.audit(a).read.state).toBe('ok');

    const broken: SshSession = { ...fakeSession(() => ({})), exec: async () => res('', 127) };
    svc.schedule({ server: a, session: broken, link: null, linkNote: 'gateway token not found', bin: 'openclaw', fresh: true });
    await svc.settled(['a']);
    expect(svc.audit(a).read).toMatchObject({ state: 'unavailable', via: 'cli' });
    expect(svc.audit(a).read.reason).toContain('not found on the server');
    expect(svc.audit(a).read.reason).toContain('gateway token not found');
    // The last good projection is kept.
    expect(svc.audit(a).projection).not.toBeNull();
  });

  it('a failing config.get is reported without its payload', async () => {
    const { svc, a } = setup();
    svc.schedule({ server: a, session: fakeSession(() => ({})), link: fakeLink(() => new Error('config.get: FORBIDDEN/MISSING_SCOPE: missing scope')), bin: 'openclaw', fresh: false });
    await svc.settled(['a']);
    expect(svc.audit(a).read).toMatchObject({ state: 'unavailable', reason: 'config.get failed: config.get: FORBIDDEN/MISSING_SCOPE: missing scope' });
  });

  it('edits a baseline from typed values and refuses bad ones per field', () => {
    const { svc } = setup();
    expect(svc.updateBaseline('web', { 'agents.defaults.compaction.mode': 'safeguard', 'agents.entries.main.heartbeat.every': '5m' }, [])).toMatchObject({
      values: { 'agents.defaults.compaction.mode': 'safeguard', 'agents.entries.main.heartbeat.every': 300_000 },
    });
    expect(svc.updateBaseline('web', { 'gateway.auth.token': 'x', 'update.auto.enabled': 'maybe' }, [])).toEqual({
      fields: { 'gateway.auth.token': 'not an audited key', 'update.auto.enabled': 'not a bool value' },
    });
    expect(svc.updateBaseline('web', {}, ['agents.defaults.compaction.mode'])).toMatchObject({ values: { 'agents.entries.main.heartbeat.every': 300_000 } });
    expect(svc.baselines().map((b) => b.role)).toEqual(['web']);
    expect(svc.removeBaseline('web')).toBe(true);
    expect(svc.removeBaseline('web')).toBe(false);
  });
});
