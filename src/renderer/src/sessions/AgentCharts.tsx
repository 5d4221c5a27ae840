// Per-agent charts for one server: worst session fill and store rows, one line per agent.
import { useQuery } from '@tanstack/react-query';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { AgentMetric } from '../../../shared/session-health';
import { useApi } from '../hooks/api-context';
import { chartRows, rangeMs, type RangeId } from './health-chart-data';

const COLOURS = ['var(--accent)', 'var(--up)', 'var(--pending)', 'var(--down)', 'var(--unknown)'];

function AgentChart({ serverId, metric, label, scale, range, refetchMs }: { serverId: string; metric: AgentMetric; label: string; scale: number; range: RangeId; refetchMs: number }) {
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
  return (
    <figure className="chart" data-testid={`agent-chart-${metric}`} data-agents={series.map((s) => s.agentId).join(',')}>
      <figcaption>{label}</figcaption>
      {data.length === 0 ? (
        <p className="muted">No samples in this range.</p>
      ) : (
        <ResponsiveContainer width="100%" height={150}>
          <LineChart data={data} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
            <XAxis dataKey="t" type="number" domain={['dataMin', 'dataMax']} tickFormatter={(t: number) => new Date(t).toLocaleTimeString()} fontSize={11} />
            <YAxis fontSize={11} width={44} />
            <Tooltip labelFormatter={(t) => new Date(Number(t)).toLocaleString()} />
            <Legend wrapperStyle={{ fontSize: 11 }} />
            {series.map((s, i) => (
              <Line key={s.agentId} type="linear" dataKey={s.agentId} stroke={COLOURS[i]} dot={false} isAnimationActive={false} connectNulls={false} />
            ))}
          </LineChart>
        </ResponsiveContainer>
      )}
    </figure>
  );
}

export function AgentCharts({ serverId, range, refetchMs }: { serverId: string; range: RangeId; refetchMs: number }) {
  return (
    <div className="charts">
      <AgentChart serverId={serverId} metric="max_fill" label="Worst session fill per agent (%)" scale={100} range={range} refetchMs={refetchMs} />
      <AgentChart serverId={serverId} metric="rows" label="Session rows per agent" scale={1} range={range} refetchMs={refetchMs} />
      <AgentChart serverId={serverId} metric="zero_rows" label="Zero-token rows per agent" scale={1} range={range} refetchMs={refetchMs} />
      <AgentChart serverId={serverId} metric="store_bytes" label="Session store per agent (MB)" scale={1 / 1048576} range={range} refetchMs={refetchMs} />
    </div>
  );
}
