// The fleet table's view model: flat rows, search/filter, sort, the fleet's majority version (for
// skew), and CSV of exactly what is shown. Pure functions, so they are tested without a browser.
import type { HeartbeatJob, ServerStatus, ServerView, SessionFacts } from '../../../shared/domain';
import { summarize } from '../../../shared/snapshot-summary';

/** The agent whose heartbeat is the most behind its cadence (overdue: more than 2× its interval ago). */
export interface HeartbeatFreshness {
  agentId: string;
  lastRunAtMs: number | null;
  everyMs: number;
  /** How many intervals since the last run (null: it has not run yet). */
  lateness: number | null;
  overdue: boolean;
}

export interface FleetRow {
  id: string;
  name: string;
  status: ServerStatus | 'PAUSED';
  role: string;
  tags: string[];
  host: string;
  version: string | null;
  agents: number;
  sessions: number | null;
  /** Worst context fill over the server's sessions, 0..1. */
  worstFill: number | null;
  heartbeat: HeartbeatFreshness | null;
  rssBytes: number | null;
  lastCheck: number | null;
  error: string | null;
}

export type SortKey = 'name' | 'status' | 'role' | 'version' | 'agents' | 'sessions' | 'worstFill' | 'heartbeat' | 'rssBytes' | 'lastCheck';
export interface Filters {
  search: string;
  status: string;
  role: string;
  /** Exact tag / exact version; '' or absent = any. */
  tag?: string;
  version?: string;
}

/**
 * A session's context fill, 0..1: the gateway's own prompt estimate against its budget; the stored
 * totalTokens/contextTokens only when the gateway says that total is fresh (a stale total after a
 * compaction would cry wolf).
 */
export function contextFill(s: SessionFacts): number | null {
  if (s.estimatedPromptTokens != null && s.contextTokenBudget) return s.estimatedPromptTokens / s.contextTokenBudget;
  if (s.totalTokensFresh === true && s.totalTokens != null && s.contextTokens) return s.totalTokens / s.contextTokens;
  return null;
}

/** The most behind enabled heartbeat: overdue ones first, then the longest since its run; never-run last. */
export function worstHeartbeat(jobs: Array<Pick<HeartbeatJob, 'agentId' | 'enabled' | 'everyMs' | 'lastRunAtMs'>> | null | undefined, now: number): HeartbeatFreshness | null {
  let worst: HeartbeatFreshness | null = null;
  for (const j of jobs ?? []) {
    if (!j.enabled || !j.everyMs || j.everyMs <= 0) continue;
    const lateness = j.lastRunAtMs === null ? null : Math.max(0, now - j.lastRunAtMs) / j.everyMs;
    const f: HeartbeatFreshness = { agentId: j.agentId, lastRunAtMs: j.lastRunAtMs, everyMs: j.everyMs, lateness, overdue: lateness !== null && lateness > 2 };
    if (!worst || (f.lateness ?? -1) > (worst.lateness ?? -1)) worst = f;
  }
  return worst;
}

export function toRows(views: ServerView[], now = Date.now()): FleetRow[] {
  return views.map(({ config, snapshot }) => {
    // Pushed rows carry a summary instead of the session/heartbeat arrays; a full snapshot is summarised here.
    const sum = snapshot ? summarize(snapshot) : null;
    return {
      id: config.id,
      name: config.name,
      status: !config.enabled ? 'PAUSED' : (snapshot?.status ?? 'UNKNOWN'),
      role: config.role ?? 'general',
      tags: config.tags ?? [],
      host: config.host,
      version: snapshot?.version ?? null,
      agents: snapshot?.agents.length ?? 0,
      sessions: sum?.sessionCount ?? null,
      worstFill: sum?.worstFill ?? null,
      heartbeat: worstHeartbeat(sum?.agents.flatMap((a) => (a.heartbeat ? [{ agentId: a.agentId, ...a.heartbeat }] : [])), now),
      rssBytes: snapshot?.runtime?.rssBytes ?? null,
      lastCheck: snapshot?.checkedAt ?? null,
      error: snapshot?.error ? `${snapshot.error.kind}: ${snapshot.error.message}` : null,
    };
  });
}

