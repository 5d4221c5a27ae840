import { RANGES, type RangeId } from './health-chart-data';

export function RangePicker({ value, onChange, label }: { value: RangeId; onChange(r: RangeId): void; label: string }) {
  return (
    <div className="range-picker" role="group" aria-label={label}>
      {RANGES.map((r) => (
        <button key={r.id} type="button" className={r.id === value ? '' : 'secondary'} aria-pressed={r.id === value} onClick={() => onChange(r.id)}>
          {r.label}
        </button>
      ))}
    </div>
  );
}
