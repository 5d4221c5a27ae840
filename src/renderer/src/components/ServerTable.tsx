// One row per server: status, version, agents, last check, and the current error in plain words.
// All probe data is rendered as React text nodes, never as HTML.
import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import type { AgentStoreFacts, ServerSnapshot, ServerView } from '../../../shared/domain';
import { useApi } from '../hooks/api-context';
import { useNow } from '../hooks/use-now';
import { formatAgo, formatDuration, formatEvery } from '../format';
import { useUiStore } from '../state/ui-store';
import { ServerForm } from './ServerForm';
import { StatusBadge } from './StatusBadge';
import { filterRows, majorityVersion, sortRows, toCsv, toRows, type SortKey } from '../fleet/fleet-view';


function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1048576) return `${(n / 1024).toFixed(1)} KB`;
  if (n < 1073741824) return `${(n / 1048576).toFixed(1)} MB`;
  return `${(n / 1073741824).toFixed(2)} GB`;
}

function StoreSize({ store }: { store: AgentStoreFacts | undefined }) {
  if (!store || store.era === 'empty') return null;
  const total = store.dbBytes + store.walBytes + store.legacyStoreBytes + store.transcriptBytes;
  return (
    <span className="muted" data-testid="store-size" title={store.era === 'json' ? 'legacy sessions.json store' : 'SQLite store (DB + WAL)'}>
      {' '}
      · store {formatBytes(total)}
      {store.era === 'json' ? ' (legacy)' : ''}
    </span>
  );
}

function GatewayCell({ snapshot, now }: { snapshot: ServerSnapshot | null; now: number }) {
  const gw = snapshot?.gateway;
  if (!gw) return <span className="muted">—</span>;
  const rt = snapshot.runtime;
  return (
    <div data-testid="server-gateway" data-via={gw.via} title={gw.note ?? undefined}>
      <span className="tag">{gw.via === 'websocket' ? `WebSocket v${gw.protocol ?? '?'}` : 'CLI'}</span>
      {gw.startedAt != null && <span className="muted"> up {formatDuration(now - gw.startedAt)}</span>}
      {rt?.rssBytes != null && (
        <div className="muted" data-testid="gateway-rss">
          RSS {Math.round(rt.rssBytes / 1048576)} MB{rt.eventLoopDelayP99Ms != null ? ` · loop p99 ${Math.round(rt.eventLoopDelayP99Ms)} ms` : ''}
          {rt.eventLoopDegraded ? ' · event loop degraded' : ''}
          {rt.modelRuntimeDegraded ? ' · model runtime degraded' : ''}
        </div>
      )}
      {gw.note && <div className="muted">{gw.note}</div>}
    </div>
  );
}