export function filterRows(rows: FleetRow[], f: Filters): FleetRow[] {
  const q = f.search.trim().toLowerCase();
  return rows.filter(
    (r) =>
      (!f.status || r.status === f.status) &&
      (!f.role || r.role === f.role) &&
      (!f.tag || r.tags.includes(f.tag)) &&
      (!f.version || r.version === f.version) &&
      (!q || [r.name, r.host, r.role, r.version ?? '', ...r.tags].some((v) => v.toLowerCase().includes(q))),
  );
}

/** Worst first for status; nulls always last. */
const STATUS_ORDER: Record<FleetRow['status'], number> = { DOWN: 0, PENDING: 1, UNKNOWN: 2, MAINTENANCE: 3, PAUSED: 4, UP: 5 };

export function sortRows(rows: FleetRow[], key: SortKey, dir: 'asc' | 'desc'): FleetRow[] {
  const value = (r: FleetRow): string | number | null =>
    key === 'status' ? STATUS_ORDER[r.status] : key === 'heartbeat' ? (r.heartbeat?.lateness ?? null) : r[key];
  const sign = dir === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    if (va === null && vb === null) return a.name.localeCompare(b.name);
    if (va === null) return 1;
    if (vb === null) return -1;
    const c = typeof va === 'number' && typeof vb === 'number' ? va - vb : String(va).localeCompare(String(vb), undefined, { numeric: true });
    return c === 0 ? a.name.localeCompare(b.name) : sign * c;
  });
}

/** The version most servers run (ties: the newest); servers on another one are skewed. */
export function majorityVersion(rows: FleetRow[]): string | null {
  const counts = new Map<string, number>();
  for (const r of rows) if (r.version) counts.set(r.version, (counts.get(r.version) ?? 0) + 1);
  let best: string | null = null;
  for (const [v, n] of counts) {
    const bn = best ? counts.get(best)! : 0;
    if (n > bn || (n === bn && best !== null && v.localeCompare(best, undefined, { numeric: true }) > 0)) best = v;
  }
  return best;
}

/** Distinct values for the tag and version filters, naturally sorted. */
export function filterChoices(rows: FleetRow[]): { roles: string[]; tags: string[]; versions: string[] } {
  const sorted = (values: Iterable<string>) => [...new Set(values)].sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
  return {
    roles: sorted(rows.map((r) => r.role)),
    tags: sorted(rows.flatMap((r) => r.tags)),
    versions: sorted(rows.flatMap((r) => (r.version ? [r.version] : []))),
  };
}

/** RFC 4180 CSV; cells that a spreadsheet would run as a formula are prefixed with '. */
export function toCsv(rows: FleetRow[]): string {
  // New columns go at the end, so scripts reading the older layout by position keep working.
  const header = [
    'name', 'status', 'role', 'tags', 'host', 'version', 'agents', 'sessions', 'worst_context_fill', 'rss_mb', 'last_check', 'problem',
    'heartbeat_agent', 'heartbeat_last_run', 'heartbeat_every_s', 'heartbeat_overdue',
  ];
  const cell = (v: unknown): string => {
    let s = v === null || v === undefined ? '' : String(v);
    if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = rows.map((r) =>
    [
      r.name,
      r.status,
      r.role,
      r.tags.join(' '),
      r.host,
      r.version,
      r.agents,
      r.sessions,
      r.worstFill === null ? null : r.worstFill.toFixed(3),
      r.rssBytes === null ? null : Math.round(r.rssBytes / 1048576),
      r.lastCheck === null ? null : new Date(r.lastCheck).toISOString(),
      r.error,
      r.heartbeat?.agentId ?? null,
      r.heartbeat?.lastRunAtMs == null ? null : new Date(r.heartbeat.lastRunAtMs).toISOString(),
      r.heartbeat ? Math.round(r.heartbeat.everyMs / 1000) : null,
      r.heartbeat ? r.heartbeat.overdue : null,
    ]
      .map(cell)
      .join(','),
  );
  return [header.join(','), ...lines].join('\r\n') + '\r\n';
}
