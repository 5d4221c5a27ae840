// Alert history filtering (pure): severity, server, rule, state and free-text search.
import type { Alert } from '../../../shared/domain';

export interface HistoryFilter {
  severity: string;
  serverId: string;
  rule: string;
  state: '' | 'active' | 'resolved';
  search: string;
}

export const NO_FILTER: HistoryFilter = { severity: '', serverId: '', rule: '', state: '', search: '' };

export function filterHistory(alerts: Alert[], f: HistoryFilter, serverName: (id: string) => string): Alert[] {
  const q = f.search.trim().toLowerCase();
  return alerts.filter(
    (a) =>
      (!f.severity || a.severity === f.severity) &&
      (!f.serverId || a.serverId === f.serverId) &&
      (!f.rule || a.rule === f.rule) &&
      (!f.state || (f.state === 'active' ? a.resolvedAt === null : a.resolvedAt !== null)) &&
      (!q || [a.summary, a.rule, a.agentId ?? '', serverName(a.serverId)].some((s) => s.toLowerCase().includes(q))),
  );
}
