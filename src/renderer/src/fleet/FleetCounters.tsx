// "3 UP · 1 DOWN · 1 PAUSED": the fleet at a glance, each count a filter link for the table.
import type { FleetRow } from './fleet-view';
import { useUiStore } from '../state/ui-store';

const ORDER: Array<FleetRow['status']> = ['UP', 'DOWN', 'PENDING', 'MAINTENANCE', 'PAUSED', 'UNKNOWN'];
const WORD: Record<FleetRow['status'], string> = { DOWN: 'DOWN', PENDING: 'PENDING', UP: 'UP', MAINTENANCE: 'MAINTENANCE', PAUSED: 'PAUSED', UNKNOWN: 'CHECKING' };

export function FleetCounters({ rows, alerting }: { rows: FleetRow[]; alerting: number }) {
  const setFilters = useUiStore((s) => s.setFilters);
  const current = useUiStore((s) => s.filters.status);
  const counts = new Map<FleetRow['status'], number>();
  for (const r of rows) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
  const shown = ORDER.filter((s) => counts.get(s));
  return (
    <p className="fleet-counters" data-testid="fleet-counters" aria-label="Fleet status counts">
      {shown.map((s, i) => (
        <span key={s}>
          {i > 0 && ' · '}
          <button
            type="button"
            className={`link counter counter-${s.toLowerCase()}`}
            aria-pressed={current === s}
            data-status={s}
            onClick={() => setFilters({ status: current === s ? '' : s })}
          >
            {counts.get(s)} {WORD[s]}
          </button>
        </span>
      ))}
      <span className="muted">
        {' '}
        · {rows.length} server{rows.length === 1 ? '' : 's'} · {alerting} with active alerts
      </span>
    </p>
  );
}
