// One fleet-table row: status, version, heartbeat freshness, sessions, context fill, gateway, last
// probe and the current error in plain words. All probe data is rendered as React text nodes, never
// as HTML. The row itself is focusable (roving tabindex); the table moves focus between rows.
import { useState, type Ref } from 'react';
import { useMutation } from '@tanstack/react-query';
import type { AgentStoreFacts, ServerSnapshot, ServerView } from '../../../shared/domain';
import { useApi } from '../hooks/api-context';
import { formatAgo, formatDuration, formatEvery } from '../format';
import { useUiStore } from '../state/ui-store';
import { StatusBadge } from './StatusBadge';
import type { FleetRow } from '../fleet/fleet-view';

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

function HeartbeatCell({ row, now }: { row: FleetRow; now: number }) {
  const hb = row.heartbeat;
  if (!hb) return <span className="muted">—</span>;
  return (
    <span data-testid="server-heartbeat" data-agent-id={hb.agentId} data-every-ms={hb.everyMs} data-overdue={hb.overdue} title={`every ${formatEvery(hb.everyMs)}`}>
      {hb.lastRunAtMs === null ? <span className="muted">not run yet</span> : formatAgo(hb.lastRunAtMs, now)}
      <span className="muted"> · {hb.agentId}</span>
      {hb.overdue && <span className="overdue"> overdue</span>}
    </span>
  );
}

function AgentsCell({ snapshot, now }: { snapshot: ServerSnapshot | null; now: number }) {
  if (!snapshot || snapshot.agents.length === 0) return <>—</>;
  return (
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
  );
}

function ProblemCell({ view }: { view: ServerView }) {
  const api = useApi();
  const { config, snapshot } = view;
  const trust = useMutation({ mutationFn: (fingerprint: string) => api.call('servers.trustHostKey', { id: config.id, fingerprint }) });
  const unlock = useMutation({ mutationFn: (passphrase: string) => api.call('servers.unlockKey', { id: config.id, passphrase }) });
  const [passphrase, setPassphrase] = useState('');
  if (!snapshot?.error) return null;
  const offered = snapshot.error.kind === 'host-key-unknown' ? snapshot.error.detail?.fingerprint : undefined;
  return (
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
          <input type="password" aria-label="Key passphrase" autoComplete="off" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} />
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
  );
}

function RowActions({ view }: { view: ServerView }) {
  const api = useApi();
  const { config } = view;
  const probe = useMutation({ mutationFn: () => api.call('servers.probeNow', { id: config.id }) });
  const remove = useMutation({ mutationFn: () => api.call('servers.remove', { id: config.id }) });
  const update = useMutation({ mutationFn: (patch: { maintenance?: boolean; enabled?: boolean }) => api.call('servers.update', { id: config.id, patch }) });
  const { editingId, setEditingId } = useUiStore();
  return (
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
  );
}

export interface ServerRowProps {
  view: ServerView;
  row: FleetRow;
  now: number;
  majority: string | null;
  index: number;
  focused: boolean;
  tabbable: boolean;
  measureRef: Ref<HTMLTableRowElement>;
  onFocusRow(id: string): void;
}

export function ServerRow({ view, row, now, majority, index, focused, tabbable, measureRef, onFocusRow }: ServerRowProps) {
  const { config, snapshot } = view;
  const setDetailId = useUiStore((s) => s.setDetailId);
  return (
    <tr
      ref={measureRef}
      data-index={index}
      data-row-id={config.id}
      aria-rowindex={index + 2}
      tabIndex={tabbable ? 0 : -1}
      onFocus={(e) => {
        if (e.target === e.currentTarget) onFocusRow(config.id);
      }}
      data-testid="server-row"
      data-server-name={config.name}
      className={`row-${row.status.toLowerCase()}${focused ? ' row-focused' : ''}`}
    >
      <td>
        <button type="button" className="link server-name" tabIndex={-1} onClick={() => setDetailId(config.id)} aria-label={`Details of ${config.name}`}>
          {config.name}
        </button>
        <div className="muted">
          {config.sshUser}@{config.host}:{config.sshPort} · gateway {config.gatewayPort}
        </div>
        <div className="muted" data-testid="server-role">
          <span className="tag">{row.role}</span>
          {row.tags.map((t) => (
            <span key={t} className="tag">
              {t}
            </span>
          ))}
        </div>
      </td>
      <td>
        <StatusBadge status={row.status} />
        {snapshot && snapshot.status !== 'UP' && snapshot.notUpSince != null && <div className="muted">for {formatDuration(now - snapshot.notUpSince)}</div>}
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
        <HeartbeatCell row={row} now={now} />
      </td>
      <td data-testid="server-agents">
        <AgentsCell snapshot={snapshot} now={now} />
      </td>
      <td data-testid="server-sessions" className="num">
        {row.sessions ?? '—'}
      </td>
      <td data-testid="server-context" className={`num${row.worstFill !== null && row.worstFill >= 0.8 ? ' overdue' : ''}`}>
        {row.worstFill === null ? '—' : `${Math.round(row.worstFill * 100)} %`}
      </td>
      <td>
        <GatewayCell snapshot={snapshot} now={now} />
      </td>
      <td className="muted" data-testid="server-last-probe">
        {row.lastCheck !== null ? formatAgo(row.lastCheck, now) : 'not yet'}
      </td>
      <td data-testid="server-error" className="error-text">
        <ProblemCell view={view} />
      </td>
      <td>
        <RowActions view={view} />
      </td>
    </tr>
  );
}
