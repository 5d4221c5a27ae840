// One session's context fill over time, with its compactions marked and its growth forecast.
import { useQuery } from '@tanstack/react-query';
import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useApi } from '../hooks/api-context';
import { chartRows, rangeMs, trendText, type RangeId } from './health-chart-data';
import { timeAxisProps } from '../charts/time-axis';
import { RevealSessionKey } from './RevealSessionKey';

export function SessionFillChart({ serverId, serverName, sessionKey, range, refetchMs }: { serverId: string; serverName: string; sessionKey: string; range: RangeId; refetchMs: number }) {
  const api = useApi();
  const series = useQuery({
    queryKey: ['sessions.series', serverId, sessionKey, range],
    queryFn: () => {
      const to = Date.now();
      return api.call('sessions.series', { id: serverId, dimension: `session:${sessionKey}`, metric: 'fill', from: to - rangeMs(range), to });
    },
    refetchInterval: refetchMs,
  });
  const data = series.data;
  const rows = chartRows(data?.points ?? [], data?.resolutionMs ?? 0, 100);
  const markers = data?.compactions ?? [];
  const values = rows.filter((r) => r.v !== null);
  return (
    <figure
      className="chart"
      data-testid="session-fill-chart"
      data-session={sessionKey}
      data-points={values.length}
      // Whole percentages in time order: what the line shows, for tests and for screen readers' sake.
      data-fills={values.map((r) => Math.round(r.v!)).join(',')}
      data-compactions={markers.length}
      data-compaction-counts={markers.map((m) => m.count ?? '?').join(',')}
    >
      <figcaption>
        Context fill of <span className="agent-id">{sessionKey}</span>
        <RevealSessionKey key={`${serverId}/${sessionKey}`} serverId={serverId} session={sessionKey} /> on {serverName} (%) · {trendText(data?.trend ?? null)}
        {markers.length > 0 && ` · ${markers.length} compaction${markers.length > 1 ? 's' : ''}`}
      </figcaption>
      {series.isError ? (
        <p className="form-error">Could not load: {series.error.message}</p>
      ) : values.length === 0 ? (
        <p className="muted">No samples in this range.</p>
      ) : (
        <ResponsiveContainer width="100%" height={180}>
          <LineChart data={rows} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
            <XAxis {...timeAxisProps(Date.now() - rangeMs(range), Date.now())} />
            <YAxis domain={[0, 100]} fontSize={11} width={44} label={{ value: '%', angle: -90, position: 'insideLeft', fontSize: 11, fill: 'var(--muted)' }} />
            <Tooltip labelFormatter={(t) => new Date(Number(t)).toLocaleString()} formatter={(v) => [`${Number(v).toFixed(0)} %`, 'fill']} />
            <ReferenceLine y={85} stroke="var(--pending)" strokeDasharray="4 4" label={{ value: '85 % warning', fontSize: 10, fill: 'var(--muted)', position: 'insideBottomLeft' }} />
            {markers.map((m) => (
              <ReferenceLine
                key={`${m.t}`}
                x={m.t}
                stroke="var(--down)"
                strokeDasharray="2 2"
                label={{ value: m.count !== null ? `compaction #${m.count}` : 'compaction?', fontSize: 10, fill: 'var(--muted)', position: 'insideTopRight' }}
              />
            ))}
            <Line type="linear" dataKey="v" stroke="var(--accent)" dot={rows.length < 60} isAnimationActive={false} connectNulls={false} />
          </LineChart>
        </ResponsiveContainer>
      )}
    </figure>
  );
}
