// The in-app alert centre (the same in the desktop window and a browser): what is wrong now, worst
// first, with acknowledge; and what recently recovered, with how long it lasted.
import { useEffect } from 'react';
import { useMutation } from '@tanstack/react-query';
import type { Alert, ServerView } from '../../../shared/domain';
import { useApi } from '../hooks/api-context';
import { useNow } from '../hooks/use-now';
import { useAlerts } from '../hooks/use-alerts';
import { formatAgo, formatDuration } from '../format';
import { WebhooksPanel } from './WebhooksPanel';
import { EmailPanel } from './EmailPanel';

const ORDER: Record<Alert['severity'], number> = { critical: 0, warning: 1, info: 2 };


function ActiveAlert({ alert, serverName, now }: { alert: Alert; serverName: string; now: number }) {
  const api = useApi();
  const ack = useMutation({ mutationFn: () => api.call('alerts.ack', { id: alert.id }) });
  const silence = useMutation({
    mutationFn: () =>
      api.call('silences.create', {
        matchers: { rule: alert.rule, serverId: alert.serverId, ...(alert.agentId ? { agentId: alert.agentId } : {}) },
        durationMs: 3_600_000,
        comment: 'silenced from the alert centre',
      }),
  });
  return (
    <li className={`alert alert-${alert.severity}${alert.inhibited ? ' alert-muted' : ''}`} data-testid="alert" data-rule={alert.rule} data-server-name={serverName} data-agent-id={alert.agentId ?? undefined} data-alert-id={alert.id} tabIndex={-1}>
      <span className={`sev sev-${alert.severity}`}>{alert.severity}</span> <span>{alert.summary}</span>
      <span className="muted"> · since {formatAgo(alert.startedAt, now)}</span>
      {alert.inhibited && <span className="muted"> · muted (server down)</span>}
      {alert.silencedBy && (
        <span className="muted" data-testid="alert-silenced">
          {' '}
          · silenced
        </span>
      )}
      {alert.ackedAt !== null ? (
        <span className="muted" data-testid="alert-acked">
          {' '}
          · acknowledged by {alert.ackedBy}
        </span>
      ) : (
        <button type="button" className="secondary" onClick={() => ack.mutate()} disabled={ack.isPending}>
          Acknowledge
        </button>
      )}
      {!alert.silencedBy && (
        <button type="button" className="secondary" onClick={() => silence.mutate()} disabled={silence.isPending}>
          Silence 1 h
        </button>
      )}
    </li>
  );
}

export function AlertCentre({ views }: { views: ServerView[] }) {
  const api = useApi();
  const { active, recent, silences } = useAlerts();
  const expire = useMutation({ mutationFn: (id: string) => api.call('silences.expire', { id }) });
  const now = useNow(1000);
  const name = (id: string) => views.find((v) => v.config.id === id)?.config.name ?? 'removed server';
  const open = [...(active.data ?? [])].sort((a, b) => ORDER[a.severity] - ORDER[b.severity] || a.startedAt - b.startedAt);
  const resolved = (recent.data ?? []).filter((a) => a.resolvedAt !== null).slice(0, 5);
  // The desktop shell points here when its notification is clicked: scroll to the alert and focus it.
  useEffect(
    () =>
      api.bridge.subscribe('ui.focusAlert', (data) => {
        const { alertId } = data as { alertId: string };
        const el = document.querySelector<HTMLElement>(`[data-alert-id="${CSS.escape(alertId)}"]`);
        el?.scrollIntoView({ block: 'center' });
        el?.focus();
      }),
    [api],
  );
  return (
    <section className="alert-centre" aria-label="Alerts">
      <h2>Alerts</h2>
      {open.length === 0 ? (
        <p className="muted" data-testid="no-alerts">
          No active alerts.
        </p>
      ) : (
        <ul className="alerts">
          {open.map((a) => (
            <ActiveAlert key={a.id} alert={a} serverName={name(a.serverId)} now={now} />
          ))}
        </ul>
      )}
      {(silences.data ?? []).length > 0 && (
        <ul className="alerts" aria-label="Silences">
          {(silences.data ?? []).map((s) => (
            <li key={s.id} className="alert" data-testid="silence">
              <span className="muted">
                Silence{s.matchers.rule ? ` of ${s.matchers.rule}` : ' of everything'}
                {s.matchers.serverId ? ` on ${name(s.matchers.serverId)}` : ''} until {new Date(s.endsAt).toLocaleTimeString()} by {s.author}
                {s.comment ? ` (${s.comment})` : ''}
              </span>
              <button type="button" className="secondary" onClick={() => expire.mutate(s.id)}>
                End silence
              </button>
            </li>
          ))}
        </ul>
      )}
      <WebhooksPanel />
      <EmailPanel />
      {resolved.length > 0 && (
        <details className="resolved">
          <summary className="muted">Recently resolved</summary>
          <ul className="alerts">
            {resolved.map((a) => (
              <li key={a.id} className="alert alert-resolved" data-testid="resolved-alert" data-rule={a.rule} data-server-name={name(a.serverId)}>
                <span>{a.summary}</span>
                <span className="muted">
                  {' '}
                  · lasted {formatDuration(a.resolvedAt! - a.startedAt)}, resolved {formatAgo(a.resolvedAt!, now)}
                </span>
              </li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}
