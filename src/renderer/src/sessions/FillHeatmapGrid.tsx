// Fleet heat-map: one row per server and agent, one cell per hour (10 min for short ranges), coloured by
// the worst session fill seen in it. Empty cells are hours with nothing recorded.
import { useQuery } from '@tanstack/react-query';
import type { ServerView } from '../../../shared/domain';
import { useApi } from '../hooks/api-context';
import { heatColour, percent, rangeMs, type RangeId } from './health-chart-data';
import { tickLabel } from '../charts/time-axis';

export function FillHeatmapGrid({ views, range, refetchMs, onPick }: { views: ServerView[]; range: RangeId; refetchMs: number; onPick(serverId: string): void }) {
  const api = useApi();
  // A heat-map wider than a month has no room for its cells; long ranges use 30 days.
  const span = Math.min(rangeMs(range), 30 * 24 * 3_600_000);
  const q = useQuery({
    queryKey: ['fleet.fillHeatmap', range],
    queryFn: () => {
      const to = Date.now();
      return api.call('fleet.fillHeatmap', { from: to - span, to });
    },
    refetchInterval: refetchMs,
  });
  const names = new Map(views.map((v) => [v.config.id, v.config.name]));
  const rows = (q.data?.rows ?? []).filter((r) => names.has(r.serverId));
  if (q.isError) return <p className="form-error">Could not load the heat-map: {q.error.message}</p>;
  if (!rows.length) return <p className="muted" data-testid="heatmap-empty">No session fill recorded yet.</p>;
  const cols = q.data!.buckets.length;
  const buckets = q.data!.buckets;
  const first = buckets[0] ?? 0;
  const last = (buckets[buckets.length - 1] ?? first) + q.data!.resolutionMs;
  return (
    <>
    <div className="heat-legend" data-testid="heatmap-legend">
      <span>Worst session fill per {q.data!.resolutionMs >= 3_600_000 ? 'hour' : `${Math.round(q.data!.resolutionMs / 60_000)} min`}:</span>
      {[0, 0.5, 0.85, 1].map((f) => (
        <span key={f}>
          <span className="heatmap-cell" style={{ background: heatColour(f), display: 'inline-block' }} aria-hidden="true" /> {percent(f)}
          {f === 0.85 ? ' (warning)' : ''}
        </span>
      ))}
      <span>
        <span className="heatmap-cell" style={{ background: 'transparent', display: 'inline-block' }} aria-hidden="true" /> no data
      </span>
    </div>
    <div className="heatmap" data-testid="fill-heatmap" role="table" aria-label="Worst session fill per agent over time">
      {rows.map((r) => (
        <div key={`${r.serverId}/${r.agentId}`} className="heatmap-row" role="row" data-testid="heatmap-row" data-server-name={names.get(r.serverId)} data-agent={r.agentId}>
          <button type="button" className="heatmap-label secondary" role="rowheader" onClick={() => onPick(r.serverId)}>
            {names.get(r.serverId)}/{r.agentId}
          </button>
          <div className="heatmap-cells" style={{ gridTemplateColumns: `repeat(${cols}, 1fr)` }}>
            {r.cells.map((c, i) => (
              <span
                key={q.data!.buckets[i]}
                role="cell"
                className="heatmap-cell"
                style={{ background: heatColour(c) }}
                title={`${new Date(q.data!.buckets[i]!).toLocaleString()}: ${c === null ? 'no data' : percent(c)}`}
                data-fill={c === null ? '' : Math.round(c * 100)}
              />
            ))}
          </div>
        </div>
      ))}
      <div className="heatmap-axis" aria-hidden="true" data-testid="heatmap-axis">
        <span />
        <span className="heatmap-axis-ticks">
          <span>{tickLabel(first, last - first)}</span>
          <span>{tickLabel((first + last) / 2, last - first)}</span>
          <span>{tickLabel(last, last - first)}</span>
        </span>
      </div>
    </div>
    </>
  );
}
