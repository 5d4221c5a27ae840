import { describe, expect, it, vi } from 'vitest';
import type { ServerConfig, ServerSnapshot, SessionFacts } from '../../shared/domain';
import { HealthHistory } from '../history/health-history';
import { openHistoryStore } from '../history/history-store';
import type { StoreMetaResult } from '../probes/session-store-meta';
import { ephemeralPseudonyms } from '../privacy/pseudonyms';
import { SessionHealth } from './session-health';

const MIN = 60_000;
const T0 = 1_800_000_000_000;
const server: ServerConfig = {
  id: 's1', name: 'alpha', host: 'h', sshPort: 22, sshUser: 'u', privateKeyPath: '/k', gatewayPort: 1, enabled: true, createdAt: 0,
};
const logger = { info: vi.fn(), warn: vi.fn(), error: vi.fn(), debug: vi.fn() } as never;

const session = (key: string, prompt: number | null, o: Partial<SessionFacts> = {}): SessionFacts => ({
  key, agentId: 'main', kind: 'direct', status: 'done', updatedAt: T0, inputTokens: null, outputTokens: null,
  totalTokens: prompt, totalTokensFresh: true, contextTokens: 65536, estimatedPromptTokens: prompt, contextTokenBudget: prompt === null ? null : 60000,
  shouldCompact: false, route: 'ok', hasActiveRun: false, abortedLastRun: false, ...o,
});
const snap = (at: number, sessions: SessionFacts[] | null, o: Partial<ServerSnapshot> = {}): ServerSnapshot => ({
  serverId: 's1', status: 'UP', checkedAt: at, statusSince: 0, notUpSince: null, failureStreak: 0, durationMs: 5, version: null, build: null,
  agents: [{ agentId: 'main', isDefault: true, heartbeatEnabled: true, heartbeatEveryMs: 60_000, sessionCount: sessions?.length ?? 0 }],
  gateway: null, runtime: null, sessions, heartbeats: null,
  stores: [{ agentId: 'main', era: 'sqlite', dbBytes: 1000, walBytes: 24, legacyStoreBytes: 0, transcriptBytes: 0, transcriptFiles: 0 }],
  cliVersion: null, error: null, ...o,
});
const meta = (counts: Record<string, number>, rows = 2, zero = 1): StoreMetaResult => ({
  agents: [{ agentId: 'main', era: 'sqlite', rows, zeroTokenRows: zero, compactions: new Map(Object.entries(counts)) }],
  errors: [],
});
const flush = () => new Promise((r) => setTimeout(r, 0));

function setup(readMeta: (s: ServerConfig) => Promise<StoreMetaResult>, o: { max?: number; pseudonym?: (key: string) => string } = {}) {
  const history = new HealthHistory(openHistoryStore(':memory:').db);
  return { history, health: new SessionHealth({ history, readMeta, logger, pseudonym: o.pseudonym ?? ((k) => k), maxSessionsPerServer: o.max ?? 5 }) };
}