function ServerRow({ view, now, majority }: { view: ServerView; now: number; majority: string | null }) {
  const api = useApi();
  const { config, snapshot } = view;
  const probe = useMutation({ mutationFn: () => api.call('servers.probeNow', { id: config.id }) });
  const remove = useMutation({ mutationFn: () => api.call('servers.remove', { id: config.id }) });
  const update = useMutation({ mutationFn: (patch: { maintenance?: boolean; enabled?: boolean }) => api.call('servers.update', { id: config.id, patch }) });
  const trust = useMutation({
    mutationFn: (fingerprint: string) => api.call('servers.trustHostKey', { id: config.id, fingerprint }),
  });
  const unlock = useMutation({ mutationFn: (passphrase: string) => api.call('servers.unlockKey', { id: config.id, passphrase }) });
  const [passphrase, setPassphrase] = useState('');
  const { editingId, setEditingId, setDetailId } = useUiStore();
  const status = !config.enabled ? 'PAUSED' : (snapshot?.status ?? 'UNKNOWN');
  const offered = snapshot?.error?.kind === 'host-key-unknown' ? snapshot.error.detail?.fingerprint : undefined;
  return (
    <>
    <tr data-testid="server-row" data-server-name={config.name} className={`row-${status.toLowerCase()}`}>
      <td>
        <button type="button" className="link server-name" onClick={() => setDetailId(config.id)} aria-label={`Details of ${config.name}`}>
          {config.name}
        </button>
        <div className="muted">
          {config.sshUser}@{config.host}:{config.sshPort} · gateway {config.gatewayPort}
        </div>
        <div className="muted" data-testid="server-role">
          <span className="tag">{config.role ?? 'general'}</span>
          {(config.tags ?? []).map((t) => (
            <span key={t} className="tag">
              {t}
            </span>
          ))}
        </div>
      </td>
      <td>
        <StatusBadge status={status} />
        {snapshot && snapshot.status !== 'UP' && snapshot.notUpSince != null && (
          <div className="muted">for {formatDuration(now - snapshot.notUpSince)}</div>
        )}
      </td>
      <td data-testid="server-version">
        {snapshot?.version ?? '—'}
        {snapshot?.version && majority && snapshot.version !== majority && (
          <div className="skew" data-testid="version-skew">
            fleet runs {majority}
          </div>
        )}
        {snapshot?.cliVersion && snapshot.version && snapshot.cliVersion !== snapshot.version && (
          <div className="field-error" data-testid="cli-version-mismatch">
            CLI {snapshot.cliVersion} ≠ running gateway (restart pending?)
          </div>
        )}
      </td>
      <td>
        <GatewayCell snapshot={snapshot} now={now} />
      </td>
      <td data-testid="server-agents">
        {snapshot && snapshot.agents.length > 0 ? (
          <ul className="agents">
            {snapshot.agents.map((a) => {
              const job = snapshot.heartbeats?.find((h) => h.agentId === a.agentId);
              const sessions = snapshot.sessions ? snapshot.sessions.filter((x) => x.agentId === a.agentId).length : a.sessionCount;
              return (
                <li key={a.agentId} data-testid="agent" data-agent-id={a.agentId}>
                  <span className="agent-id">{a.agentId}</span>
                  {a.isDefault && <span className="tag">default</span>}
                  <span className="muted"> ♥ {a.heartbeatEnabled ? `every ${formatEvery(a.heartbeatEveryMs)}` : 'off'}</span>
                  {job?.lastRunAtMs != null && (
                    <span className="muted" data-testid="heartbeat-last">
                      {' '}
                      · last {formatAgo(job.lastRunAtMs, now)} ({job.lastRunStatus ?? '?'})
                    </span>
                  )}
                  {sessions != null && <span className="muted"> · {sessions} sessions</span>}
                  <StoreSize store={snapshot.stores?.find((x) => x.agentId === a.agentId)} />
                </li>
              );
            })}
          </ul>
        ) : (
          '—'
        )}
      </td>
      <td className="muted">{snapshot ? formatAgo(snapshot.checkedAt, now) : 'not yet'}</td>
      <td data-testid="server-error" className="error-text">
        {snapshot?.error ? (
          <>
            <span className="error-kind">{snapshot.error.kind}</span> {snapshot.error.message}
            {snapshot.error.kind === 'key-locked' && (
              <form
                className="unlock"
                aria-label="Unlock key"
                onSubmit={(e) => {
                  e.preventDefault();
                  if (passphrase) unlock.mutate(passphrase, { onSettled: () => setPassphrase('') });
                }}
              >
                <input
                  type="password"
                  aria-label="Key passphrase"
                  autoComplete="off"
                  value={passphrase}
                  onChange={(e) => setPassphrase(e.target.value)}
                />
                <button type="submit" className="secondary" disabled={unlock.isPending}>
                  Unlock key
                </button>
              </form>
            )}
            {offered && (
              <div>
                <button
                  type="button"
                  className="secondary"
                  disabled={trust.isPending}
                  onClick={() => {
                    if (window.confirm(`Trust host key ${offered} for ${config.host}:${config.sshPort}? Only do this if you checked it out of band.`)) {
                      trust.mutate(offered);
                    }
                  }}
                >
                  Trust this key
                </button>
                {trust.isError && <span className="field-error"> {trust.error.message}</span>}
              </div>
            )}
          </>
        ) : null}
      </td>
      <td>
        <div className="actions">
        <button type="button" className="secondary" onClick={() => setEditingId(editingId === config.id ? null : config.id)}>
          Edit
        </button>
        <button type="button" className="secondary" onClick={() => update.mutate({ maintenance: !config.maintenance })}>
          {config.maintenance ? 'End maintenance' : 'Maintenance'}
        </button>
        <button type="button" className="secondary" onClick={() => update.mutate({ enabled: !config.enabled })}>
          {config.enabled ? 'Pause' : 'Resume'}
        </button>
        <button type="button" className="secondary" onClick={() => probe.mutate()} disabled={probe.isPending}>
          {probe.isPending ? 'Checking…' : 'Check now'}
        </button>
        <button
          type="button"
          className="danger"
          onClick={() => {
            if (window.confirm(`Stop watching ${config.name}? Its history is kept.`)) remove.mutate();
          }}
        >
          Remove
        </button>
        </div>
      </td>
    </tr>
    {editingId === config.id && (
      <tr>
        <td colSpan={8}>
          <ServerForm initial={config} onDone={() => setEditingId(null)} />
        </td>
      </tr>
    )}
    </>
  );
}

