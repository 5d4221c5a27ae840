// The top of a server's page: status and since when, version, uptime over 24 h / 7 d / 30 d, active
// alerts and the last probe; a paused server says its data is stale.
import type { Alert, ServerView, StatusTransition } from '../../../shared/domain';
import { statusIntervals, uptimeFraction } from '../../../shared/uptime';
import { formatAgo, formatDuration, formatPercent } from '../format';
import { hrefFor } from '../routes/hash-route';
import { StatusBadge } from '../components/StatusBadge';

const DAY = 24 * 3_600_000;

export function uptimeOver(transitions: StatusTransition[], view: ServerView, spanMs: number, now: number): number | null {
  const snap = view.snapshot;
  // No transition recorded yet: the current status since it began is all there is.
  const history = transitions.length || !snap ? transitions : [{ serverId: snap.serverId, at: snap.statusSince, from: 'UNKNOWN' as const, to: snap.status, outageMs: null, errorKind: null, errorMessage: null }];
  const end = view.config.enabled ? now : (snap?.checkedAt ?? now);
  return uptimeFraction(statusIntervals(history, end - spanMs, end));
}

export function ServerHeader({ view, transitions, alerts, now }: { view: ServerView; transitions: StatusTransition[]; alerts: Alert[]; now: number }) {
  const { config, snapshot } = view;
  const paused = !config.enabled;
  const worst = alerts.find((a) => a.severity === 'critical') ?? alerts[0];
  return (
    <div className="server-header" data-testid="server-header">
      <div className="server-header-main">
        <StatusBadge status={paused ? 'PAUSED' : (snapshot?.status ?? 'UNKNOWN')} />
        <span data-testid="status-since">
          {snapshot ? (paused ? `last seen ${snapshot.status} · data stale since ${formatAgo(snapshot.checkedAt, now)}` : `${snapshot.status} for ${formatDuration(now - snapshot.statusSince)} (since ${new Date(snapshot.statusSince).toLocaleString()})`) : 'not probed yet'}
        </span>
      </div>
      <dl className="facts">
        <div>
          <dt>Version</dt>
          <dd data-testid="header-version">{snapshot?.version ?? '—'}</dd>
        </div>
        {([
          ['24 h', DAY],
          ['7 d', 7 * DAY],
          ['30 d', 30 * DAY],
        ] as const).map(([label, span]) => (
          <div key={label}>
            <dt>Uptime {label}</dt>
            <dd data-testid={`uptime-${label.replace(' ', '')}`}>{formatPercent(uptimeOver(transitions, view, span, now), 2)}</dd>
          </div>
        ))}
        <div>
          <dt>Active alerts</dt>
          <dd data-testid="header-alerts">
            {alerts.length === 0 ? (
              'none'
            ) : (
              <a href={hrefFor('alerts')}>
                {alerts.length} · worst: {worst!.summary}
              </a>
            )}
          </dd>
        </div>
        <div>
          <dt>Last probe</dt>
          <dd data-testid="header-last-probe">
            {snapshot ? `${formatAgo(snapshot.checkedAt, now)}${snapshot.error ? ` · ${snapshot.error.kind}` : ''}` : 'not yet'}
            {paused && ' · paused, not probing'}
          </dd>
        </div>
      </dl>
      <p className="muted">Uptime counts time UP against time DOWN; maintenance, pending and unobserved time count neither way.</p>
    </div>
  );
}