describe('session health', () => {
  it('stores, charts and alerts on a session under its pseudonym; the real key (a client identity) stays in memory', async () => {
    const key = 'agent:main:whatsapp:direct:+15551234567';
    const pseudonyms = ephemeralPseudonyms();
    const { health, history } = setup(async () => meta({ [key]: 1 }), { pseudonym: pseudonyms.session });
    for (const [i, t] of [50000, 56000].entries()) {
      health.observe(server, snap(T0 + i * MIN, [session(key, t)]));
      await flush();
    }
    const ref = pseudonyms.session(key);
    expect(health.top('s1', 10, T0 + MIN)).toMatchObject([{ sessionKey: ref, compactionCount: 1 }]);
    expect(history.series('s1', `session:${ref}`, 'fill', T0 - MIN, T0 + 10 * MIN, T0 + 10 * MIN).points).toHaveLength(2);
    const summaries = health.conditions(server, snap(T0 + MIN, [session(key, 56000)]), T0 + MIN).map((c) => c.summary);
    expect(summaries.join('\n')).toContain(`session ${ref} context`);
    const db = history.db;
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>).map((t) => t.name);
    const everything = tables.map((t) => JSON.stringify(db.prepare(`SELECT * FROM "${t}"`).all())).join('\n');
    expect(everything + summaries.join('\n')).not.toContain('5551234567');
    expect(health.realKeys('s1').get(ref)).toBe(key);
  });

  it('records growth, marks the compaction at the drop and confirms it with the count read from the store', async () => {
    const counts: Record<string, number> = { 'agent:main:main': 0 };
    const readMeta = vi.fn(async () => meta({ ...counts }));
    const { health, history } = setup(readMeta);
    const tokens = [15000, 30000, 45000, 51000, 22000];
    for (const [i, t] of tokens.entries()) {
      if (i === 4) counts['agent:main:main'] = 1;
      health.observe(server, snap(T0 + i * MIN, [session('agent:main:main', t), session('agent:main:idle', 0)]));
      await flush();
    }
    const fill = history.series('s1', 'session:agent:main:main', 'fill', T0 - MIN, T0 + 10 * MIN, T0 + 10 * MIN);
    expect(fill.points.map((p) => Math.round(p.avg * 100))).toEqual([25, 50, 75, 85, 37]);
    expect(history.compactions('s1', 'agent:main:main', T0, T0 + 10 * MIN)).toEqual([
      { t: T0 + 4 * MIN, sessionKey: 'agent:main:main', count: 1, fillBefore: 0.85, fillAfter: 22000 / 60000 },
    ]);
    // Read once at start, then again only because the context shrank.
    expect(readMeta).toHaveBeenCalledTimes(2);
    // A zero-token session is not charted.
    expect(history.series('s1', 'session:agent:main:idle', 'fill', T0, T0 + 10 * MIN, T0 + 10 * MIN).points).toEqual([]);
    const [agent] = health.agents('s1');
    expect(agent).toMatchObject({ agentId: 'main', rows: 2, zeroTokenRows: 1, storeBytes: 1024, maxFill: 22000 / 60000 });
    const [top] = health.top('s1', 10, T0 + 4 * MIN);
    expect(top).toMatchObject({ sessionKey: 'agent:main:main', compactionCount: 1, shouldCompact: false });
  });

  it('waits for a late count (the compaction lands after the turn returns), and drops a fill drop that was no compaction', async () => {
    const counts: Record<string, number> = { a: 0, b: 0 };
    const { health, history } = setup(async () => meta({ ...counts }));
    const at = (i: number) => T0 + i * MIN;
    const observe = async (i: number, a: number, b: number) => {
      health.observe(server, snap(at(i), [session('a', a), session('b', b)]));
      await flush();
    };
    await observe(0, 48000, 48000);
    await observe(1, 30000, 30000); // both drop; the store still says 0 for both
    counts.a = 1; // a's compaction is written just after
    await observe(2, 30500, 30500); // still re-read because of the unconfirmed drops
    expect(history.compactions('s1', 'a', 0, at(99)).map((m) => [m.t, m.count])).toEqual([[at(1), 1]]);
    expect(history.compactions('s1', 'b', 0, at(99)).map((m) => m.count)).toEqual([null]);
    await observe(20, 31000, 31000); // b's drop is old now and the count never moved: not a compaction
    expect(history.compactions('s1', 'b', 0, at(99))).toEqual([]);
    expect(history.compactions('s1', 'a', 0, at(99))).toHaveLength(1);
  });

  it('moves a compaction the store showed before the fill fell to the drop, and names the agent from the key', async () => {
    const counts: Record<string, number> = {};
    const { health, history } = setup(async () => meta({ ...counts }));
    const at = (i: number) => T0 + i * MIN;
    const observe = async (i: number, tokens: number, o: Partial<SessionFacts> = {}) => {
      health.observe(server, snap(at(i), [session('agent:main:x', tokens, { agentId: null, ...o })]));
      await flush();
    };
    await observe(0, 40000);
    counts['agent:main:x'] = 1; // written at the end of the turn, while the estimate still reads high
    await observe(1, 60000, { shouldCompact: true });
    expect(history.compactions('s1', 'agent:main:x', 0, at(99)).map((m) => [m.t, m.count])).toEqual([[at(1), 1]]);
    await observe(2, 24000);
    expect(history.compactions('s1', 'agent:main:x', 0, at(99))).toEqual([{ t: at(2), sessionKey: 'agent:main:x', count: 1, fillBefore: 1, fillAfter: 0.4 }]);
    expect(health.top('s1', 5, at(2))[0]).toMatchObject({ agentId: 'main', compactionCount: 1 });
  });

  it('ignores repeated (cached) session facts and servers that are not UP, leaving gaps', async () => {
    const { health, history } = setup(async () => meta({}));
    const sessions = [session('k', 30000)];
    health.observe(server, snap(T0, sessions));
    health.observe(server, snap(T0 + MIN, sessions)); // same array: a liveness poll, not a fresh RPC result
    health.observe(server, snap(T0 + 2 * MIN, [session('k', 31000)], { status: 'DOWN' }));
    health.observe(server, snap(T0 + 3 * MIN, null));
    await flush();
    expect(history.raw('s1', 'session:k', 'fill', 0)).toHaveLength(1);
  });

  it('raises compaction-stuck after three fresh polls with a compaction due and none happening', async () => {
    const { health } = setup(async () => meta({ k: 0 }));
    const now = (i: number) => T0 + i * MIN;
    for (let i = 0; i < 3; i++) {
      health.observe(server, snap(now(i), [session('k', 58000, { shouldCompact: true, route: 'compact' })]));
      await flush();
      const rules = health.conditions(server, snap(now(i), []), now(i)).map((c) => c.rule);
      expect(rules.includes('compaction-stuck')).toBe(i === 2);
      expect(rules).toContain('session-fill-high');
    }
    const stuck = health.conditions(server, snap(now(2), []), now(2)).find((c) => c.rule === 'compaction-stuck')!;
    expect(stuck).toMatchObject({ severity: 'critical', agentId: 'main' });
    expect(stuck.summary).toBe('alpha/main: session k needs compaction for 3 polls but none happened (context 97 %)');
  });

  it('keeps at most N sessions per server, compaction-due ones first', () => {
    const { health } = setup(async () => meta({}));
    const many = Array.from({ length: 20 }, (_, i) => session(`s${i}`, 1000 * (i + 1)));
    many.push(session('due', 500, { shouldCompact: true }));
    health.observe(server, snap(T0, many));
    const top = health.top('s1', 100, T0);
    expect(top).toHaveLength(5);
    expect(top.map((r) => r.sessionKey).sort()).toEqual(['due', 's16', 's17', 's18', 's19']);
  });

  it('keeps working when the store cannot be read, and says why', async () => {
    const { health } = setup(async () => {
      throw new Error('store metadata: no node on the server');
    });
    health.observe(server, snap(T0, [session('k', 1000)]));
    await flush();
    health.observe(server, snap(T0 + MIN, [session('k', 2000)]));
    expect(health.agents('s1')[0]).toMatchObject({ rows: 1, metaReadAt: null, metaError: 'store metadata: no node on the server' });
    expect(health.top('s1', 10, T0 + MIN)[0]!.compactionCount).toBeNull();
  });
  it('charts an idle session again only every 10 minutes, and a changed one at once', async () => {
    const { health, history } = setup(async () => meta({}));
    for (let i = 0; i <= 12; i++) {
      // A fresh sessions.list every minute (a new array), the value unchanged until minute 12.
      health.observe(server, snap(T0 + i * MIN, [session('agent:main:main', i === 12 ? 40000 : 30000)]));
      await flush();
    }
    const fill = history.series('s1', 'session:agent:main:main', 'fill', T0 - MIN, T0 + 20 * MIN, T0 + 20 * MIN);
    expect(fill.points.map((p) => (p.t - T0) / MIN)).toEqual([0, 10, 12]);
  });
});
