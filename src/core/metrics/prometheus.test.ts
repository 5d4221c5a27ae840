import { describe, expect, it } from 'vitest';
import type { ServerConfig, ServerSnapshot } from '../../shared/domain';
import { testAlert } from '../alerts/test-alerts';
import { escapeLabel, renderMetrics } from './prometheus';

const server = (id: string, name: string): ServerConfig => ({ id, name, host: 'h', sshPort: 22, sshUser: 'u', privateKeyPath: '/k', gatewayPort: 1, role: 'ops', enabled: true, createdAt: 0 });
const snap = (over: Partial<ServerSnapshot>): ServerSnapshot => ({
  serverId: 'a',
  status: 'UP',
  checkedAt: 1_000_000,
  statusSince: 0,
  notUpSince: null,
  failureStreak: 0,
  durationMs: 250,
  version: '2026.9.6',
  build: null,
  agents: [],
  gateway: { via: 'websocket', protocol: 4, buildId: null, bootId: 'b', startedAt: 0, note: null },
  runtime: null,
  sessions: [],
  heartbeats: [{ agentId: 'main', enabled: true, everyMs: 60_000, lastRunAtMs: 990_000, nextRunAtMs: null, runningAtMs: 995_000, lastRunStatus: 'ok', consecutiveErrors: 1, lastRunErrorKind: null, lastErrorReason: null, consecutiveSkipped: 0 }],
  stores: null,
  cliVersion: null,
  error: null,
  ...over,
});

describe('prometheus exposition', () => {
  it('exposes status, heartbeats and alerts with escaped labels', () => {
    const text = renderMetrics({
      servers: [server('a', 'ops "one"\\x\nnext'), server('b', 'down-2')],
      snapshot: (id) => (id === 'a' ? snap({}) : snap({ serverId: 'b', status: 'DOWN', heartbeats: null, gateway: null })),
      alerts: [testAlert({ serverId: 'b', rule: 'server-down' }), testAlert({ id: 'x', serverId: 'b', rule: 'old', resolvedAt: 5 })],
      pausedUntil: null,
      now: 1_000_000,
    });
    expect(text).toContain('yardmaster_server_up{server="ops \\"one\\"\\\\x\\nnext",server_id="a",role="ops"} 1');
    expect(text).toContain('yardmaster_server_up{server="down-2",server_id="b",role="ops"} 0');
    expect(text).toContain('yardmaster_server_status{server="down-2",server_id="b",role="ops",status="DOWN"} 1');
    expect(text).toContain('yardmaster_probe_duration_seconds{server="down-2",server_id="b",role="ops"} 0.25');
    expect(text).toContain('yardmaster_heartbeat_running_seconds{server="ops \\"one\\"\\\\x\\nnext",server_id="a",role="ops",agent="main"} 5');
    expect(text).toContain('yardmaster_alert_active{rule="server-down",severity="critical",server="down-2",server_id="b",state="firing"} 1');
    expect(text).not.toContain('rule="old"');
    expect(text).toContain('yardmaster_alerts_firing{severity="critical"} 1');
    expect(text).toContain('yardmaster_polling_paused 0');
    // Every sample line is name{labels} value, one per line: nothing a hostile name can break.
    for (const line of text.trim().split('\n')) expect(line).toMatch(/^(# (HELP|TYPE) \S+ .+|[a-z_]+(\{.*\})? -?[0-9.e+-]+)$/);
  });

  it('escapes per the format', () => {
    expect(escapeLabel('a"b\\c\nd\re')).toBe('a\\"b\\\\c\\nd e');
  });
});
