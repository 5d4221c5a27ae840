// What is wrong now, grouped by server and severity (worst first). Silenced, muted and paused alerts
// say so in words and look quieter; each shows its live facts beside the summary it was raised with.
import { useMutation } from '@tanstack/react-query';
import { CreateReportButton } from '../reports/CreateReportButton';
import type { Alert, ServerView } from '../../../shared/domain';
import { useApi } from '../hooks/api-context';
import { useReadOnly } from '../access/use-read-only';
import { SEVERITY_ORDER } from '../hooks/use-alerts';
import { formatAgo, formatDuration } from '../format';
import { hrefFor } from '../routes/hash-route';
import { liveFacts } from './live-facts';
import type { SilenceDraft } from './SilenceEditor';

function ActiveAlert({ alert, view, now, silenceEnds, onSilence }: { alert: Alert; view: ServerView | undefined; now: number; silenceEnds: number | null; onSilence(d: SilenceDraft): void }) {
  const api = useApi();
  const ack = useMutation({ mutationFn: () => api.call('alerts.ack', { id: alert.id }) });
  const facts = liveFacts(alert, view, now);
  const quiet = alert.silencedBy !== null || alert.inhibited || facts.stale;
  const readOnly = useReadOnly();
  return (
    <li
      className={`alert alert-${alert.severity}${quiet ? ' alert-muted' : ''}${alert.silencedBy ? ' alert-silenced' : ''}`}
      data-testid="alert"
      data-rule={alert.rule}
      data-server-name={view?.config.name ?? 'removed server'}
      data-agent-id={alert.agentId ?? undefined}
      data-alert-id={alert.id}
      data-state={alert.silencedBy ? 'silenced' : alert.inhibited ? 'muted' : facts.stale ? 'stale' : 'firing'}
      tabIndex={-1}
    >
      <span className={`sev sev-${alert.severity}`}>{alert.severity}</span> <span className="alert-summary">{alert.summary}</span>
      <span className="muted"> · for {formatDuration(now - alert.startedAt)}</span>
      {facts.text && (
        <span className={facts.clearing ? 'alert-live clearing' : 'alert-live muted'} data-testid="alert-live">
          {' '}
          · {facts.text}
          {facts.clearing ? ' — clearing (resolves after the hold-down)' : ''}
        </span>
      )}
      {alert.inhibited && <span className="state-tag"> muted: server down</span>}
      {facts.stale && (
        <span className="state-tag" data-testid="alert-stale">
          {' '}
          paused, stale
        </span>
      )}
      {alert.silencedBy && (
        <span className="state-tag" data-testid="alert-silenced">
          {' '}
          silenced{silenceEnds ? ` until ${new Date(silenceEnds).toLocaleTimeString()}` : ''}
        </span>
      )}
      {alert.ackedAt !== null ? (
        <span className="muted" data-testid="alert-acked">
          {' '}
          · acknowledged by {alert.ackedBy} {formatAgo(alert.ackedAt, now)}
        </span>
      ) : (
        <button type="button" className="secondary" onClick={() => ack.mutate()} disabled={ack.isPending}>
          Acknowledge
        </button>
      )}
      {!alert.silencedBy && (
        <button type="button" className="secondary" disabled={Boolean(readOnly)} title={readOnly ?? undefined} onClick={() => onSilence({ rule: alert.rule, serverId: alert.serverId, agentId: alert.agentId ?? '' })}>
          Silence…
        </button>
      )}
      <CreateReportButton from={{ alertId: alert.id }} label="Report" />
    </li>
  );
}

export function ActiveAlerts({ alerts, views, now, silenceEnd, onSilence }: { alerts: Alert[]; views: ServerView[]; now: number; silenceEnd(id: string): number | null; onSilence(d: SilenceDraft): void }) {
  const api = useApi();
  const unacked = alerts.filter((a) => a.ackedAt === null);
  const ackAll = useMutation({ mutationFn: () => api.call('alerts.ackAll', { ids: unacked.map((a) => a.id) }) });
  const byId = new Map(views.map((v) => [v.config.id, v]));
  const groups = new Map<string, Alert[]>();
  for (const a of alerts) groups.set(a.serverId, [...(groups.get(a.serverId) ?? []), a]);
  const ordered = [...groups.entries()]
    .map(([serverId, list]) => [serverId, [...list].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.startedAt - b.startedAt)] as const)
    .sort(([, a], [, b]) => SEVERITY_ORDER[a[0]!.severity] - SEVERITY_ORDER[b[0]!.severity] || a[0]!.startedAt - b[0]!.startedAt);
  return (
    <section className="panel" aria-label="Active alerts" data-testid="active-alerts">
      <header className="panel-head">
        <h2>Active alerts ({alerts.length})</h2>
        <button type="button" className="secondary" disabled={unacked.length === 0 || ackAll.isPending} onClick={() => ackAll.mutate()}>
          Acknowledge all ({unacked.length})
        </button>
      </header>
      {alerts.length === 0 ? (
        <p className="muted" data-testid="no-alerts">
          No active alerts.
        </p>
      ) : (
        ordered.map(([serverId, list]) => {
          const view = byId.get(serverId);
          return (
            <div key={serverId} className="alert-group" data-testid="alert-group" data-server-name={view?.config.name ?? 'removed server'}>
              <h3>
                {view ? <a href={hrefFor('servers', serverId)}>{view.config.name}</a> : 'removed server'}
                <span className="muted"> · {list.length} active</span>
              </h3>
              <ul className="alerts">
                {list.map((a) => (
                  <ActiveAlert key={a.id} alert={a} view={view} now={now} silenceEnds={a.silencedBy ? silenceEnd(a.silencedBy) : null} onSilence={onSilence} />
                ))}
              </ul>
            </div>
          );
        })
      )}
    </section>
  );
}
