// Incidents: related alerts over time, as one thing an operator handled. Pure (the clock is passed
// in), so the incident report can export exactly what the window lists.
//
// Rule: alerts of the same server belong to one incident when each one starts before the incident so
// far has been over for `gapMs` (overlapping, or following within the gap). An outage that drags
// heartbeat alerts along, or a flap that resolves and fires again two minutes later, is one incident.
import type { Alert, AlertSeverity } from '../../shared/domain';
import type { Incident } from '../../shared/console-ui';

export const INCIDENT_GAP_MS = 10 * 60_000;

const RANK: Record<AlertSeverity, number> = { critical: 0, warning: 1, info: 2 };

export function groupIncidents(alerts: readonly Alert[], now: number, gapMs = INCIDENT_GAP_MS): Incident[] {
  const byServer = new Map<string, Alert[]>();
  for (const a of alerts) byServer.set(a.serverId, [...(byServer.get(a.serverId) ?? []), a]);
  const out: Incident[] = [];
  for (const [serverId, list] of byServer) {
    const sorted = [...list].sort((a, b) => a.startedAt - b.startedAt || a.id.localeCompare(b.id));
    let group: Alert[] = [];
    let groupEnd = -Infinity; // the latest end (now for an open alert) in the group so far
    for (const a of sorted) {
      const end = a.resolvedAt ?? now;
      if (group.length && a.startedAt > groupEnd + gapMs) {
        out.push(toIncident(serverId, group));
        group = [];
        groupEnd = -Infinity;
      }
      group.push(a);
      groupEnd = Math.max(groupEnd, end);
    }
    if (group.length) out.push(toIncident(serverId, group));
  }
  // Newest first, like every history list.
  return out.sort((a, b) => b.startedAt - a.startedAt || a.id.localeCompare(b.id));
}

function toIncident(serverId: string, alerts: Alert[]): Incident {
  const startedAt = Math.min(...alerts.map((a) => a.startedAt));
  const open = alerts.some((a) => a.resolvedAt === null);
  const resolvedAt = open ? null : Math.max(...alerts.map((a) => a.resolvedAt!));
  const acks = alerts.map((a) => a.ackedAt).filter((t): t is number => t !== null);
  const firstAckAt = acks.length ? Math.min(...acks) : null;
  const severity = alerts.reduce<AlertSeverity>((worst, a) => (RANK[a.severity] < RANK[worst] ? a.severity : worst), 'info');
  return {
    id: alerts[0]!.id,
    serverId,
    severity,
    startedAt,
    resolvedAt,
    rules: [...new Set(alerts.map((a) => a.rule))],
    alertIds: alerts.map((a) => a.id),
    firstAckAt,
    ttaMs: firstAckAt === null ? null : Math.max(0, firstAckAt - startedAt),
    ttrMs: resolvedAt === null ? null : resolvedAt - startedAt,
  };
}
