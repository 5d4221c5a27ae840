// Per-agent charts for one server: worst session fill and store rows, one line per agent.
import { useQuery } from '@tanstack/react-query';
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { AgentMetric } from '../../../shared/session-health';
import { useApi } from '../hooks/api-context';
import { useHygieneMarkers } from '../hygiene/use-hygiene';
import { chartRows, rangeMs, type RangeId } from './health-chart-data';
import { timeAxisProps } from '../charts/time-axis';

const COLOURS = ['var(--accent)', 'var(--up)', 'var(--pending)', 'var(--down)', 'var(--unknown)'];

function AgentChart({ serverId, serverName, metric, label, unit, scale, range, refetchMs }: { serverId: string; serverName: string; metric: AgentMetric; label: string; unit: string; scale: number; range: RangeId; refetchMs: number }) {
  const api = useApi();
  const q = useQuery({
    queryKey: ['sessions.agentSeries', serverId, metric, range],
    queryFn: () => {
      const to = Date.now();
      return api.call('sessions.agentSeries', { id: serverId, metric, from: to - rangeMs(range), to });
    },
    refetchInterval: refetchMs,
  });
  const series = (q.data?.series ?? []).slice(0, COLOURS.length);
  // recharts wants one row per x; agents are merged by time, each in its own column.
  const byT = new Map<number, Record<string, number | null>>();
  for (const s of series) {
    for (const r of chartRows(s.points, q.data?.resolutionMs ?? 0, scale)) {
      const row = byT.get(r.t) ?? { t: r.t };
      row[s.agentId] = r.v;
      byT.set(r.t, row);
    }
  }
  const data = [...byT.values()].sort((a, b) => a.t! - b.t!);
  // Hygiene runs on this server, marked where they finished (issue 18).
  const now = Date.now();
  const markers = useHygieneMarkers(serverId, now - rangeMs(range), now).data ?? [];
  const runs = [...new Map(markers.map((m) => [m.runId, m])).values()];
  return (
    <figure
      className="chart"
      data-testid={`agent-chart-${metric}`}
      data-agents={series.map((s) => s.agentId).join(',')}
      data-series={series.map((s) => `${s.agentId}:${s.points.map((p) => p.avg).join(',')}`).join(';')}
      data-hygiene-markers={markers.map((m) => `${m.agentId}:${m.rowsBefore ?? ''}>${m.rowsAfter ?? ''}`).join(',')}
    >
      <figcaption>
        {label} · {serverName}
      </figcaption>
      {data.length === 0 ? (
        <p className="muted">No samples in this range.</p>
      ) : (
        <ResponsiveContainer width="100%" height={150}>
          <LineChart data={data} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
            <XAxis {...timeAxisProps(Date.now() - rangeMs(range), Date.now())} />
            <YAxis fontSize={11} width={48} label={{ value: unit, angle: -90, position: 'insideLeft', fontSize: 11, fill: 'var(--muted)' }} />
            <Tooltip labelFormatter={(t) => new Date(Number(t)).toLocaleString()} />
            <Legend wrapperStyle={{ fontSize: 11 }} />
            {runs.map((m) => (
              <ReferenceLine key={m.runId} x={m.t} ifOverflow="extendDomain" stroke={m.outcome === 'failed' ? 'var(--down)' : 'var(--accent)'} strokeDasharray="4 2" label={{ value: 'hygiene', fontSize: 10, position: 'insideTopRight' }} />
            ))}
            {series.map((s, i) => (
              <Line key={s.agentId} type="linear" dataKey={s.agentId} stroke={COLOURS[i]} dot={false} isAnimationActive={false} connectNulls={false} />
            ))}
          </LineChart>
        </ResponsiveContainer>
      )}
    </figure>
  );
}

export function AgentCharts({ serverId, serverName, range, refetchMs }: { serverId: string; serverName: string; range: RangeId; refetchMs: number }) {
  return (
    <div className="charts">
      <AgentChart serverId={serverId} serverName={serverName} metric="max_fill" label="Worst session fill per agent (%)" unit="%" scale={100} range={range} refetchMs={refetchMs} />
      <AgentChart serverId={serverId} serverName={serverName} metric="rows" label="Session rows per agent" unit="rows" scale={1} range={range} refetchMs={refetchMs} />
      <AgentChart serverId={serverId} serverName={serverName} metric="zero_rows" label="Zero-token rows per agent" unit="rows" scale={1} range={range} refetchMs={refetchMs} />
      <AgentChart serverId={serverId} serverName={serverName} metric="store_bytes" label="Session store per agent (MB)" unit="MB" scale={1 / 1048576} range={range} refetchMs={refetchMs} />
    </div>
  );
}
