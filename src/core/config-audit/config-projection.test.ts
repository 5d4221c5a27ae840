import { describe, expect, it } from 'vitest';
import { projectConfig, projectConfigGet } from './config-projection';

// Shaped like config.get on 2026.9.6 (observed on the e2e fleet): resolved = authored, config = with defaults.
const authored = {
  gateway: { mode: 'local', auth: { mode: 'token', token: '__OPENCLAW_REDACTED__' } },
  update: { checkOnStart: false },
  agents: {
    ownership: 'explicit',
    defaults: { model: { primary: 'fake/fake-model' }, systemAgent: { agentId: 'main' } },
    entries: {
      main: { workspace: '/w/main', heartbeat: { every: '1m', target: 'none', prompt: 'SECRET PROMPT TEXT' } },
      ops: { workspace: '/w/ops', heartbeat: { every: '1m', target: 'none' } },
    },
  },
};
const effective = { ...authored, agents: { ...authored.agents, defaults: { ...authored.agents.defaults, compaction: { mode: 'safeguard' } } } };

describe('projectConfigGet', () => {
  const p = projectConfigGet({ raw: '{"token":"x"}', resolved: authored, config: effective, legacyIssues: [], configRevisionHash: 'hmac-sha256:v1:a', appliedConfigHash: 'hmac-sha256:v1:a' });

  it('keeps allowlisted keys only: no tokens, prompts, workspaces or raw text', () => {
    const text = JSON.stringify(p);
    for (const secret of ['REDACTED', 'SECRET PROMPT', '/w/main', 'fake-model', 'token', 'hmac']) expect(text).not.toContain(secret);
    expect(Object.keys(p.values).every((k) => /^(memory|session|agents|update)\./.test(k))).toBe(true);
  });

  it('normalises durations and says where each value came from', () => {
    expect(p.values['agents.entries.main.heartbeat.every']).toEqual({ value: 60_000, origin: 'set' });
    expect(p.values['agents.entries.main.heartbeat.target']).toEqual({ value: 'none', origin: 'set' });
    expect(p.values['update.checkOnStart']).toEqual({ value: false, origin: 'set' });
    // Materialised by OpenClaw in `config`, not written by the operator.
    expect(p.values['agents.defaults.compaction.mode']).toEqual({ value: 'safeguard', origin: 'default' });
    // Documented defaults fill the rest, so unset == default.
    expect(p.values['session.maintenance.maxDiskBytes']).toEqual({ value: 10 * 1024 ** 3, origin: 'default' });
    expect(p.values['agents.defaults.heartbeat.every']).toEqual({ value: 1_800_000, origin: 'default' });
    expect(p.values['memory.search.provider']).toEqual({ value: 'openai', origin: 'default' });
    expect(p.values['agents.entries.ops.heartbeat.enabled']).toEqual({ value: true, origin: 'set' });
    expect(p.restartPending).toBe(false);
    expect(p.legacyKeys).toEqual([]);
  });

  it('compares "30m", "1800s" and 1800000 equal, and per-agent values inherit agents.defaults', () => {
    const a = projectConfig({ authored: { agents: { defaults: { heartbeat: { every: '1800s' } }, entries: { main: {} } } } });
    const b = projectConfig({ authored: { agents: { defaults: { heartbeat: { every: '30m' } }, entries: { main: {} } } } });
    expect(a.values['agents.defaults.heartbeat.every']!.value).toBe(b.values['agents.defaults.heartbeat.every']!.value);
    expect(a.values['agents.entries.main.heartbeat.every']).toEqual({ value: 1_800_000, origin: 'inherited' });
  });

  it('an agent without a heartbeat block does not run heartbeats when another has one', () => {
    const p2 = projectConfig({ authored: { agents: { entries: { main: { heartbeat: { every: '5m' } }, quiet: {} } } } });
    expect(p2.values['agents.entries.quiet.heartbeat.enabled']).toEqual({ value: false, origin: 'set' });
    expect(p2.values['agents.entries.main.heartbeat.enabled']!.value).toBe(true);
  });

  it('flags a pending restart when the saved config is not the applied one', () => {
    expect(projectConfigGet({ resolved: {}, configRevisionHash: 'h:1', appliedConfigHash: 'h:2' }).restartPending).toBe(true);
    expect(projectConfigGet({ resolved: {} }).restartPending).toBeNull();
  });
});

