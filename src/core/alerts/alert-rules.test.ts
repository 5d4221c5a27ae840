import { describe, expect, it } from 'vitest';
import type { HeartbeatJob, ServerConfig, ServerSnapshot } from '../../shared/domain';
import { evaluateConditions, HEARTBEAT_RESUME_BOUND_MS } from './alert-rules';

const server: ServerConfig = { id: 's', name: 'ops-1', host: 'h', sshPort: 22, sshUser: 'u', privateKeyPath: '/k', gatewayPort: 1, enabled: true, createdAt: 0 };
const NOW = 10_000_000;
const job = (over: Partial<HeartbeatJob>): HeartbeatJob => ({
  agentId: 'main',
  enabled: true,
  everyMs: 60_000,
  lastRunAtMs: NOW - 30_000,
  nextRunAtMs: null,
  runningAtMs: null,
  lastRunStatus: 'ok',
  consecutiveErrors: 0,
  lastRunErrorKind: null,
  lastErrorReason: null,
  consecutiveSkipped: 0,
  ...over,
});
const snap = (over: Partial<ServerSnapshot>): ServerSnapshot => ({
  serverId: 's',
  status: 'UP',
  checkedAt: NOW,
  statusSince: 0,
  notUpSince: null,
  failureStreak: 0,
  durationMs: 1,
  version: '2026.9.6',
  build: null,
  agents: [],
  gateway: { via: 'websocket', protocol: 4, buildId: null, bootId: null, startedAt: NOW - HEARTBEAT_RESUME_BOUND_MS - 1, note: null },
  runtime: null,
  sessions: null,
  heartbeats: [],
  stores: null,
  cliVersion: null,
  error: null,
  ...over,
});
const rules = (s: ServerSnapshot, cfg = server) => evaluateConditions(cfg, s, NOW).map((c) => `${c.rule}:${c.agentId ?? ''}`);

