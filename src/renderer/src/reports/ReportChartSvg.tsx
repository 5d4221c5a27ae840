// One incident chart as plain SVG: deterministic, so the window, the HTML export and the PDF show the
// same picture. The x axis is the report window (not the data's span), gaps between buckets stay gaps,
// and availability is drawn as outage bands rather than a line.
import type { ReportChart } from '../../../shared/incident-report';

const W = 640;
const H = 160;
const PAD = { l: 64, r: 12, t: 10, b: 28 };

const UNIT_LABEL: Record<ReportChart['unit'], string> = { bytes: 'MB', ms: 'ms', ratio: '% of budget', up: 'availability' };
const METRIC_LABEL: Record<ReportChart['metric'], string> = {
  up: 'Availability',
  probe_ms: 'Probe time',
  rss_bytes: 'Gateway RSS',
  event_loop_p99_ms: 'Event loop p99',
  max_context_fill: 'Worst context fill',
};

const scaleValue = (unit: ReportChart['unit'], v: number) => (unit === 'bytes' ? v / 1e6 : unit === 'ratio' ? v * 100 : v);
const hhmm = (t: number) => new Date(t).toISOString().slice(11, 16);

export function chartTitle(chart: ReportChart): string {
  return `${METRIC_LABEL[chart.metric]} (${UNIT_LABEL[chart.unit]})`;
}

export function ReportChartSvg({ chart, from, to, onset, resolvedAt }: { chart: ReportChart; from: number; to: number; onset: number; resolvedAt: number | null }) {
  const x = (t: number) => PAD.l + ((t - from) / Math.max(1, to - from)) * (W - PAD.l - PAD.r);
  const plotH = H - PAD.t - PAD.b;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => from + f * (to - from));
  if (chart.unit === 'up') {
    // A bucket whose minimum is 0 had at least one failed probe: shade it as an outage.
    const bands = chart.points.filter((p) => p.min === 0);
    return (
      <svg className="report-chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${chartTitle(chart)}: ${bands.length} buckets with failed probes`}>
        <rect x={PAD.l} y={PAD.t} width={W - PAD.l - PAD.r} height={plotH} className="report-chart-bg" />
        {chart.points.map((p) => (
          <rect key={p.t} x={x(p.t)} y={PAD.t} width={Math.max(1, x(p.t + chart.resolutionMs) - x(p.t))} height={plotH} className={p.min === 0 ? 'report-band-down' : 'report-band-up'} />
        ))}
        <Axis ticks={ticks} x={x} onset={onset} resolvedAt={resolvedAt} />
        <text x={4} y={PAD.t + plotH / 2} className="report-axis-label">up / down</text>
      </svg>
    );
  }
  const values = chart.points.flatMap((p) => [scaleValue(chart.unit, p.min), scaleValue(chart.unit, p.max)]);
  const max = Math.max(1e-9, ...values);
  const y = (v: number) => PAD.t + plotH - (scaleValue(chart.unit, v) / max) * plotH;
  // Consecutive buckets form one path; a missing bucket starts a new one (a gap, not a straight line).
  const segments: string[] = [];
  let current = '';
  let prevT: number | null = null;
  for (const p of chart.points) {
    const contiguous = prevT !== null && p.t - prevT <= chart.resolutionMs * 1.5;
    current = contiguous ? `${current} L${x(p.t).toFixed(1)},${y(p.max).toFixed(1)}` : `${current ? `${current}|` : ''}M${x(p.t).toFixed(1)},${y(p.max).toFixed(1)}`;
    prevT = p.t;
  }
  segments.push(...current.split('|').filter(Boolean));
  return (
    <svg className="report-chart" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${chartTitle(chart)}, peak ${Math.round(max)}`}>
      <rect x={PAD.l} y={PAD.t} width={W - PAD.l - PAD.r} height={plotH} className="report-chart-bg" />
      {segments.map((d, i) => (
        <path key={i} d={d} className="report-line" />
      ))}
      {[0, 0.5, 1].map((f) => (
        <text key={f} x={PAD.l - 6} y={PAD.t + plotH - f * plotH + 4} textAnchor="end" className="report-axis-label">
          {(max * f).toFixed(max * f >= 100 ? 0 : 1)}
        </text>
      ))}
      <text x={4} y={PAD.t + 10} className="report-axis-label">{UNIT_LABEL[chart.unit]}</text>
      <Axis ticks={ticks} x={x} onset={onset} resolvedAt={resolvedAt} />
    </svg>
  );
}

function Axis({ ticks, x, onset, resolvedAt }: { ticks: number[]; x: (t: number) => number; onset: number; resolvedAt: number | null }) {
  return (
    <g>
      {ticks.map((t, i) => (
        <text key={t} x={x(t)} y={H - 8} textAnchor={i === 0 ? 'start' : i === ticks.length - 1 ? 'end' : 'middle'} className="report-axis-label">
          {hhmm(t)}
        </text>
      ))}
      <line x1={x(onset)} x2={x(onset)} y1={PAD.t} y2={H - PAD.b} className="report-marker" />
      {resolvedAt !== null && <line x1={x(resolvedAt)} x2={x(resolvedAt)} y1={PAD.t} y2={H - PAD.b} className="report-marker report-marker-end" />}
    </g>
  );
}
