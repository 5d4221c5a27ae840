// Yardmaster alerts as Alertmanager v2 API alerts (POST /api/v2/alerts). Labels are the alert's
// identity in Alertmanager (its fingerprint), so they hold only what never changes during one alert:
// the rule, severity, server, agent and role. Console state (acknowledged, silenced) rides in
// annotations, which can change without making a new alert there.
import type { Alert } from '../../shared/domain';

export interface AmServerInfo {
  name: string;
  role: string;
}

export interface AmAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt: string;
  generatorURL?: string;
}

/** Label values must be valid UTF-8; ours are names and ids, but cap them so one odd name cannot bloat every push. */
const label = (v: string) => v.replace(/[\u0000-\u001f\u007f]/g, ' ').slice(0, 200);

export function toAmAlert(alert: Alert, server: AmServerInfo | null, o: { now: number; firingTtlMs: number; consoleUrl: string | null }): AmAlert {
  const labels: Record<string, string> = {
    alertname: label(alert.rule),
    rule: label(alert.rule),
    severity: alert.severity,
    server: label(server?.name ?? alert.serverId),
    server_id: label(alert.serverId),
    role: label(server?.role ?? 'unassigned'),
    source: 'yardmaster',
  };
  if (alert.agentId) labels.agent = label(alert.agentId);
  const state = alert.silencedBy ? 'silenced' : alert.inhibited ? 'inhibited' : alert.ackedAt !== null ? 'acknowledged' : 'firing';
  const annotations: Record<string, string> = { summary: alert.summary, console_state: state, yardmaster_alert_id: alert.id };
  if (alert.ackedBy) annotations.acknowledged_by = alert.ackedBy;
  return {
    labels,
    annotations,
    startsAt: new Date(alert.startedAt).toISOString(),
    // A firing alert expires by itself if we stop re-sending it (the console died): Alertmanager then
    // resolves it rather than keeping a stale page forever. A resolved one carries its real end.
    endsAt: new Date(alert.resolvedAt ?? o.now + o.firingTtlMs).toISOString(),
    ...(o.consoleUrl ? { generatorURL: o.consoleUrl } : {}),
  };
}
