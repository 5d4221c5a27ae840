// Outage and maintenance periods as shaded bands behind a chart, and the legend that names them.
import { ReferenceArea } from 'recharts';
import type { StatusInterval } from '../../../shared/uptime';

/** yAxisId: the chart's axis to span (charts with two Y axes have no default axis 0). */
export function outageBands(intervals: StatusInterval[], yAxisId?: string) {
  return intervals
    .filter((i) => i.status === 'DOWN' || i.status === 'MAINTENANCE')
    .map((i) => (
      <ReferenceArea
        key={`${i.status}-${i.from}`}
        x1={i.from}
        x2={i.to}
        ifOverflow="hidden"
        {...(yAxisId ? { yAxisId } : {})}
        fill={i.status === 'DOWN' ? 'var(--down)' : 'var(--maintenance)'}
        fillOpacity={0.15}
        stroke="none"
      />
    ));
}

export interface LegendItem {
  swatch: 'line' | 'bar' | 'band-down' | 'band-maintenance';
  colour?: string;
  text: string;
}

export function ChartLegend({ items }: { items: LegendItem[] }) {
  return (
    <ul className="legend chart-legend">
      {items.map((i) => (
        <li key={i.text}>
          <span className={`swatch swatch-${i.swatch}`} style={i.colour ? { background: i.colour } : undefined} aria-hidden="true" /> {i.text}
        </li>
      ))}
    </ul>
  );
}

export const BAND_LEGEND: LegendItem[] = [
  { swatch: 'band-down', text: 'server DOWN' },
  { swatch: 'band-maintenance', text: 'maintenance' },
];