const COLUMNS: Array<{ label: string; key?: SortKey }> = [
  { label: 'Server', key: 'name' },
  { label: 'Status', key: 'status' },
  { label: 'Version', key: 'version' },
  { label: 'Gateway', key: 'rssBytes' },
  { label: 'Agents', key: 'agents' },
  { label: 'Last check', key: 'lastCheck' },
  { label: 'Problem' },
  { label: '' },
];

function downloadCsv(text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = `yardmaster-fleet-${new Date().toISOString().slice(0, 19).replace(/:/g, '')}.csv`;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function ServerTable({ views }: { views: ServerView[] }) {
  const now = useNow(1000);
  const { filters, setFilters, sort, sortBy } = useUiStore();
  const all = toRows(views);
  const rows = sortRows(filterRows(all, filters), sort.key, sort.dir);
  const majority = majorityVersion(all);
  const byId = new Map(views.map((v) => [v.config.id, v]));
  const roles = [...new Set(all.map((r) => r.role))].sort();
  return (
    <>
      <div className="toolbar" role="search">
        <input aria-label="Search servers" placeholder="Search name, host, role, version, tag" value={filters.search} onChange={(e) => setFilters({ search: e.target.value })} />
        <select aria-label="Filter by status" value={filters.status} onChange={(e) => setFilters({ status: e.target.value })}>
          <option value="">All statuses</option>
          {['DOWN', 'PENDING', 'UP', 'MAINTENANCE', 'PAUSED', 'UNKNOWN'].map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
        <select aria-label="Filter by role" value={filters.role} onChange={(e) => setFilters({ role: e.target.value })}>
          <option value="">All roles</option>
          {roles.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
        <span className="muted" data-testid="row-count">
          {rows.length} of {all.length}
        </span>
        <button type="button" className="secondary" onClick={() => downloadCsv(toCsv(rows))}>
          Export CSV
        </button>
      </div>
      <table className="servers" aria-label="Servers">
        <thead>
          <tr>
            {COLUMNS.map((c) => (
              <th key={c.label} aria-sort={c.key && sort.key === c.key ? (sort.dir === 'asc' ? 'ascending' : 'descending') : undefined}>
                {c.key ? (
                  <button type="button" className="link sort" onClick={() => sortBy(c.key!)}>
                    {c.label}
                    {sort.key === c.key ? (sort.dir === 'asc' ? ' ▲' : ' ▼') : ''}
                  </button>
                ) : (
                  c.label
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <ServerRow key={r.id} view={byId.get(r.id)!} now={now} majority={majority} />
          ))}
        </tbody>
      </table>
    </>
  );
}
