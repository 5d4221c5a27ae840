// The fleet table: toolbar (search, status/role/tag/version filters, CSV), sortable header, and a
// virtualised body so a 1,000-server fleet stays smooth: only the rows in view (plus overscan) are in
// the DOM, between two spacer rows that keep the scroll height. It stays a real <table>; the header is
// sticky inside the scroll box. Keyboard: ↑/↓ or j/k move the focused row, Home/End, Enter opens its page.
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { Alert, ServerView } from '../../../shared/domain';
import type { ProbeMark } from '../../../shared/console-ui';
import { hrefFor, navigate } from '../routes/hash-route';
import { useNow } from '../hooks/use-now';
import { useUiStore } from '../state/ui-store';
import { ServerForm } from './ServerForm';
import { ServerRow } from './ServerRow';
import { FleetToolbar } from './FleetToolbar';
import { filterChoices, filterRows, majorityVersion, sortRows, toRows, type SortKey } from '../fleet/fleet-view';

const COLUMNS: Array<{ label: string; key?: SortKey }> = [
  { label: 'Server', key: 'name' },
  { label: 'Status', key: 'status' },
  { label: 'Last probes' },
  { label: 'Version', key: 'version' },
  { label: 'Heartbeat', key: 'heartbeat' },
  { label: 'Agents', key: 'agents' },
  { label: 'Sessions', key: 'sessions' },
  { label: 'Context', key: 'worstFill' },
  { label: 'Gateway', key: 'rssBytes' },
  { label: 'Last probe', key: 'lastCheck' },
  { label: 'Problem' },
  { label: 'Actions' },
];
/** A typical row's height before it is measured; rows are measured as they render. */
const ESTIMATED_ROW_PX = 37;

export function ServerTable({ views, strips, alerts }: { views: ServerView[]; strips: Record<string, ProbeMark[]>; alerts: Map<string, Alert> }) {
  const now = useNow(1000);
  const { filters, sort, sortBy, editingId, setEditingId } = useUiStore();
  const all = useMemo(() => toRows(views, now), [views, now]);
  const rows = useMemo(() => sortRows(filterRows(all, filters), sort.key, sort.dir), [all, filters, sort]);
  const majority = useMemo(() => majorityVersion(all), [all]);
  const choices = useMemo(() => filterChoices(all), [all]);
  const byId = useMemo(() => new Map(views.map((v) => [v.config.id, v])), [views]);
  const editing = editingId ? byId.get(editingId) : undefined;

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ESTIMATED_ROW_PX,
    getItemKey: (i) => rows[i]!.id,
    overscan: 6,
  });
  const items = virtualizer.getVirtualItems();
  const padTop = items.length ? items[0]!.start : 0;
  const padBottom = items.length ? virtualizer.getTotalSize() - items[items.length - 1]!.end : 0;

  // Roving focus: one row is in the Tab order; arrows move it (scrolling it into view first).
  const [focusedId, setFocusedId] = useState<string | null>(null);
  const focusedIndex = focusedId ? rows.findIndex((r) => r.id === focusedId) : -1;
  const pendingFocus = useRef<string | null>(null);
  useEffect(() => {
    const id = pendingFocus.current;
    if (!id) return;
    const el = [...(scrollRef.current?.querySelectorAll<HTMLElement>('tr[data-row-id]') ?? [])].find((r) => r.dataset.rowId === id);
    if (el) {
      pendingFocus.current = null;
      el.focus({ preventScroll: false });
    }
  });
  const moveTo = useCallback(
    (index: number) => {
      const target = rows[Math.max(0, Math.min(rows.length - 1, index))];
      if (!target) return;
      pendingFocus.current = target.id;
      setFocusedId(target.id);
      virtualizer.scrollToIndex(rows.indexOf(target), { align: 'auto' });
    },
    [rows, virtualizer],
  );
  // Back from a server's page: its row takes focus again (keyboard users keep their place).
  useEffect(() => {
    const id = useUiStore.getState().returnFocusId;
    if (!id) return;
    useUiStore.getState().setReturnFocusId(null);
    const index = rows.findIndex((r) => r.id === id);
    if (index >= 0) moveTo(index);
    // Only when the table mounts.
  }, []);
  const onKeyDown = (e: KeyboardEvent<HTMLTableSectionElement>) => {
    const row = (e.target as HTMLElement).closest('tr[data-row-id]');
    // Only keys pressed on a row itself: inside a field or on a button they keep their usual meaning.
    if (!row || row !== e.target || e.altKey || e.ctrlKey || e.metaKey) return;
    const index = rows.findIndex((r) => r.id === row.getAttribute('data-row-id'));
    const step = { ArrowDown: 1, j: 1, ArrowUp: -1, k: -1 }[e.key];
    if (step !== undefined) moveTo(index + step);
    else if (e.key === 'Home') moveTo(0);
    else if (e.key === 'End') moveTo(rows.length - 1);
    else if (e.key === 'Enter') navigate(hrefFor('servers', rows[index]!.id));
    else return;
    e.preventDefault();
  };

  return (
    <>
      <FleetToolbar choices={choices} shown={rows} total={all.length} />
      {editing && <ServerForm key={editing.config.id} initial={editing.config} onDone={() => setEditingId(null)} />}
      <div className="table-scroll" ref={scrollRef} data-testid="table-scroll">
        <table className="servers" aria-label="Servers" aria-rowcount={rows.length + 1}>
          <thead>
            <tr aria-rowindex={1}>
              {COLUMNS.map((c) => (
                <th key={c.label} scope="col" aria-sort={c.key && sort.key === c.key ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined}>
                  {c.key ? (
                    <button type="button" className="link sort" onClick={() => sortBy(c.key!)}>
                      {c.label}
                      {sort.key === c.key ? (sort.dir === 'asc' ? ' ▲' : ' ▼') : ''}
                    </button>
                  ) : (
                    <span className={c.label === 'Actions' ? 'visually-hidden' : undefined}>{c.label}</span>
                  )}
                </th>
              ))}
            </tr>
          </thead>
          <tbody onKeyDown={onKeyDown}>
            {padTop > 0 && (
              <tr className="spacer" aria-hidden="true">
                <td colSpan={COLUMNS.length} style={{ height: padTop }} />
              </tr>
            )}
            {items.map((item) => {
              const r = rows[item.index]!;
              return (
                <ServerRow
                  key={r.id}
                  view={byId.get(r.id)!}
                  row={r}
                  now={now}
                  majority={majority}
                  marks={strips[r.id]}
                  alert={alerts.get(r.id)}
                  index={item.index}
                  focused={item.index === focusedIndex}
                  tabbable={focusedIndex === -1 ? item.index === items[0]!.index : item.index === focusedIndex}
                  measureRef={virtualizer.measureElement}
                  onFocusRow={setFocusedId}
                />
              );
            })}
            {padBottom > 0 && (
              <tr className="spacer" aria-hidden="true">
                <td colSpan={COLUMNS.length} style={{ height: padBottom }} />
              </tr>
            )}
          </tbody>
        </table>
        {rows.length === 0 && <p className="muted no-match">No server matches these filters.</p>}
      </div>
    </>
  );
}
