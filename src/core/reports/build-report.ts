// Builds an incident report from the store alone (no re-probing): scope → timeline → per-server
// before/during → impact and detection numbers → charts of what moved.
import { randomUUID } from 'node:crypto';
import type { ServerConfig } from '../../shared/domain';
import {
  REPORT_SCHEMA_VERSION,
  type IncidentReport,
  type ReportChart,
  type ReportOrigin,
  type ReportServer,
  type ServerMetrics,
} from '../../shared/incident-report';
import { downMsWithin, resolveScope, type ScopeRequest } from './incident-scope';
import type { ReportMetric, ReportSource } from './report-source';
import { buildTimeline, type JournalEntry } from './report-timeline';
import { ruleTitle } from './rule-titles';

export interface BuildOptions {
  now: number;
  leadInMs?: number;
  tailMs?: number;
  redact?: boolean;
  /** Stable pseudonym for a name (redaction); keyed per install so it cannot be reversed by guessing. */
  pseudonym: (kind: 'server' | 'host' | 'user', value: string) => string;
  /** Agent ids per server, from the last snapshot (what the fleet looks like now). */
  agentsOf: (serverId: string) => string[];
  /** Extra dated facts other parts of the console journal (notifications, restarts, rollout steps). */
  journal?: (from: number, to: number) => JournalEntry[];
}

const CHART_METRICS: Array<{ metric: ReportMetric; unit: ReportChart['unit'] }> = [
  { metric: 'up', unit: 'up' },
  { metric: 'probe_ms', unit: 'ms' },
  { metric: 'rss_bytes', unit: 'bytes' },
  { metric: 'event_loop_p99_ms', unit: 'ms' },
  { metric: 'max_context_fill', unit: 'ratio' },
];
/** More servers than this get numbers in the table but no charts (a storm of 100 would be unreadable). */
const MAX_CHARTED_SERVERS = 6;

