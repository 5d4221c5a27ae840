// The row snapshot windows are pushed: no big arrays, the figures a fleet row shows.
import { describe, expect, it } from 'vitest';
import type { ServerSnapshot, SessionFacts } from './domain';
import { slimSnapshot, summarize } from './snapshot-summary';

const session = (key: string, over: Partial<SessionFacts> = {}): SessionFacts => ({
  key, agentId: 'main', kind: null, status: null, updatedAt: null, inputTokens: null, outputTokens: null, totalTokens: null, totalTokensFresh: null,
  contextTokens: null, estimatedPromptTokens: null, contextTokenBudget: null, shouldCompact: null, route: null, hasActiveRun: null, abortedLastRun: null, ...over,
});

const full: ServerSnapshot = {
  serverId: 's', status: 'UP', checkedAt: 1, statusSince: 0, notUpSince: null, failureStreak: 0, durationMs: 1, version: '2026.9.6', build: null,
  agents: [{ agentId: 'main', isDefault: true, heartbeatEnabled: true, heartbeatEveryMs: 60_000, sessionCount: 2_000 }],
  gateway: null, runtime: null,
  sessions: Array.from({ length: 2_000 }, (_, i) => session(`agent:main:s${i}`, i === 7 ? { estimatedPromptTokens: 90, contextTokenBudget: 100 } : {})),
  heartbeats: [{ agentId: 'main', enabled: true, everyMs: 60_000, lastRunAtMs: 5, nextRunAtMs: null, runningAtMs: null, lastRunStatus: 'ok', consecutiveErrors: 0, lastRunErrorKind: null, lastErrorReason: null, consecutiveSkipped: null }],
  stores: [{ agentId: 'main', era: 'sqlite', dbBytes: 100, walBytes: 20, legacyStoreBytes: 0, transcriptBytes: 0, transcriptFiles: 0 }],
  cliVersion: null, error: null,
};

describe('row snapshot', () => {
  it('leaves out sessions, heartbeat jobs and stores but keeps what the row shows', () => {
    const slim = slimSnapshot(full);
    expect(slim).toMatchObject({ sessions: null, heartbeats: null, stores: null, version: '2026.9.6' });
    expect(slim.summary).toEqual({
      sessionCount: 2_000,
      worstFill: 0.9,
      agents: [{ agentId: 'main', sessions: 2_000, heartbeat: { enabled: true, everyMs: 60_000, lastRunAtMs: 5, lastRunStatus: 'ok', consecutiveErrors: 0 }, storeBytes: 120, storeEra: 'sqlite' }],
    });
    // Summarising a row again gives the same figures (the renderer summarises whatever it holds).
    expect(summarize(slim)).toEqual(slim.summary);
    expect(JSON.stringify(slim).length).toBeLessThan(JSON.stringify(full).length / 50);
  });
});
