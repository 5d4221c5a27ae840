import { describe, expect, it } from 'vitest';
import type { ServerConfig, ServerSnapshot } from '../../shared/domain';
import type { AgentLatest, SessionLatest } from '../history/health-history';
import { DEFAULT_SESSION_LIMITS, evaluateSessionConditions } from './session-rules';

const server = { id: 's1', name: 'alpha', enabled: true } as ServerConfig;
const up = { status: 'UP' } as ServerSnapshot;
const row = (key: string, agentId: string, fill: number | null, o: Partial<SessionLatest> = {}): SessionLatest => ({
  serverId: 's1', sessionKey: key, agentId, ts: 0, fill, promptTokens: null, budgetTokens: null, shouldCompact: false, compactPolls: 0,
  compactionCount: null, route: null, status: null, activeRunSince: null, abortedLastRun: false, ...o,
});
const agent = (agentId: string, o: Partial<AgentLatest> = {}): AgentLatest => ({
  serverId: 's1', agentId, ts: 0, rows: 10, zeroTokenRows: 0, storeBytes: 1000, maxFill: null, metaReadAt: null, metaError: null, ...o,
});
const run = (sessions: SessionLatest[], agents: AgentLatest[] = [], growth: Array<[string, number]> = [], snapshot = up) =>
  evaluateSessionConditions(server, snapshot, { sessions, agents, zeroRowGrowth: new Map(growth) });

describe('session rules', () => {
  it('warns once per agent for sessions above the fill threshold, naming the worst', () => {
    const c = run([row('a', 'main', 0.86), row('b', 'main', 0.93), row('c', 'main', 0.5), row('d', 'ops', 0.84)]);
    expect(c).toEqual([
      { rule: 'session-fill-high', severity: 'warning', agentId: 'main', inhibitable: true, summary: 'alpha/main: session b context 93 % full (+1 more)' },
    ]);
  });

  it('flags a compaction due for N polls as stuck, not one due for fewer', () => {
    expect(run([row('a', 'main', 0.7, { shouldCompact: true, compactPolls: 2 })])).toEqual([]);
    const [c] = run([row('a', 'main', 0.7, { shouldCompact: true, compactPolls: DEFAULT_SESSION_LIMITS.stuckPolls })]);
    expect(c).toMatchObject({ rule: 'compaction-stuck', severity: 'critical', agentId: 'main' });
  });

  it('a session due for compaction whose last run failed is stuck on the first poll that shows it', () => {
    // Lab (llm badsummary + bloat): route compact_only, shouldCompact, and the turn failed
    // ("Preflight compaction required but failed"): sessions.list says status "failed".
    const first = { shouldCompact: true, compactPolls: 1, route: 'compact_only' };
    expect(run([row('a', 'ops', 0.8, { ...first, status: 'failed' })])).toEqual([
      { rule: 'compaction-stuck', severity: 'critical', agentId: 'ops', inhibitable: true, summary: 'alpha/ops: session a needs compaction and its last run failed (context 80 %)' },
    ]);
    expect(run([row('a', 'ops', 0.8, { ...first, status: 'timeout' })])[0]!.summary).toContain('its last run timed out');
    // Due but the last run went fine (compaction may well happen on the next turn): not yet.
    expect(run([row('a', 'ops', 0.8, { ...first, status: 'done' })])).toEqual([]);
    // A failed run with no compaction due is another rule's business (agent-runs-failing).
    expect(run([row('a', 'ops', 0.5, { status: 'failed' })])).toEqual([]);
  });

  it('warns when an agent store nears maxEntries or maxDiskBytes', () => {
    expect(run([], [agent('main', { rows: 4499 })])).toEqual([]);
    const [c] = run([], [agent('main', { rows: 4500, storeBytes: 9 * 1024 ** 3 })]);
    expect(c).toMatchObject({ rule: 'session-store-near-limit', agentId: 'main' });
    expect(c!.summary).toBe('alpha/main: 4500 of 5000 session rows, store 9216 MB of 10240 MB');
  });

  it('warns about zero-token rows piling up (zombie growth), not about a stable count', () => {
    expect(run([], [agent('main', { zeroTokenRows: 900 })], [['main', 10]])).toEqual([]);
    const [c] = run([], [agent('main', { zeroTokenRows: 900 })], [['main', 250]]);
    expect(c).toMatchObject({ rule: 'zombie-sessions-growing', summary: 'alpha/main: 250 zero-token session rows added in 6 h (900 now)' });
  });

  it('says nothing for a server that is not UP', () => {
    expect(run([row('a', 'main', 0.99)], [], [], { status: 'DOWN' } as ServerSnapshot)).toEqual([]);
  });
});
