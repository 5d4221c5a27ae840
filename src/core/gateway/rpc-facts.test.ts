import { describe, expect, it } from 'vitest';
import { parseHeartbeatJobs, parseSessionsList, parseStatus, parseStatusAgents } from './rpc-facts';

describe('gateway RPC allowlists', () => {
  it('keeps session metadata and drops every text field', () => {
    const payload = {
      totalCount: 1,
      sessions: [
        {
          key: 'agent:main:main',
          agentId: 'main',
          kind: 'direct',
          status: 'done',
          label: 'SENTINEL-label',
          displayName: 'SENTINEL-name',
          derivedTitle: 'SENTINEL-title',
          activitySummary: 'SENTINEL-summary',
          lastMessage: { text: 'SENTINEL-message' },
          totalTokens: 8793,
          totalTokensFresh: true,
          contextTokens: 65536,
          contextBudgetStatus: { route: 'fits', shouldCompact: false, estimatedPromptTokens: 9000, contextTokenBudget: 60000 },
          hasActiveRun: false,
        },
        { key: '<script>', agentId: 'x' },
      ],
    };
    const { sessions, totalCount, skipped } = parseSessionsList(payload);
    expect(totalCount).toBe(1);
    expect(sessions).toHaveLength(1);
    expect(skipped).toEqual([{ what: 'sessions', reason: 'key-unreadable', count: 1 }]);
    expect(sessions[0]).toMatchObject({ key: 'agent:main:main', totalTokens: 8793, route: 'fits', estimatedPromptTokens: 9000, shouldCompact: false });
    expect(JSON.stringify(sessions)).not.toContain('SENTINEL');
  });

  it('takes every key shape OpenClaw makes, E.164 peers included, and counts the rows it does not take', () => {
    const keys = [
      'agent:main:whatsapp:direct:+15551234567',
      'agent:main:signal:group:abc+/def=',
      'agent:ops:matrix:channel:!room:example.org',
      'agent:main:telegram:group:-1001234567890:topic:42',
      'agent:main:email:direct:first.last+tag@example.com',
      'cron:0f8e',
    ];
    const rows = [...keys.map((key) => ({ key, totalTokens: 1 })), { totalTokens: 2 }, { key: 'two words' }, { key: 'x'.repeat(600) }];
    const { sessions, skipped } = parseSessionsList({ sessions: rows });
    expect(sessions.map((s) => s.key)).toEqual(keys);
    expect(skipped).toEqual([
      { what: 'sessions', reason: 'no-key', count: 1 },
      { what: 'sessions', reason: 'key-unreadable', count: 2 },
    ]);
    const many = parseSessionsList({ sessions: Array.from({ length: 2003 }, (_, i) => ({ key: `agent:main:k${i}` })) });
    expect(many.sessions).toHaveLength(2000);
    expect(many.skipped).toEqual([{ what: 'sessions', reason: 'over-limit', count: 3 }]);
  });

  it('reads heartbeat jobs only, from compact or state-nested shapes', () => {
    const jobs = parseHeartbeatJobs({
      jobs: [
        { declarationKey: 'heartbeat:main', agentId: 'main', enabled: true, schedule: { everyMs: 60000 }, lastRunAtMs: 5, lastRunStatus: 'ok', payload: { prompt: 'SENTINEL' } },
        { declarationKey: 'heartbeat:ops', enabled: true, schedule: { everyMs: 120000 }, state: { lastRunAtMs: 7, runningAtMs: 9, consecutiveErrors: 2, lastError: 'cron: job execution timed out' } },
        { declarationKey: 'memory-core:dreaming', name: 'Memory Dreaming' },
      ],
    });
    expect(jobs.map((j) => j.agentId)).toEqual(['main', 'ops']);
    expect(jobs[1]).toMatchObject({ runningAtMs: 9, consecutiveErrors: 2, lastRunErrorKind: 'timeout', everyMs: 120000 });
    expect(JSON.stringify(jobs)).not.toContain('SENTINEL');
  });

  it('reads the scheduler state of a non-compact cron.list row, as 2026.9.5 reports a wedged run', () => {
    // Observed with the model hanging: state holds what the compact rows leave out.
    const row = {
      id: 'd23b',
      declarationKey: 'heartbeat:ops',
      agentId: 'ops',
      enabled: true,
      schedule: { kind: 'every', everyMs: 60000, anchorMs: 27144 },
      payload: { kind: 'heartbeat' },
      state: { nextRunAtMs: 1795612587178, lastRunAtMs: 1795612527178, lastRunStatus: 'ok', lastDurationMs: 577, consecutiveErrors: 0, consecutiveSkipped: 0, runningAtMs: 1795612588313 },
      nextRunAtMs: 1795612587178,
      lastRunAtMs: 1795612527178,
      lastRunStatus: 'ok',
    };
    const timedOut = { ...row, declarationKey: 'heartbeat:main', agentId: 'main', state: { lastRunAtMs: 5, lastRunStatus: 'error', consecutiveErrors: 1, lastErrorReason: 'timeout', lastError: 'cron: job execution timed out' }, lastRunStatus: 'error', lastRunError: null };
    const other = { declarationKey: 'memory-core:memory-dreaming-promotion', payload: { kind: 'agentTurn', message: 'SENTINEL prompt' } };
    expect(parseHeartbeatJobs({ jobs: [row, timedOut, other] })).toEqual([
      { agentId: 'ops', enabled: true, everyMs: 60000, lastRunAtMs: 1795612527178, nextRunAtMs: 1795612587178, runningAtMs: 1795612588313, lastRunStatus: 'ok', consecutiveErrors: 0, lastRunErrorKind: null, lastErrorReason: null, consecutiveSkipped: 0, lastDurationMs: 577 },
      { agentId: 'main', enabled: true, everyMs: 60000, lastRunAtMs: 1795612527178, nextRunAtMs: 1795612587178, runningAtMs: null, lastRunStatus: 'error', consecutiveErrors: 1, lastRunErrorKind: 'timeout', lastErrorReason: 'timeout', consecutiveSkipped: null },
    ]);
  });

  it('reads runtime health and agents from status', () => {
    const status = {
      runtimeVersion: '2026.9.6',
      processMemory: { rssBytes: 1e9, heapUsedBytes: 2e8 },
      eventLoop: { degraded: true, delayP99Ms: 250, reasons: ['SENTINEL'] },
      modelRuntime: { degraded: false, pendingAgents: ['SENTINEL'] },
      // The task ledger as 2026.9.6 reports it while a model errors.
      tasks: { active: 1, failures: 3, byStatus: { queued: 0, running: 1, succeeded: 4, failed: 2, timed_out: 1, cancelled: 0, lost: 0 }, byRuntime: { cron: 7 } },
      heartbeat: { defaultAgentId: 'main', agents: [{ agentId: 'main', enabled: true, everyMs: 60000 }, { agentId: 'ops', enabled: false }] },
      sessions: { byAgent: [{ agentId: 'main', count: 3 }], recent: [{ preview: 'SENTINEL' }] },
    };
    expect(parseStatus(status)).toEqual({
      runtimeVersion: '2026.9.6',
      rssBytes: 1e9,
      heapUsedBytes: 2e8,
      eventLoopDegraded: true,
      eventLoopDelayP99Ms: 250,
      modelRuntimeDegraded: false,
      activeTasks: 1,
      failedTasks: 3,
      tasksSucceeded: 4,
      tasksFailed: 2,
      tasksTimedOut: 1,
    });
    expect(parseStatusAgents(status)).toEqual([
      { agentId: 'main', isDefault: true, heartbeatEnabled: true, heartbeatEveryMs: 60000, sessionCount: 3 },
      { agentId: 'ops', isDefault: false, heartbeatEnabled: false, heartbeatEveryMs: null, sessionCount: null },
    ]);
  });

  it('survives garbage', () => {
    for (const junk of [null, 42, 'x', [], { sessions: 'no' }, { jobs: [null, 1] }]) {
      expect(() => parseSessionsList(junk)).not.toThrow();
      expect(() => parseHeartbeatJobs(junk)).not.toThrow();
      expect(() => parseStatus(junk)).not.toThrow();
      expect(() => parseStatusAgents(junk)).not.toThrow();
    }
  });
});
