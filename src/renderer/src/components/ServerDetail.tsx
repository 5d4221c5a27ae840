// One server in depth: status timeline with outage lengths, RSS and probe-time charts (gaps kept as
// gaps), heartbeat jobs per agent, and the sessions table (metadata only).
import { useEffect, useRef } from 'react';
import { useQuery } from '@tanstack/react-query';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { SeriesPoint, ServerView } from '../../../shared/domain';
import { useApi } from '../hooks/api-context';
import { formatAgo, formatDuration, formatEvery } from '../format';
import { GatewayAccessPanel } from './GatewayAccessPanel';
import { ConnectionCheckSection } from './ConnectionCheckSection';
import { SessionHealthPanel } from '../sessions/SessionHealthPanel';

const HOUR = 3_600_000;

/** Points for a chart, with a null inserted wherever samples are missing, so the line breaks there. */
export function withGaps(points: SeriesPoint[], maxGapMs: number): Array<{ t: number; v: number | null }> {
  const out: Array<{ t: number; v: number | null }> = [];
  points.forEach((p, i) => {
    const prev = points[i - 1];
    if (prev && p.t - prev.t > maxGapMs) out.push({ t: prev.t + 1, v: null });
    out.push({ t: p.t, v: p.avg });
  });
  return out;
}

function MetricChart({ id, metric, label, scale, pollIntervalMs }: { id: string; metric: 'rss_bytes' | 'probe_ms'; label: string; scale: number; pollIntervalMs: number }) {
  const api = useApi();
  const series = useQuery({
    queryKey: ['series', id, metric],
    queryFn: () => {
      const to = Date.now();
      return api.call('servers.series', { id, metric, from: to - 3 * HOUR, to });
    },
    refetchInterval: Math.max(5_000, pollIntervalMs),
  });
  const data = withGaps(series.data?.points ?? [], Math.max(10 * 60_000, 10 * pollIntervalMs)).map((p) => ({ t: p.t, v: p.v === null ? null : p.v / scale }));
  return (
    <figure className="chart" data-testid={`chart-${metric}`} data-points={data.filter((p) => p.v !== null).length}>
      <figcaption>{label} · last 3 h</figcaption>
      {data.length === 0 ? (
        <p className="muted">No samples yet.</p>
      ) : (
        <ResponsiveContainer width="100%" height={140}>
          <LineChart data={data} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
            <XAxis dataKey="t" type="number" domain={['dataMin', 'dataMax']} tickFormatter={(t: number) => new Date(t).toLocaleTimeString()} fontSize={11} />
            <YAxis fontSize={11} width={48} />
            <Tooltip labelFormatter={(t) => new Date(Number(t)).toLocaleString()} formatter={(v) => [Number(v).toFixed(1), label]} />
            <Line type="linear" dataKey="v" stroke="var(--accent)" dot={false} isAnimationActive={false} connectNulls={false} />
          </LineChart>
        </ResponsiveContainer>
      )}
    </figure>
  );
}

