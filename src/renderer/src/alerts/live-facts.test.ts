import { describe, expect, it } from 'vitest';
import type { Alert, HeartbeatJob, ServerView } from '../../../shared/domain';
import { liveFacts } from './live-facts';

const MIN = 60_000;
const now = 100 * MIN;
const job: HeartbeatJob = { agentId: 'main', enabled: true, everyMs: MIN, lastRunAtMs: now - MIN, nextRunAtMs: null, runningAtMs: null, lastRunStatus: 'ok', consecutiveErrors: 0, lastRunErrorKind: null, lastErrorReason: null, consecutiveSkipped: 0 };
const view = (enabled = true, heartbeats = [job]): ServerView =>
  ({
    config: { id: 's1', name: 's1', enabled },
    snapshot: { serverId: 's1', status: 'UP', checkedAt: now - 5000, statusSince: now - 50 * MIN, heartbeats },
  }) as unknown as ServerView;
const alert = (rule: string): Alert => ({ id: 'a', rule, severity: 'warning', serverId: 's1', agentId: 'main', summary: 's1/main: no heartbeat for 5 min', startedAt: now - 6 * MIN, resolvedAt: null, inhibited: false, silencedBy: null, ackedAt: null, ackedBy: null });

describe('liveFacts', () => {
  it('a "no heartbeat for 5 min" alert shows the live last run, and clearing once it ran', () => {
    expect(liveFacts(alert('heartbeat-overdue'), view(), now)).toEqual({ text: 'now: last run 1m ago (ok), every 1m', stale: false, clearing: true });
    const late = view(true, [{ ...job, lastRunAtMs: now - 6 * MIN }]);
    expect(liveFacts(alert('heartbeat-overdue'), late, now).clearing).toBe(false);
  });
  it('a paused server: stale, never clearing', () => {
    expect(liveFacts(alert('server-down'), view(false), now)).toEqual({ text: 'server paused — last checked 5s ago, not re-checked', stale: true, clearing: false });
  });
  it('server-down against a server that is UP again is clearing', () => {
    expect(liveFacts({ ...alert('server-down'), agentId: null }, view(), now)).toMatchObject({ text: 'now UP since 50m ago', clearing: true });
  });
});
