import { describe, expect, it } from 'vitest';
import type { HeartbeatJob, ServerConfig, ServerSnapshot } from '../../shared/domain';
import { REMOTE_ERROR_KINDS } from '../../shared/error-kinds';
import { evaluateConditions } from '../alerts/alert-rules';
import { parseHeartbeatJobs } from '../gateway/rpc-facts';
import { classifyRemoteText, remoteSlug } from './remote-text';

const WORDS = 'SENTINEL-c0ffee: the user +15551234567 wrote "my PIN is 4321"';

describe('the probe boundary for words a server wrote', () => {
  it('classifies real OpenClaw error texts into console kinds', () => {
    expect(classifyRemoteText('cron: job execution timed out')).toBe('timeout');
    expect(classifyRemoteText('heartbeat skipped: cron-in-progress')).toBe('run-in-progress');
    expect(classifyRemoteText('429 Too Many Requests from provider')).toBe('rate-limited');
    expect(classifyRemoteText('401 invalid x-api-key')).toBe('auth-failed');
    expect(classifyRemoteText('Preflight compaction required but failed')).toBe('context-overflow');
    expect(classifyRemoteText('fetch failed: ECONNREFUSED 127.0.0.1:11434')).toBe('network');
    expect(classifyRemoteText('Overloaded (529)')).toBe('provider-unavailable');
    expect(classifyRemoteText(`tool exec failed: ${WORDS}`)).toBe('tool-error');
    expect(classifyRemoteText(WORDS)).toBe('other');
    expect(classifyRemoteText('')).toBeNull();
    expect(classifyRemoteText(42)).toBeNull();
    expect(REMOTE_ERROR_KINDS).toContain(classifyRemoteText('anything at all'));
  });

  it('passes only id-shaped slugs', () => {
    expect(remoteSlug('timeout')).toBe('timeout');
    expect(remoteSlug('AUTH_TOKEN_MISMATCH')).toBe('AUTH_TOKEN_MISMATCH');
    expect(remoteSlug(WORDS)).toBeNull();
    expect(remoteSlug('+15551234567')).toBeNull();
  });

  it("a failing heartbeat's own error text reaches neither the facts nor the alert summary", () => {
    const [job] = parseHeartbeatJobs({
      jobs: [{ declarationKey: 'heartbeat:main', agentId: 'main', enabled: true, schedule: { everyMs: 60_000 }, state: { lastRunAtMs: 1, lastRunStatus: 'error', consecutiveErrors: 4, lastRunError: `model error: ${WORDS}` } }],
    }) as [HeartbeatJob];
    expect(job.lastRunErrorKind).toBe('model-error');
    expect(JSON.stringify(job)).not.toMatch(/SENTINEL|5551234567|PIN/);
    const server: ServerConfig = { id: 's', name: 'ops-1', host: 'h', sshPort: 22, sshUser: 'u', privateKeyPath: '/k', gatewayPort: 1, enabled: true, createdAt: 0 };
    const snap = { serverId: 's', status: 'UP', checkedAt: 2, statusSince: 0, notUpSince: null, failureStreak: 0, durationMs: 1, version: null, build: null, agents: [], gateway: null, runtime: null, sessions: null, heartbeats: [job], stores: null, cliVersion: null, error: null } as ServerSnapshot;
    const failing = evaluateConditions(server, snap, 3).find((c) => c.rule === 'heartbeat-failing');
    expect(failing?.summary).toBe('ops-1/main: 4 heartbeats failed in a row (model error)');
  });
});
