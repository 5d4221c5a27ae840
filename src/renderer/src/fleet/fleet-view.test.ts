import { describe, expect, it } from 'vitest';
import type { HeartbeatJob, ServerView, SessionFacts } from '../../../shared/domain';
import { contextFill, filterChoices, filterRows, majorityVersion, sortRows, toCsv, toRows, worstHeartbeat, type FleetRow } from './fleet-view';

const row = (over: Partial<FleetRow>): FleetRow => ({
  id: over.name ?? 'x',
  name: 'x',
  status: 'UP',
  role: 'general',
  tags: [],
  host: 'h',
  version: '2026.9.6',
  agents: 2,
  sessions: 1,
  worstFill: null,
  heartbeat: null,
  rssBytes: null,
  lastCheck: null,
  error: null,
  ...over,
});

describe('fleet view model', () => {
  const rows = [
    row({ name: 'web-10', status: 'UP', role: 'development', version: '2026.9.6', tags: ['eu'] }),
    row({ name: 'web-9', status: 'DOWN', role: 'communications', version: '2026.9.5' }),
    row({ name: 'ops', status: 'PENDING', role: 'ops', version: null }),
  ];

  it('sorts worst status first, numbers naturally, nulls last', () => {
    expect(sortRows(rows, 'status', 'asc').map((r) => r.name)).toEqual(['web-9', 'ops', 'web-10']);
    expect(sortRows(rows, 'name', 'asc').map((r) => r.name)).toEqual(['ops', 'web-9', 'web-10']);
    expect(sortRows(rows, 'version', 'desc').map((r) => r.name)).toEqual(['web-10', 'web-9', 'ops']);
  });

  it('filters by status, role and a search over name, host, role, version and tags', () => {
    expect(filterRows(rows, { search: '', status: 'DOWN', role: '' }).map((r) => r.name)).toEqual(['web-9']);
    expect(filterRows(rows, { search: 'EU', status: '', role: '' }).map((r) => r.name)).toEqual(['web-10']);
    expect(filterRows(rows, { search: '9.5', status: '', role: '' }).map((r) => r.name)).toEqual(['web-9']);
    expect(filterRows(rows, { search: '', status: '', role: 'ops' }).map((r) => r.name)).toEqual(['ops']);
  });

  it('finds the majority version (ties go to the newest)', () => {
    expect(majorityVersion(rows)).toBe('2026.9.6');
    expect(majorityVersion([...rows, row({ name: 'b', version: '2026.9.5' })])).toBe('2026.9.5');
    expect(majorityVersion([])).toBeNull();
  });

  it('writes CSV that survives commas, quotes, newlines and spreadsheet formulas', () => {
    const csv = toCsv([row({ name: '=HYPERLINK("x")', error: 'a, "b"\nc', tags: ['eu', 'prod'] })]);
    const [header, line] = csv.trimEnd().split('\r\n');
    expect(header).toBe(
      'name,status,role,tags,host,version,agents,sessions,worst_context_fill,rss_mb,last_check,problem,heartbeat_agent,heartbeat_last_run,heartbeat_every_s,heartbeat_overdue',
    );
    expect(line).toBe(`"'=HYPERLINK(""x"")",UP,general,eu prod,h,2026.9.6,2,1,,,,"a, ""b""\nc",,,,`);
  });

  it('exports the new columns, formula-safe (an agent id starting with @ or -)', () => {
    const csv = toCsv([
      row({ name: 'a', worstFill: 0.4567, rssBytes: 300 * 1048576, heartbeat: { agentId: '@ops', lastRunAtMs: 0, everyMs: 60_000, lateness: 3, overdue: true } }),
    ]);
    expect(csv.trimEnd().split('\r\n')[1]).toBe("a,UP,general,,h,2026.9.6,2,1,0.457,300,,,'@ops,1970-01-01T00:00:00.000Z,60,true");
  });

  it('filters by exact tag and version, and offers the distinct choices', () => {
    expect(filterRows(rows, { search: '', status: '', role: '', tag: 'eu' }).map((r) => r.name)).toEqual(['web-10']);
    expect(filterRows(rows, { search: '', status: '', role: '', version: '2026.9.5' }).map((r) => r.name)).toEqual(['web-9']);
    expect(filterRows(rows, { search: '', status: '', role: '', tag: 'e' })).toEqual([]); // exact, not a substring
    expect(filterChoices(rows)).toEqual({ roles: ['communications', 'development', 'ops'], tags: ['eu'], versions: ['2026.9.5', '2026.9.6'] });
  });
});

const job = (over: Partial<HeartbeatJob>): HeartbeatJob => ({
  agentId: 'main',
  enabled: true,
  everyMs: 60_000,
  lastRunAtMs: null,
  nextRunAtMs: null,
  runningAtMs: null,
  lastRunStatus: 'ok',
  consecutiveErrors: 0,
  lastRunErrorKind: null,
  lastErrorReason: null,
  consecutiveSkipped: 0,
  ...over,
});