describe('legacy keys', () => {
  const p = projectConfig({
    authored: {
      agents: { list: [{ id: 'main', default: true, heartbeat: { every: '15m' }, memorySearch: { provider: 'gemini' } }] },
      memorySearch: { provider: 'auto', model: 'text-embedding-3-small', store: { path: '~/.openclaw/memory/main.sqlite' } },
      heartbeat: { every: '45m' },
      session: { idleMinutes: 60 },
    },
    legacyIssues: [{ path: 'memorySearch', message: 'moved to memory.search' }, { path: '<img src=x>' }],
  });

  it('reads values from legacy keys and says which key they came from', () => {
    expect(p.values['memory.search.provider']).toEqual({ value: 'openai', origin: 'legacy', legacyKey: 'memorySearch.provider' });
    expect(p.values['agents.defaults.heartbeat.every']).toEqual({ value: 2_700_000, origin: 'legacy', legacyKey: 'heartbeat.every' });
    expect(p.values['session.reset.idleMinutes']).toEqual({ value: 60, origin: 'legacy', legacyKey: 'session.idleMinutes' });
    expect(p.values['agents.entries.main.heartbeat.every']).toEqual({ value: 900_000, origin: 'legacy', legacyKey: 'agents.list' });
    expect(p.values['agents.entries.main.memory.search.provider']).toEqual({ value: 'gemini', origin: 'legacy', legacyKey: 'agents.list' });
  });

  it('lists the legacy keys present (and OpenClaw-reported paths that look like paths)', () => {
    expect(p.legacyKeys).toEqual(['agents.list', 'heartbeat', 'memorySearch', 'memorySearch.store.path', 'session.idleMinutes']);
    expect(JSON.stringify(p)).not.toContain('main.sqlite');
  });
});

describe('hostile and malformed input', () => {
  it('never throws, records problems without echoing values, and drops bad agent ids', () => {
    const hostile = {
      agents: {
        defaults: { heartbeat: { every: '<script>alert(1)</script>', activeHours: { start: '25:99' } }, compaction: { mode: { $gt: '' }, timeoutSeconds: -5, keepRecentTokens: 1e300 } },
        entries: { '../../etc': { heartbeat: { every: '1m' } }, ['a'.repeat(200)]: {}, '<b>x</b>': {}, ok: { heartbeat: { every: '9e999h' } } },
      },
      session: { maintenance: { maxEntries: '5000', pruneAfter: '30d', maxDiskBytes: false, highWaterBytes: '150%' } },
      memory: { search: { sources: ['sessions', 'memory', 'sessions'], model: 'm\u0000\u202eodel' + 'x'.repeat(500) } },
    };
    for (const input of [hostile, null, 42, 'text', [], { agents: { entries: [] } }, { agents: { list: 'nope' } }]) expect(() => projectConfig({ authored: input })).not.toThrow();
    const p = projectConfig({ authored: hostile });
    expect(Object.keys(p.values).filter((k) => k.startsWith('agents.entries.')).every((k) => k.startsWith('agents.entries.ok.'))).toBe(true);
    expect(p.values['agents.defaults.heartbeat.every']!.value).toBeNull();
    expect(p.values['agents.entries.ok.heartbeat.every']!.value).toBeNull();
    expect(p.values['session.maintenance.maxEntries']!.value).toBeNull();
    expect(p.values['session.maintenance.pruneAfter']!.value).toBe(30 * 86_400_000);
    expect(p.values['session.maintenance.maxDiskBytes']!.value).toBe(0);
    expect(p.values['memory.search.sources']!.value).toBe('memory,sessions');
    const model = p.values['memory.search.model']!.value as string;
    expect(model.length).toBeLessThanOrEqual(128);
    expect(model).not.toMatch(/[\u0000\u202e]/);
    expect(p.problems.join('\n')).not.toContain('script');
    expect(p.problems).toContain('agents.defaults.heartbeat.every: not a valid duration value');
  });

  it('ignores a __proto__ key in the config', () => {
    const p = projectConfig({ authored: JSON.parse('{"__proto__": {"polluted": 1}, "agents": {"entries": {"__proto__": {"heartbeat": {"every": "1m"}}}}}') });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(p.values['agents.entries.__proto__.heartbeat.every']?.value).toBe(60_000);
  });
});
