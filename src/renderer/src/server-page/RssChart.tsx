// Gateway memory (RSS, MB) over the chosen range: gaps where nothing was sampled and at every
// outage (no line drawn across one), outages and maintenance as bands.
import { useQuery } from '@tanstack/react-query';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { StatusInterval } from '../../../shared/uptime';
import { useApi } from '../hooks/api-context';
import { formatNumber } from '../format';
import { chartRows } from '../sessions/health-chart-data';
import { timeAxisProps } from '../charts/time-axis';
import { BAND_LEGEND, ChartLegend, outageBands } from '../charts/outage-bands';

export function RssChart({ id, from, to, intervals, refetchMs }: { id: string; from: number; to: number; intervals: StatusInterval[]; refetchMs: number }) {
  const api = useApi();
  const q = useQuery({
    queryKey: ['series', id, 'rss_bytes', from, to],
    queryFn: () => api.call('servers.series', { id, metric: 'rss_bytes', from, to }),
    refetchInterval: refetchMs,
    placeholderData: (prev) => prev,
  });
  const rows = chartRows(q.data?.points ?? [], q.data?.resolutionMs ?? 0, 1 / 1048576);
  // A break at the start of every outage, even a short one, so the line never bridges it.
  for (const i of intervals) if (i.status === 'DOWN') rows.push({ t: i.from, v: null, max: null });
  rows.sort((a, b) => a.t - b.t);
  const points = rows.filter((r) => r.v !== null).length;
  return (
    <figure className="chart" data-testid="chart-rss_bytes" data-points={points}>
      <figcaption>Gateway memory (RSS, MB)</figcaption>
      {q.isError ? (
        <p className="form-error">Could not load: {q.error.message}</p>
      ) : points === 0 ? (
        <p className="muted">No samples in this range.</p>
      ) : (
        <ResponsiveContainer width="100%" height={160}>
          <LineChart data={rows} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
            {outageBands(intervals)}
            <XAxis {...timeAxisProps(from, to)} />
            <YAxis fontSize={11} width={56} tickFormatter={(v: number) => formatNumber(v)} label={{ value: 'MB', angle: -90, position: 'insideLeft', fontSize: 11, fill: 'var(--muted)' }} />
            <Tooltip labelFormatter={(t) => new Date(Number(t)).toLocaleString()} formatter={(v) => [`${formatNumber(Number(v), 1)} MB`, 'RSS']} />
            <Line type="linear" dataKey="v" stroke="var(--accent)" dot={false} isAnimationActive={false} connectNulls={false} />
          </LineChart>
        </ResponsiveContainer>
      )}
      <ChartLegend items={[{ swatch: 'line', colour: 'var(--accent)', text: 'RSS (MB)' }, ...BAND_LEGEND]} />
    </figure>
  );
}