describe('alert rules', () => {
  it('a healthy server raises nothing', () => {
    expect(rules(snap({ heartbeats: [job({})] }))).toEqual([]);
  });

  it('down, and a changed host key, are critical', () => {
    const s = snap({ status: 'DOWN', error: { kind: 'host-key-changed', message: 'x' } });
    expect(rules(s)).toEqual(['host-key-changed:', 'server-down:']);
  });

  it('heartbeats: overdue past 2× cadence, wedged, failing', () => {
    const s = snap({
      heartbeats: [
        job({ agentId: 'late', lastRunAtMs: NOW - 181_000 }),
        job({ agentId: 'slow-run', lastRunAtMs: NOW - 150_000 }),
        job({ agentId: 'running', lastRunAtMs: NOW - 400_000, runningAtMs: NOW - 30_000 }),
        job({ agentId: 'stuck', runningAtMs: NOW - 125_000 }),
        job({ agentId: 'failing', consecutiveErrors: 2 }),
        job({ agentId: 'off', enabled: false, lastRunAtMs: 0 }),
      ],
    });
    expect(rules(s)).toEqual(['heartbeat-overdue:late', 'heartbeat-wedged:stuck', 'heartbeat-failing:failing']);
  });

  it('heartbeats: a run that timed out (hung model) and agents skipped behind it, as the real scheduler reports them', () => {
    // Shapes observed on 2026.9.6 with the model hanging: the hung agent's run ends at the job
    // timeout; the other agent's runs are skipped with "cron-in-progress" meanwhile.
    const s = snap({
      heartbeats: [
        job({ agentId: 'main', lastRunStatus: 'error', lastErrorReason: 'timeout', consecutiveErrors: 1, lastRunErrorKind: 'timeout' }),
        job({ agentId: 'ops', lastRunStatus: 'skipped', consecutiveSkipped: 3, lastRunErrorKind: 'run-in-progress' }),
      ],
    });
    expect(rules(s)).toEqual(['heartbeat-timeout:main', 'heartbeat-skipped:ops']);
    expect(rules(snap({ heartbeats: [job({ lastRunStatus: 'skipped', consecutiveSkipped: 1, lastRunErrorKind: 'run-in-progress' })] }))).toEqual([]);
    // Skips for any other reason (e.g. by design outside active hours), and a run deferred far ahead: not news.
    expect(rules(snap({ heartbeats: [job({ lastRunStatus: 'skipped', consecutiveSkipped: 9, lastRunErrorKind: 'other' })] }))).toEqual([]);
    expect(rules(snap({ heartbeats: [job({ lastRunAtMs: NOW - 8 * 3_600_000, nextRunAtMs: NOW + 3 * 3_600_000 })] }))).toEqual([]);
    const failing = evaluateConditions(server, snap({ heartbeats: [job({ lastRunStatus: 'error', lastErrorReason: 'timeout', consecutiveErrors: 2 })] }), NOW);
    expect(failing.map((c) => c.summary)).toEqual(['ops-1/main: heartbeat run timed out (model not answering?)', 'ops-1/main: 2 heartbeats failed in a row (timeout)']);
  });

  it('agent runs failing with no success since (model errors)', () => {
    expect(rules(snap({ runFailures: { since: NOW - 60_000, failed: 1, timedOut: 3 } }))).toEqual([]);
    const c = evaluateConditions(server, snap({ runFailures: { since: Date.UTC(2026, 10, 25, 3, 4), failed: 2, timedOut: 1 } }), NOW);
    expect(c).toMatchObject([{ rule: 'agent-runs-failing', summary: 'ops-1: 2 agent runs failed and 1 timed out since 03:04 UTC, none succeeded (model errors?)' }]);
  });

  it('a gateway that refuses the WebSocket (wrong token) while the CLI still works', () => {
    const gateway = { via: 'cli' as const, protocol: null, buildId: null, bootId: null, startedAt: null, note: 'token mismatch', linkError: 'gateway-auth-failed' as const };
    expect(rules(snap({ gateway }))).toEqual(['gateway-link-refused:']);
    expect(rules(snap({ gateway: { ...gateway, linkError: null, note: 'CLI only (set for this server)' } }))).toEqual([]);
  });

  it('a live gateway that is not ready, for a while', () => {
    const c = evaluateConditions(server, snap({ readiness: { ready: false, failing: ['agent-database:main'] } }), NOW);
    expect(c).toMatchObject([{ rule: 'gateway-not-ready', summary: 'ops-1: gateway live but not ready (agent-database:main)', forMs: 120_000 }]);
    expect(rules(snap({ readiness: { ready: true, failing: [] } }))).toEqual([]);
  });

  it('a restart loop (3 new boot ids within the hour) and sustained memory growth', () => {
    expect(rules(snap({ recentRestarts: [NOW - 50 * 60_000, NOW - 20 * 60_000] }))).toEqual([]);
    expect(rules(snap({ recentRestarts: [NOW - 50 * 60_000, NOW - 20 * 60_000, NOW - 1_000] }))).toEqual(['restart-loop:']);
    expect(evaluateConditions(server, snap({}), NOW, { rssBytesPerHour: 50 * 1024 * 1024 })).toEqual([]);
    const growth = evaluateConditions(server, snap({}), NOW, { rssBytesPerHour: 300 * 1024 * 1024 });
    expect(growth).toMatchObject([{ rule: 'rss-growth', forMs: 30 * 60_000, summary: 'ops-1: gateway memory growing 300 MB/h (RSS ?)' }]);
  });

  it('stays quiet about heartbeats and start-up load in the first minutes after a gateway restart', () => {
    const s = snap({
      gateway: { via: 'websocket', protocol: 4, buildId: null, bootId: null, startedAt: NOW - 60_000, note: null },
      heartbeats: [job({ lastRunAtMs: NOW - 600_000 })],
      runtime: { runtimeVersion: null, rssBytes: null, heapUsedBytes: null, eventLoopDegraded: true, eventLoopDelayP99Ms: null, modelRuntimeDegraded: false, activeTasks: null, failedTasks: null },
    });
    expect(rules(s)).toEqual([]);
  });

  it('after a restart a heartbeat is awaited until its first run, as long as OpenClaw really takes (bounded)', () => {
    // Lab: the gateway (re)started at T and was ready ~15 s later; heartbeat-overdue paged 2 min 49 s
    // after ready (3 min 4 s after the start, just past the old fixed grace) and the run came 15 s after.
    const T = NOW - 3 * 60_000 - 4_000;
    const restarted = (lastRunAtMs: number, at = NOW) =>
      evaluateConditions(server, snap({ gateway: { via: 'websocket', protocol: 4, buildId: null, bootId: null, startedAt: T, note: null }, heartbeats: [job({ lastRunAtMs })] }), at).map((c) => c.rule);
    expect(restarted(T - 40_000)).toEqual([]);
    expect(restarted(T - 40_000, T + 5 * 60_000)).toEqual([]);
    // Its first run since the restart came: from then on the normal rule applies again.
    expect(restarted(T + 3 * 60_000 + 19_000, T + 3 * 60_000 + 30_000)).toEqual([]);
    expect(restarted(T + 3 * 60_000 + 19_000, T + 7 * 60_000)).toEqual(['heartbeat-overdue']);
    // No run at all within the bound: overdue after all.
    expect(restarted(T - 40_000, T + HEARTBEAT_RESUME_BOUND_MS + 1)).toEqual(['heartbeat-overdue']);
  });

  it('a heartbeat whose output went nowhere is a warning naming server and agent', () => {
    const s = snap({
      heartbeats: [
        job({ agentId: 'main', delivery: { at: NOW - 5_000, status: 'skipped', undelivered: 'target-none' } }),
        job({ agentId: 'ops', delivery: { at: NOW - 5_000, status: 'ok-empty', undelivered: null } }),
      ],
    });
    expect(evaluateConditions(server, s, NOW)).toEqual([
      { rule: 'heartbeat-undelivered', severity: 'warning', agentId: 'main', summary: 'ops-1/main: heartbeat output not delivered (target-none)', inhibitable: true },
    ]);
  });

  it('maintenance and paused servers raise nothing', () => {
    expect(rules(snap({ status: 'MAINTENANCE', error: { kind: 'gateway-unreachable', message: 'x' } }))).toEqual([]);
    expect(rules(snap({ status: 'DOWN' }), { ...server, enabled: false })).toEqual([]);
  });

  it('degraded runtime and a CLI/gateway version mismatch', () => {
    const s = snap({
      cliVersion: '2026.9.7',
      runtime: { runtimeVersion: null, rssBytes: null, heapUsedBytes: null, eventLoopDegraded: true, eventLoopDelayP99Ms: null, modelRuntimeDegraded: true, activeTasks: null, failedTasks: null },
    });
    expect(rules(s)).toEqual(['event-loop-degraded:', 'model-runtime-degraded:', 'cli-version-mismatch:']);
  });
});