const session = (over: Partial<SessionFacts>): SessionFacts => ({
  key: 'k',
  agentId: 'main',
  kind: null,
  status: null,
  updatedAt: null,
  inputTokens: null,
  outputTokens: null,
  totalTokens: null,
  totalTokensFresh: null,
  contextTokens: null,
  estimatedPromptTokens: null,
  contextTokenBudget: null,
  shouldCompact: null,
  route: null,
  hasActiveRun: null,
  abortedLastRun: null,
  ...over,
});

describe('derived columns', () => {
  const now = 10_000_000;

  it('heartbeat freshness: the worst agent, overdue past 2× its cadence, never-run and disabled jobs ranked last', () => {
    expect(worstHeartbeat(null, now)).toBeNull();
    const jobs = [
      job({ agentId: 'fresh', lastRunAtMs: now - 30_000 }),
      job({ agentId: 'late', lastRunAtMs: now - 150_000 }),
      job({ agentId: 'never', lastRunAtMs: null }),
      job({ agentId: 'off', enabled: false, lastRunAtMs: 0 }),
    ];
    expect(worstHeartbeat(jobs, now)).toEqual({ agentId: 'late', lastRunAtMs: now - 150_000, everyMs: 60_000, lateness: 2.5, overdue: true });
    // Exactly 2× is not yet overdue.
    expect(worstHeartbeat([job({ lastRunAtMs: now - 120_000 })], now)?.overdue).toBe(false);
    expect(worstHeartbeat([job({ agentId: 'never' }), job({ agentId: 'off', enabled: false })], now)).toMatchObject({ agentId: 'never', lateness: null, overdue: false });
  });

  it('context fill: the prompt estimate over its budget; totalTokens/contextTokens only when fresh', () => {
    expect(contextFill(session({ estimatedPromptTokens: 500, contextTokenBudget: 1000, totalTokens: 900, totalTokensFresh: true, contextTokens: 1000 }))).toBe(0.5);
    expect(contextFill(session({ totalTokens: 900, totalTokensFresh: true, contextTokens: 1000 }))).toBe(0.9);
    expect(contextFill(session({ totalTokens: 900, totalTokensFresh: false, contextTokens: 1000 }))).toBeNull();
    expect(contextFill(session({ totalTokens: 900, totalTokensFresh: null, contextTokens: 1000 }))).toBeNull();
    expect(contextFill(session({ estimatedPromptTokens: 5, contextTokenBudget: 0 }))).toBeNull();
  });

  it('rows carry sessions, worst fill, worst heartbeat, RSS and the error text from a snapshot', () => {
    const view: ServerView = {
      config: { id: 'a', name: 'a', host: 'h', sshPort: 22, sshUser: 'u', privateKeyPath: '/k', gatewayPort: 1, enabled: true, createdAt: 0, tags: ['eu'] },
      snapshot: {
        serverId: 'a', status: 'UP', checkedAt: now - 5_000, statusSince: 0, notUpSince: null, failureStreak: 0, durationMs: 1, version: '2026.9.6', build: null,
        agents: [{ agentId: 'main', isDefault: true, heartbeatEnabled: true, heartbeatEveryMs: 60_000, sessionCount: 7 }],
        gateway: null,
        runtime: { runtimeVersion: null, rssBytes: 123, heapUsedBytes: null, eventLoopDegraded: null, eventLoopDelayP99Ms: null, modelRuntimeDegraded: null, activeTasks: null, failedTasks: null },
        sessions: [session({ estimatedPromptTokens: 10, contextTokenBudget: 100 }), session({ key: 'b', totalTokens: 80, totalTokensFresh: true, contextTokens: 100 })],
        heartbeats: [job({ lastRunAtMs: now - 90_000 })],
        stores: null, cliVersion: null,
        error: { kind: 'gateway-rpc-failed', message: 'boom' },
      },
    };
    const [r] = toRows([view], now);
    expect(r).toMatchObject({ sessions: 2, worstFill: 0.8, rssBytes: 123, lastCheck: now - 5_000, error: 'gateway-rpc-failed: boom' });
    expect(r!.heartbeat).toMatchObject({ agentId: 'main', lateness: 1.5, overdue: false });
    // Without a session list the agents' own counts are summed.
    expect(toRows([{ ...view, snapshot: { ...view.snapshot!, sessions: null } }], now)[0]!.sessions).toBe(7);
  });

  it('sorts by heartbeat lateness with unknowns last', () => {
    const hb = (lateness: number | null) => ({ agentId: 'm', lastRunAtMs: null, everyMs: 1, lateness, overdue: false });
    const rs = [row({ name: 'a', heartbeat: hb(1) }), row({ name: 'b', heartbeat: hb(null) }), row({ name: 'c', heartbeat: hb(3) })];
    expect(sortRows(rs, 'heartbeat', 'desc').map((r) => r.name)).toEqual(['c', 'a', 'b']);
  });
});
