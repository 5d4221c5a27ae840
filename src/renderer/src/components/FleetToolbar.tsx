// Search, filters (status, role, tag, version) and CSV export for the fleet table. Filters live in the
// UI store; the CSV holds exactly the rows shown.
import type { FleetRow } from '../fleet/fleet-view';
import { toCsv } from '../fleet/fleet-view';
import { useUiStore, type FleetFilters } from '../state/ui-store';

const STATUSES = ['DOWN', 'PENDING', 'UP', 'MAINTENANCE', 'PAUSED', 'UNKNOWN'];

function downloadCsv(text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = `yardmaster-fleet-${new Date().toISOString().slice(0, 19).replace(/:/g, '')}.csv`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function Filter({ field, label, any, values }: { field: Exclude<keyof FleetFilters, 'search'>; label: string; any: string; values: string[] }) {
  const value = useUiStore((s) => s.filters[field]);
  const setFilters = useUiStore((s) => s.setFilters);
  return (
    <select aria-label={label} value={value} onChange={(e) => setFilters({ [field]: e.target.value })}>
      <option value="">{any}</option>
      {/* A filter value that no server has any more stays selectable, so the view never lies about it. */}
      {(value && !values.includes(value) ? [...values, value] : values).map((v) => (
        <option key={v} value={v}>
          {v}
        </option>
      ))}
    </select>
  );
}

export function FleetToolbar({ choices, shown, total }: { choices: { roles: string[]; tags: string[]; versions: string[] }; shown: FleetRow[]; total: number }) {
  const search = useUiStore((s) => s.filters.search);
  const setFilters = useUiStore((s) => s.setFilters);
  return (
    <div className="toolbar" role="search">
      <input aria-label="Search servers" placeholder="Search name, host, role, version, tag" value={search} onChange={(e) => setFilters({ search: e.target.value })} />
      <Filter field="status" label="Filter by status" any="All statuses" values={STATUSES} />
      <Filter field="role" label="Filter by role" any="All roles" values={choices.roles} />
      <Filter field="tag" label="Filter by tag" any="All tags" values={choices.tags} />
      <Filter field="version" label="Filter by version" any="All versions" values={choices.versions} />
      <span className="muted" data-testid="row-count" aria-live="polite">
        {shown.length} of {total}
      </span>
      <button type="button" className="secondary" onClick={() => downloadCsv(toCsv(shown))}>
        Export CSV
      </button>
    </div>
  );
}
