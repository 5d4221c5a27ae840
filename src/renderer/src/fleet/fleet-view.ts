// The fleet table's view model: flat rows, search/filter, sort, the fleet's majority version (for
// skew), and CSV of exactly what is shown. Pure functions, so they are tested without a browser.
import type { ServerStatus, ServerView } from '../../../shared/domain';

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
  rssBytes: number | null;
  lastCheck: number | null;
  error: string | null;
}

export type SortKey = 'name' | 'status' | 'role' | 'version' | 'agents' | 'sessions' | 'worstFill' | 'rssBytes' | 'lastCheck';
export interface Filters {
  search: string;
  status: string;
  role: string;
}

export function toRows(views: ServerView[]): FleetRow[] {
  return views.map(({ config, snapshot }) => {
    const fills = (snapshot?.sessions ?? [])
      .map((s) => (s.estimatedPromptTokens != null && s.contextTokenBudget ? s.estimatedPromptTokens / s.contextTokenBudget : null))
      .filter((f): f is number => f !== null);
    return {
      id: config.id,
      name: config.name,
      status: !config.enabled ? 'PAUSED' : (snapshot?.status ?? 'UNKNOWN'),
      role: config.role ?? 'general',
      tags: config.tags ?? [],
      host: config.host,
      version: snapshot?.version ?? null,
      agents: snapshot?.agents.length ?? 0,
      sessions: snapshot?.sessions ? snapshot.sessions.length : snapshot ? snapshot.agents.reduce((n, a) => n + (a.sessionCount ?? 0), 0) : null,
      worstFill: fills.length ? Math.max(...fills) : null,
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
      (!q || [r.name, r.host, r.role, r.version ?? '', ...r.tags].some((v) => v.toLowerCase().includes(q))),
  );
}

/** Worst first for status; nulls always last. */
const STATUS_ORDER: Record<FleetRow['status'], number> = { DOWN: 0, PENDING: 1, UNKNOWN: 2, MAINTENANCE: 3, PAUSED: 4, UP: 5 };

export function sortRows(rows: FleetRow[], key: SortKey, dir: 'asc' | 'desc'): FleetRow[] {
  const value = (r: FleetRow): string | number | null => (key === 'status' ? STATUS_ORDER[r.status] : r[key]);
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

/** RFC 4180 CSV; cells that a spreadsheet would run as a formula are prefixed with '. */
export function toCsv(rows: FleetRow[]): string {
  const header = ['name', 'status', 'role', 'tags', 'host', 'version', 'agents', 'sessions', 'worst_context_fill', 'rss_mb', 'last_check', 'problem'];
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
    ]
      .map(cell)
      .join(','),
  );
  return [header.join(','), ...lines].join('\r\n') + '\r\n';
}