export function buildReport(request: ScopeRequest, origin: ReportOrigin, servers: ServerConfig[], source: ReportSource, o: BuildOptions): IncidentReport {
  const scope = resolveScope(
    request,
    source,
    servers.filter((s) => s.enabled).map((s) => s.id),
    o.now,
    o.leadInMs,
    o.tailMs,
  );
  const redact = o.redact === true;
  const byId = new Map(servers.map((s) => [s.id, s]));
  const nameOf = (id: string) => {
    const s = byId.get(id);
    if (!s) return redact ? o.pseudonym('server', id) : `removed server ${id.slice(0, 8)}`;
    return redact ? o.pseudonym('server', s.id) : s.name;
  };
  const notes: string[] = [];

  const reportServers: ReportServer[] = scope.serverIds.map((id) => {
    const config = byId.get(id);
    const before = source.probes(id, scope.window.from, scope.startedAt);
    const during = source.probes(id, scope.startedAt, scope.endedAt);
    const downMs = downMsWithin(source.statusAt(id, scope.startedAt), source.transitions([id], scope.startedAt, scope.endedAt), scope.startedAt, scope.endedAt);
    return {
      serverId: id,
      name: nameOf(id),
      host: config ? (redact ? o.pseudonym('host', config.host) : config.host) : '',
      sshUser: config ? (redact ? o.pseudonym('user', config.sshUser) : config.sshUser) : '',
      role: config?.role ?? null,
      versionsBefore: before.versions,
      versionsDuring: during.versions,
      minutesDown: Math.round(downMs / 6_000) / 10,
      statusesDuring: during.statuses,
      probes: { ok: during.ok, failed: during.failed, errorKinds: during.errorKinds },
      before: metricsOf(source, id, scope.window.from, scope.startedAt),
      during: metricsOf(source, id, scope.startedAt, scope.endedAt),
      alertRules: [...new Set(scope.alerts.filter((a) => a.serverId === id).map((a) => a.rule))],
    };
  });
  if (reportServers.every((s) => s.probes.ok + s.probes.failed === 0)) {
    notes.push('No probe samples are stored for this range (raw samples are kept 48 h; older ranges show rollups only).');
  }

  const { entries: timeline, truncated } = buildTimeline({ scope, source, nameOf, journal: o.journal });
  const agentIds = new Set<string>();
  for (const a of scope.alerts) if (a.agentId) agentIds.add(`${a.serverId}/${a.agentId}`);
  for (const s of reportServers) if (s.minutesDown > 0) for (const agent of o.agentsOf(s.serverId)) agentIds.add(`${s.serverId}/${agent}`);
  const fleet = servers.filter((s) => s.enabled);
  const firstAlert = scope.alerts.reduce<number | null>((min, a) => (min === null || a.startedAt < min ? a.startedAt : min), null);
  const firstAck = scope.alerts.reduce<number | null>((min, a) => (a.ackedAt !== null && (min === null || a.ackedAt < min) ? a.ackedAt : min), null);
  const severity = scope.origin?.severity ?? (scope.alerts.some((a) => a.severity === 'critical') ? 'critical' : scope.alerts.some((a) => a.severity === 'warning') ? 'warning' : 'info');
  const charted = reportServers.slice(0, MAX_CHARTED_SERVERS);
  if (reportServers.length > MAX_CHARTED_SERVERS) notes.push(`Charts show the first ${MAX_CHARTED_SERVERS} of ${reportServers.length} affected servers.`);
  const charts = charted.flatMap((s) => chartsFor(source, s, scope.window.from, scope.window.to));
  const title = scope.origin
    ? `${ruleTitle(scope.origin.rule)} on ${nameOf(scope.origin.serverId)}`
    : request.kind === 'server'
      ? `Review of ${nameOf(request.serverId)}`
      : `Fleet review`;

  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    id: randomUUID(),
    status: 'draft',
    severity,
    origin,
    createdAt: o.now,
    updatedAt: o.now,
    startedAt: scope.startedAt,
    resolvedAt: scope.resolvedAt,
    window: { from: scope.window.from, to: scope.window.to, leadInMs: scope.startedAt - scope.window.from, tailMs: Math.max(0, scope.window.to - scope.endedAt) },
    redacted: redact,
    impact: {
      fleetServers: fleet.length,
      serversAffected: reportServers.length,
      fleetAgents: fleet.reduce((n, s) => n + o.agentsOf(s.id).length, 0),
      agentsAffected: agentIds.size,
      heartbeatAlerts: scope.alerts.filter((a) => a.rule.startsWith('heartbeat-')).length,
      sessionsAffected: reportServers.reduce((n, s) => n + source.sessionsTouched(s.serverId, scope.startedAt, scope.endedAt), 0),
      minutesDownTotal: Math.round(reportServers.reduce((n, s) => n + s.minutesDown, 0) * 10) / 10,
    },
    detection: {
      timeToDetectMs: firstAlert === null ? null : Math.max(0, firstAlert - scope.startedAt),
      timeToAcknowledgeMs: firstAck === null || firstAlert === null ? null : Math.max(0, firstAck - firstAlert),
      timeToResolveMs: scope.resolvedAt === null ? null : scope.resolvedAt - scope.startedAt,
    },
    timeline,
    timelineTruncated: truncated,
    servers: reportServers,
    charts,
    human: { title, rootCause: '', resolution: '', followUps: [] },
    notes,
  };
}

function metricsOf(source: ReportSource, serverId: string, from: number, to: number): ServerMetrics {
  if (to <= from) return { rssBytes: null, eventLoopP99Ms: null, probeMs: null, maxContextFill: null };
  return {
    rssBytes: source.summary(serverId, 'rss_bytes', from, to),
    eventLoopP99Ms: source.summary(serverId, 'event_loop_p99_ms', from, to),
    probeMs: source.summary(serverId, 'probe_ms', from, to),
    maxContextFill: source.summary(serverId, 'max_context_fill', from, to),
  };
}

/** Availability always; other metrics only when they moved (avg during differs from before by ≥ 20 %, or no "before"). */
function chartsFor(source: ReportSource, server: ReportServer, from: number, to: number): ReportChart[] {
  const moved: Record<ReportMetric, boolean> = {
    up: true,
    probe_ms: changed(server.before.probeMs?.avg, server.during.probeMs?.max),
    rss_bytes: changed(server.before.rssBytes?.avg, server.during.rssBytes?.max),
    event_loop_p99_ms: changed(server.before.eventLoopP99Ms?.avg, server.during.eventLoopP99Ms?.max),
    max_context_fill: changed(server.before.maxContextFill?.avg, server.during.maxContextFill?.max),
  };
  return CHART_METRICS.filter(({ metric }) => moved[metric])
    .map(({ metric, unit }) => ({ serverId: server.serverId, metric, unit, ...source.series(server.serverId, metric, from, to) }))
    .filter((c) => c.points.length > 0);
}

function changed(before: number | undefined, during: number | undefined): boolean {
  if (during === undefined) return false;
  if (before === undefined || before === 0) return true;
  return Math.abs(during - before) / Math.abs(before) >= 0.2;
}