export function ServerDetail({ view, pollIntervalMs, onClose }: { view: ServerView; pollIntervalMs: number; onClose(): void }) {
  const api = useApi();
  const { config, snapshot } = view;
  const transitions = useQuery({ queryKey: ['transitions', config.id], queryFn: () => api.call('servers.transitions', { id: config.id, limit: 50 }) });
  const now = Date.now();
  // Opened from the keyboard or a click: bring it into view and take focus; give focus back on close.
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    ref.current?.scrollIntoView?.({ block: 'start' });
    ref.current?.focus({ preventScroll: true });
    return () => {
      if (previous?.isConnected) previous.focus({ preventScroll: true });
    };
  }, [config.id]);
  return (
    <section className="detail" aria-label={`Details of ${config.name}`} data-testid="server-detail" ref={ref} tabIndex={-1}>
      <header className="detail-head">
        <h2>{config.name}</h2>
        <button type="button" className="secondary" onClick={onClose} aria-keyshortcuts="Escape">
          Close
        </button>
      </header>
      {snapshot?.error && (
        <p className="error-text" data-testid="detail-error">
          <span className="error-kind">{snapshot.error.kind}</span> {snapshot.error.message}
        </p>
      )}
      <ConnectionCheckSection key={config.id} serverId={config.id} />
      <div className="charts">
        <MetricChart id={config.id} metric="rss_bytes" label="Gateway RSS (MB)" scale={1048576} pollIntervalMs={pollIntervalMs} />
        <MetricChart id={config.id} metric="probe_ms" label="Probe time (ms)" scale={1} pollIntervalMs={pollIntervalMs} />
      </div>
      <GatewayAccessPanel view={view} />
      <SessionHealthPanel view={view} pollIntervalMs={pollIntervalMs} />
      <h3>Status timeline</h3>
      <table className="mini" data-testid="timeline">
        <thead>
          <tr>
            <th>When</th>
            <th>Change</th>
            <th>Outage</th>
            <th>Reason</th>
          </tr>
        </thead>
        <tbody>
          {(transitions.data ?? []).map((t) => (
            <tr key={`${t.at}-${t.to}`} data-testid="transition" data-to={t.to}>
              <td>{new Date(t.at).toLocaleString()}</td>
              <td>
                {t.from} → {t.to}
              </td>
              <td data-testid="outage">{t.outageMs != null ? formatDuration(t.outageMs) : ''}</td>
              <td className="error-text">{t.errorKind ? `${t.errorKind}: ${t.errorMessage ?? ''}` : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Heartbeats</h3>
      {snapshot?.heartbeats?.length ? (
        <table className="mini" data-testid="heartbeats">
          <thead>
            <tr>
              <th>Agent</th>
              <th>Every</th>
              <th>Last run</th>
              <th>Status</th>
              <th>Errors in a row</th>
              <th>Next</th>
            </tr>
          </thead>
          <tbody>
            {snapshot.heartbeats.map((h) => (
              <tr key={h.agentId}>
                <td className="agent-id">{h.agentId}</td>
                <td>{h.enabled ? formatEvery(h.everyMs) : 'off'}</td>
                <td>{h.lastRunAtMs != null ? formatAgo(h.lastRunAtMs, now) : 'not yet'}</td>
                <td>{h.runningAtMs != null ? `running ${formatDuration(now - h.runningAtMs)}` : (h.lastRunStatus ?? '—')}</td>
                <td>{h.consecutiveErrors ?? 0}</td>
                <td>{h.nextRunAtMs != null ? new Date(h.nextRunAtMs).toLocaleTimeString() : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted">No heartbeat jobs reported (CLI-only access, or an older gateway).</p>
      )}
      <h3>Sessions</h3>
      {snapshot?.sessions?.length ? (
        <table className="mini" data-testid="sessions">
          <thead>
            <tr>
              <th>Session</th>
              <th>Agent</th>
              <th>Status</th>
              <th>Context</th>
              <th>Route</th>
              <th>Updated</th>
            </tr>
          </thead>
          <tbody>
            {snapshot.sessions.slice(0, 200).map((x) => {
              const fill = x.estimatedPromptTokens != null && x.contextTokenBudget ? x.estimatedPromptTokens / x.contextTokenBudget : null;
              return (
                <tr key={x.key}>
                  <td className="agent-id">{x.key}</td>
                  <td>{x.agentId ?? '—'}</td>
                  <td>{x.status ?? '—'}</td>
                  <td>{fill != null ? `${Math.round(fill * 100)} %` : '—'}</td>
                  <td>{x.shouldCompact ? `${x.route ?? ''} (compaction due)` : (x.route ?? '—')}</td>
                  <td>{x.updatedAt != null ? formatAgo(x.updatedAt, now) : '—'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : (
        <p className="muted">No sessions reported.</p>
      )}
    </section>
  );
}
