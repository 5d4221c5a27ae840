// One server's page (#/servers/<id>): header (status, since, version, uptime, alerts, last probe),
// then its status timeline, charts over a chosen range, active alerts, heartbeats, sessions, gateway
// access and config; the connection check is a tool at the end.
import { ReadOnlyFieldset } from '../access/ReadOnlyFieldset';
import { useEffect, useMemo, useRef, useState } from 'react';
import { CreateReportButton } from '../reports/CreateReportButton';
import { useMutation, useQuery } from '@tanstack/react-query';
import type { ServerView } from '../../../shared/domain';
import { statusIntervals } from '../../../shared/uptime';
import { useApi } from '../hooks/api-context';
import { useAlerts } from '../hooks/use-alerts';
import { useNow } from '../hooks/use-now';
import { useServerDetail } from '../hooks/use-server-detail';
import { useUiStore } from '../state/ui-store';
import { hrefFor, navigate } from '../routes/hash-route';
import { CHART_RANGES, type ChartRangeId } from '../charts/time-axis';
import { GatewayAccessPanel } from '../components/GatewayAccessPanel';
import { ConnectionCheckSection } from '../components/ConnectionCheckSection';
import { SessionHealthPanel } from '../sessions/SessionHealthPanel';
import { ServerHeader } from './ServerHeader';
import { StatusBar, TransitionTable } from './StatusTimeline';
import { ProbeChart } from './ProbeChart';
import { RssChart } from './RssChart';
import { HeartbeatTable } from './HeartbeatTable';
import { SessionTable } from './SessionTable';

export function ServerPage({ id, views, pollIntervalMs }: { id: string; views: ServerView[]; pollIntervalMs: number }) {
  const view = views.find((v) => v.config.id === id);
  if (!view) {
    return (
      <section className="view" aria-label="Server not found">
        <h2>No such server</h2>
        <p>
          It may have been removed. <a href={hrefFor('fleet')}>Back to the fleet</a>
        </p>
      </section>
    );
  }
  return <ServerPageBody key={id} view={view} pollIntervalMs={pollIntervalMs} />;
}

function ServerPageBody({ view, pollIntervalMs }: { view: ServerView; pollIntervalMs: number }) {
  const api = useApi();
  const { config, snapshot } = view;
  const refetchMs = Math.max(5_000, pollIntervalMs);
  const now = useNow(1000);
  // The charts' "now" moves on with each refresh, not every second (a new query key each time).
  const chartNow = useNow(refetchMs);
  const [range, setRange] = useState<ChartRangeId>('3h');
  const spanMs = CHART_RANGES.find((r) => r.id === range)!.ms;
  const from = chartNow - spanMs;
  const detail = useServerDetail(config.id);
  const transitions = useQuery({ queryKey: ['transitions', config.id], queryFn: () => api.call('servers.transitions', { id: config.id, limit: 1000 }) });
  const { active } = useAlerts();
  const alerts = useMemo(() => (active.data ?? []).filter((a) => a.serverId === config.id), [active.data, config.id]);
  const intervals = useMemo(() => statusIntervals(transitions.data ?? [], from, chartNow), [transitions.data, from, chartNow]);
  const heading = useRef<HTMLHeadingElement>(null);
  const setReturnFocusId = useUiStore((s) => s.setReturnFocusId);
  useEffect(() => {
    heading.current?.focus({ preventScroll: false });
    setReturnFocusId(config.id);
  }, [config.id, setReturnFocusId]);
  const stale = !config.enabled;
  const probe = useMutation({ mutationFn: () => api.call('servers.probeNow', { id: config.id }) });
  return (
    <section className={`view server-page${stale ? ' page-stale' : ''}`} aria-label={`Details of ${config.name}`} data-testid="server-detail">
      <header className="detail-head">
        <h2 ref={heading} tabIndex={-1}>
          {config.name} <span className="muted">{config.sshUser}@{config.host}:{config.sshPort}</span>
        </h2>
        <span className="actions">
          <button type="button" className="secondary" onClick={() => probe.mutate()} disabled={probe.isPending || stale}>
            {probe.isPending ? 'Checking…' : 'Check now'}
          </button>
          <CreateReportButton from={{ serverId: config.id, from: now - 24 * 3_600_000, to: now }} label="Report on the last 24 h" />
          <button type="button" className="secondary" onClick={() => navigate(hrefFor('fleet'))} aria-keyshortcuts="Escape">
            Close
          </button>
        </span>
      </header>
      <ServerHeader view={view} transitions={transitions.data ?? []} alerts={alerts} now={now} />
      {snapshot?.error && (
        <p className="error-text" data-testid="detail-error">
          <span className="error-kind">{snapshot.error.kind}</span> {snapshot.error.message}
        </p>
      )}
      <div className="range-picker" role="group" aria-label="Chart range">
        {CHART_RANGES.map((r) => (
          <button key={r.id} type="button" className={r.id === range ? '' : 'secondary'} aria-pressed={r.id === range} onClick={() => setRange(r.id)}>
            {r.label}
          </button>
        ))}
      </div>
      <h3>Status timeline</h3>
      <StatusBar intervals={intervals} from={from} to={chartNow} />
      <div className="charts">
        <ProbeChart id={config.id} from={from} to={chartNow} intervals={intervals} refetchMs={refetchMs} />
        <RssChart id={config.id} from={from} to={chartNow} intervals={intervals} refetchMs={refetchMs} />
      </div>
      <TransitionTable transitions={transitions.data ?? []} />
      <h3>Active alerts</h3>
      {alerts.length === 0 ? (
        <p className="muted" data-testid="server-alerts-none">
          None.
        </p>
      ) : (
        <ul className="alerts" data-testid="server-alerts">
          {alerts.map((a) => (
            <li key={a.id} className="alert" data-rule={a.rule}>
              <span className={`sev sev-${a.severity}`}>{a.severity}</span> {a.summary}
              {a.silencedBy ? <span className="state-tag"> silenced</span> : null}
              {stale ? <span className="state-tag"> paused, stale</span> : null}
            </li>
          ))}
          <li>
            <a href={hrefFor('alerts')}>Acknowledge or silence in Alerts &amp; incidents</a>
          </li>
        </ul>
      )}
      <h3>Heartbeats</h3>
      <HeartbeatTable jobs={detail.heartbeats} now={now} stale={stale} />
      <h3>Sessions</h3>
      <SessionTable sessions={detail.sessions} now={now} />
      <SessionHealthPanel view={view} pollIntervalMs={pollIntervalMs} />
      <ReadOnlyFieldset label="Gateway access">
        <GatewayAccessPanel view={view} />
      </ReadOnlyFieldset>
      <h3>Config</h3>
      <p data-testid="server-config">
        Role <span className="tag">{config.role ?? 'general'}</span>
        {(config.tags ?? []).map((t) => (
          <span key={t} className="tag">
            {t}
          </span>
        ))}{' '}
        · gateway port {config.gatewayPort} · access {config.gatewayAccess ?? 'auto'}
        {config.maintenance ? ' · in maintenance' : ''} · <a href={hrefFor('config')}>config audit for this role</a>
      </p>
      <h3>Tools</h3>
      <ConnectionCheckSection key={config.id} serverId={config.id} />
    </section>
  );
}
