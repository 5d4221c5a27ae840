// Probe timing of one server over the chosen range. Successful probes are a latency line (ms);
// failed probes are red bars on their own axis (a timeout is a failure, never a 45,000 ms "latency"
// spike); buckets without any probe are gaps; outages and maintenance are shaded bands.
import { useQuery } from '@tanstack/react-query';
import { Bar, CartesianGrid, ComposedChart, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ProbeTimeline } from '../../../shared/console-ui';
import type { StatusInterval } from '../../../shared/uptime';
import { useApi } from '../hooks/api-context';
import { formatMs, formatNumber } from '../format';
import { timeAxisProps } from '../charts/time-axis';
import { BAND_LEGEND, ChartLegend, outageBands } from '../charts/outage-bands';

/** Every bucket slot of the range, empty ones as nulls, so the line breaks where nothing was probed. */
export function probeRows(tl: ProbeTimeline): Array<{ t: number; ok: number | null; failed: number | null; probes: number }> {
  const slots = Math.max(1, Math.ceil((tl.to - tl.from) / tl.bucketMs) + 1);
  const out = Array.from({ length: slots }, (_, i) => ({ t: tl.from + i * tl.bucketMs, ok: null as number | null, failed: null as number | null, probes: 0 }));
  for (const b of tl.buckets) {
    const slot = out[Math.floor((b.t - tl.from) / tl.bucketMs)];
    if (!slot) continue;
    slot.ok = b.okAvgMs;
    slot.failed = b.failures > 0 ? b.failures : null;
    slot.probes = b.probes;
  }
  return out;
}

export function ProbeChart({ id, from, to, intervals, refetchMs }: { id: string; from: number; to: number; intervals: StatusInterval[]; refetchMs: number }) {
  const api = useApi();
  const q = useQuery({
    queryKey: ['probeTimeline', id, from, to],
    queryFn: () => api.call('servers.probeTimeline', { id, from, to, buckets: 180 }),
    refetchInterval: refetchMs,
    placeholderData: (prev) => prev,
  });
  const rows = q.data ? probeRows(q.data) : [];
  const okPoints = rows.filter((r) => r.ok !== null).length;
  const failures = rows.reduce((n, r) => n + (r.failed ?? 0), 0);
  return (
    <figure className="chart" data-testid="chart-probe_ms" data-points={okPoints} data-failures={failures}>
      <figcaption>
        Probe time of successful probes (ms) and failed probes (count){q.data?.source === 'rollup' ? ' · from minute/hour rollups: a bucket with a failure shows no latency' : ''}
      </figcaption>
      {q.isError ? (
        <p className="form-error">Could not load: {q.error.message}</p>
      ) : rows.every((r) => r.probes === 0) ? (
        <p className="muted">No probes in this range.</p>
      ) : (
        <ResponsiveContainer width="100%" height={160}>
          <ComposedChart data={rows} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="var(--border)" />
            {outageBands(intervals, 'ms')}
            <XAxis {...timeAxisProps(from, to)} />
            <YAxis yAxisId="ms" fontSize={11} width={56} tickFormatter={(v: number) => formatNumber(v)} label={{ value: 'ms', angle: -90, position: 'insideLeft', fontSize: 11, fill: 'var(--muted)' }} />
            <YAxis yAxisId="n" orientation="right" allowDecimals={false} fontSize={11} width={36} label={{ value: 'failed', angle: 90, position: 'insideRight', fontSize: 11, fill: 'var(--muted)' }} />
            <Tooltip
              labelFormatter={(t) => new Date(Number(t)).toLocaleString()}
              formatter={(v, name) => (name === 'ok' ? [formatMs(Number(v)), 'successful probe time'] : [String(v), 'failed probes'])}
            />
            <Bar yAxisId="n" dataKey="failed" fill="var(--down)" isAnimationActive={false} />
            <Line yAxisId="ms" type="linear" dataKey="ok" stroke="var(--accent)" dot={false} isAnimationActive={false} connectNulls={false} />
          </ComposedChart>
        </ResponsiveContainer>
      )}
      <ChartLegend items={[{ swatch: 'line', colour: 'var(--accent)', text: 'successful probe time (ms)' }, { swatch: 'bar', colour: 'var(--down)', text: 'failed probes, incl. timeouts' }, ...BAND_LEGEND]} />
    </figure>
  );
}
