// The fleet as Prometheus metrics (text exposition format 0.0.4), so a bigger setup can hand the
// watching over to the monitoring it already has. Built from what the collector already knows: no
// extra probing per scrape. Label values are the operator's names and probe ids, escaped per the format.
import type { Alert, ServerConfig, ServerSnapshot, ServerStatus } from '../../shared/domain';

export interface MetricsInput {
  servers: ServerConfig[];
  snapshot: (id: string) => ServerSnapshot | null;
  alerts: Alert[];
  pausedUntil: number | null;
  now: number;
}

const STATUSES: ServerStatus[] = ['UP', 'PENDING', 'DOWN', 'MAINTENANCE', 'UNKNOWN'];

/** Backslash, double quote and newline are the only escapes the format has; control characters go. */
export function escapeLabel(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/\n/g, '\\n')
    .replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, ' ');
}

type Labels = Record<string, string | null | undefined>;

class Exposition {
  private readonly lines: string[] = [];
  family(name: string, type: 'gauge' | 'counter', help: string, samples: Array<[Labels, number | null]>): void {
    const present = samples.filter((s): s is [Labels, number] => s[1] !== null && Number.isFinite(s[1]));
    this.lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    for (const [labels, value] of present) {
      const pairs = Object.entries(labels)
        .filter((e): e is [string, string] => typeof e[1] === 'string')
        .map(([k, v]) => `${k}="${escapeLabel(v)}"`);
      this.lines.push(`${name}${pairs.length ? `{${pairs.join(',')}}` : ''} ${value}`);
    }
  }
  text(): string {
    return this.lines.join('\n') + '\n';
  }
}

export function renderMetrics(input: MetricsInput): string {
  const out = new Exposition();
  const rows = input.servers.map((server) => ({ server, snap: input.snapshot(server.id) }));
  const id = (s: ServerConfig): Labels => ({ server: s.name, server_id: s.id, role: s.role ?? 'unassigned' });
  const seconds = (ms: number | null | undefined) => (ms == null ? null : ms / 1000);

  out.family('yardmaster_server_up', 'gauge', '1 when the server is UP (MAINTENANCE counts as up), 0 otherwise.', rows.map(({ server, snap }) => [id(server), snap ? (snap.status === 'UP' || snap.status === 'MAINTENANCE' ? 1 : 0) : null]));
  out.family(
    'yardmaster_server_status',
    'gauge',
    'The server status as a state set: 1 for the current status.',
    rows.flatMap(({ server, snap }) => STATUSES.map((status): [Labels, number] => [{ ...id(server), status }, (snap?.status ?? 'UNKNOWN') === status ? 1 : 0])),
  );
  out.family('yardmaster_server_enabled', 'gauge', '0 when polling of the server is paused by the operator.', rows.map(({ server }) => [id(server), server.enabled ? 1 : 0]));
  out.family('yardmaster_probe_duration_seconds', 'gauge', 'How long the last probe cycle took.', rows.map(({ server, snap }) => [id(server), seconds(snap?.durationMs)]));
  out.family('yardmaster_last_probe_timestamp_seconds', 'gauge', 'When the server was last probed (Unix time).', rows.map(({ server, snap }) => [id(server), seconds(snap?.checkedAt)]));
  out.family('yardmaster_probe_failures_in_a_row', 'gauge', 'Failed probes in a row.', rows.map(({ server, snap }) => [id(server), snap?.failureStreak ?? null]));
  out.family('yardmaster_gateway_info', 'gauge', 'Gateway version and how it is read (websocket or cli); always 1.', rows.map(({ server, snap }) => [{ ...id(server), version: snap?.version ?? 'unknown', via: snap?.gateway?.via ?? 'none' }, snap ? 1 : null]));
  out.family('yardmaster_gateway_rss_bytes', 'gauge', 'Resident memory of the gateway process.', rows.map(({ server, snap }) => [id(server), snap?.runtime?.rssBytes ?? null]));
  out.family('yardmaster_gateway_event_loop_p99_seconds', 'gauge', 'p99 event-loop delay the gateway reports.', rows.map(({ server, snap }) => [id(server), seconds(snap?.runtime?.eventLoopDelayP99Ms)]));
  out.family('yardmaster_gateway_ready', 'gauge', '1 when /readyz says ready.', rows.map(({ server, snap }) => [id(server), snap?.readiness ? (snap.readiness.ready ? 1 : 0) : null]));
  out.family('yardmaster_gateway_restarts_last_hour', 'gauge', 'Gateway restarts (new boot ids) seen in the last hour.', rows.map(({ server, snap }) => [id(server), snap ? (snap.recentRestarts?.length ?? 0) : null]));
  out.family('yardmaster_sessions', 'gauge', 'Sessions the gateway lists.', rows.map(({ server, snap }) => [id(server), snap?.sessions ? snap.sessions.length : null]));
  const hb = rows.flatMap(({ server, snap }) => (snap?.heartbeats ?? []).map((job) => ({ labels: { ...id(server), agent: job.agentId }, job })));
  out.family('yardmaster_heartbeat_last_run_timestamp_seconds', 'gauge', 'When the agent heartbeat last ran (Unix time).', hb.map(({ labels, job }) => [labels, seconds(job.lastRunAtMs)]));
  out.family('yardmaster_heartbeat_interval_seconds', 'gauge', 'The agent heartbeat cadence.', hb.map(({ labels, job }) => [labels, seconds(job.everyMs)]));
  out.family('yardmaster_heartbeat_consecutive_errors', 'gauge', 'Heartbeat runs failed in a row.', hb.map(({ labels, job }) => [labels, job.consecutiveErrors]));
  out.family('yardmaster_heartbeat_running_seconds', 'gauge', 'How long the current heartbeat run has been running (absent when idle).', hb.map(({ labels, job }) => [labels, job.runningAtMs === null ? null : (input.now - job.runningAtMs) / 1000]));

  const live = input.alerts.filter((a) => a.resolvedAt === null);
  out.family(
    'yardmaster_alert_active',
    'gauge',
    'One series per active alert (1); muted alerts carry state="silenced", "inhibited" or "acknowledged".',
    live.map((a) => {
      const server = input.servers.find((s) => s.id === a.serverId);
      const state = a.silencedBy ? 'silenced' : a.inhibited ? 'inhibited' : a.ackedAt !== null ? 'acknowledged' : 'firing';
      return [{ rule: a.rule, severity: a.severity, server: server?.name ?? a.serverId, server_id: a.serverId, agent: a.agentId ?? undefined, state }, 1];
    }),
  );
  out.family(
    'yardmaster_alerts_firing',
    'gauge',
    'Active alerts nobody acknowledged, silenced or muted, by severity.',
    (['critical', 'warning', 'info'] as const).map((severity) => [{ severity }, live.filter((a) => a.severity === severity && !a.silencedBy && !a.inhibited && a.ackedAt === null).length]),
  );
  out.family('yardmaster_polling_paused', 'gauge', '1 while an operator has paused all polling (the console is blind).', [[{}, input.pausedUntil === null ? 0 : 1]]);
  return out.text();
}
