// One compact fleet-table row (~36 px): name, status with since when, the last probes as a strip,
// version, heartbeat freshness, agents as chips, sessions, context fill in colour and words,
// gateway, last probe, the problem (probe error or worst active alert) and the row's actions (a
// "Check now" button and a menu). All probe data is rendered as text nodes, never as HTML. The row
// is focusable (roving tabindex); the table moves focus between rows.
import { type Ref } from 'react';
import { summarize } from '../../../shared/snapshot-summary';
import { useMutation } from '@tanstack/react-query';
import type { ProbeMark } from '../../../shared/console-ui';
import type { Alert, ServerSnapshot, ServerView } from '../../../shared/domain';
import { useApi } from '../hooks/api-context';
import { formatAgo, formatBytes, formatDuration, formatEvery, formatMs } from '../format';
import { useUiStore } from '../state/ui-store';
import { hrefFor, navigate } from '../routes/hash-route';
import { StatusBadge } from './StatusBadge';
import { ProblemCell } from './ProblemCell';
import { ContextFill } from './ContextFill';
import { RowMenu } from '../fleet/RowMenu';
import { useReadOnly } from '../access/use-read-only';
import { StatusStrip } from '../fleet/StatusStrip';
import { STRIP_LENGTH } from '../hooks/use-recent-probes';
import type { FleetRow } from '../fleet/fleet-view';

function GatewayCell({ snapshot }: { snapshot: ServerSnapshot | null }) {
  const gw = snapshot?.gateway;
  if (!gw) return <span className="muted">—</span>;
  const rt = snapshot.runtime;
  const extra = [gw.note, rt?.eventLoopDelayP99Ms != null ? `loop p99 ${formatMs(rt.eventLoopDelayP99Ms)}` : null, rt?.eventLoopDegraded ? 'event loop degraded' : null, rt?.modelRuntimeDegraded ? 'model runtime degraded' : null]
    .filter(Boolean)
    .join(' · ');
  return (
    <span data-testid="server-gateway" data-via={gw.via} title={extra || undefined}>
      <span className="tag">{gw.via === 'websocket' ? `WS v${gw.protocol ?? '?'}` : 'CLI'}</span>
      {rt?.rssBytes != null && (
        <span className="muted" data-testid="gateway-rss">
          {' '}
          RSS {Math.round(rt.rssBytes / 1048576)} MB
        </span>
      )}
      {(rt?.eventLoopDegraded || rt?.modelRuntimeDegraded) && <span className="overdue"> degraded</span>}
    </span>
  );
}

function HeartbeatCell({ row, now }: { row: FleetRow; now: number }) {
  const hb = row.heartbeat;
  if (!hb) return <span className="muted">—</span>;
  return (
    <span data-testid="server-heartbeat" data-agent-id={hb.agentId} data-every-ms={hb.everyMs} data-overdue={hb.overdue} title={`${hb.agentId}, every ${formatEvery(hb.everyMs)}`}>
      {hb.lastRunAtMs === null ? <span className="muted">not run yet</span> : formatAgo(hb.lastRunAtMs, now)}
      <span className="muted"> · {hb.agentId}</span>
      {hb.overdue && <span className="overdue"> overdue</span>}
    </span>
  );
}

/** Agents as chips; the details (cadence, last run, sessions, store) are in the chip's accessible text and tooltip. */
function AgentsCell({ snapshot, now }: { snapshot: ServerSnapshot | null; now: number }) {
  if (!snapshot || snapshot.agents.length === 0) return <>—</>;
  // Rows get the summary (the big arrays are fetched only for a server's page).
  const rows = summarize(snapshot).agents;
  return (
    <span className="agent-chips">
      {snapshot.agents.map((a) => {
        const row = rows.find((r) => r.agentId === a.agentId);
        const job = row?.heartbeat;
        const sessions = row?.sessions ?? a.sessionCount;
        const store = row && row.storeEra !== null ? { era: row.storeEra } : undefined;
        const storeBytes = row && row.storeEra !== 'empty' ? row.storeBytes : null;
        const detail = [
          a.isDefault ? 'default' : null,
          `♥ ${a.heartbeatEnabled ? `every ${formatEvery(a.heartbeatEveryMs)}` : 'off'}`,
          job?.lastRunAtMs != null ? `last ${formatAgo(job.lastRunAtMs, now)} (${job.lastRunStatus ?? '?'})` : null,
          sessions != null ? `${sessions} sessions` : null,
        ].filter(Boolean);
        return (
          <span key={a.agentId} className="chip agent-id" data-testid="agent" data-agent-id={a.agentId} title={[...detail, storeBytes !== null ? `store ${formatBytes(storeBytes)}` : null].filter(Boolean).join(' · ')}>
            {a.agentId}
            <span className="visually-hidden">: {detail.join(', ')}</span>
            {storeBytes !== null && (
              <span className="visually-hidden" data-testid="store-size">
                , store {formatBytes(storeBytes)}
                {store?.era === 'json' ? ' (legacy)' : ''}
              </span>
            )}
          </span>
        );
      })}
    </span>
  );
}

function RowActions({ view }: { view: ServerView }) {
  const api = useApi();
  const { config } = view;
  const probe = useMutation({ mutationFn: () => api.call('servers.probeNow', { id: config.id }) });
  const remove = useMutation({ mutationFn: () => api.call('servers.remove', { id: config.id }) });
  const update = useMutation({ mutationFn: (patch: { maintenance?: boolean; enabled?: boolean }) => api.call('servers.update', { id: config.id, patch }) });
  const { editingId, setEditingId } = useUiStore();
  const readOnly = useReadOnly();
  return (
    <div className="actions">
      <button type="button" className="secondary compact" onClick={() => probe.mutate()} disabled={probe.isPending || !config.enabled || Boolean(readOnly)} title={readOnly ?? undefined}>
        {probe.isPending ? 'Checking…' : 'Check now'}
      </button>
      <RowMenu
        label={`Actions for ${config.name}`}
        actions={[
          { label: 'Open server page', onSelect: () => navigate(hrefFor('servers', config.id)) },
          { label: 'Edit', disabledReason: readOnly, onSelect: () => setEditingId(editingId === config.id ? null : config.id) },
          { label: config.maintenance ? 'End maintenance' : 'Maintenance', disabledReason: readOnly, onSelect: () => update.mutate({ maintenance: !config.maintenance }) },
          { label: config.enabled ? 'Pause' : 'Resume', disabledReason: readOnly, onSelect: () => update.mutate({ enabled: !config.enabled }) },
          {
            label: 'Remove',
            danger: true,
            disabledReason: readOnly,
            onSelect: () => {
              if (window.confirm(`Stop watching ${config.name}? Its history is kept.`)) remove.mutate();
            },
          },
        ]}
      />
    </div>
  );
}

export interface ServerRowProps {
  view: ServerView;
  row: FleetRow;
  now: number;
  majority: string | null;
  marks: ProbeMark[] | undefined;
  alert: Alert | undefined;
  index: number;
  focused: boolean;
  tabbable: boolean;
  measureRef: Ref<HTMLTableRowElement>;
  onFocusRow(id: string): void;
}

export function ServerRow({ view, row, now, majority, marks, alert, index, focused, tabbable, measureRef, onFocusRow }: ServerRowProps) {
  const { config, snapshot } = view;
  const paused = !config.enabled;
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
      className={`row-${row.status.toLowerCase()}${focused ? ' row-focused' : ''}${paused ? ' row-stale' : ''}`}
    >
      <td className="cell-name">
        <a href={hrefFor('servers', config.id)} className="server-name" tabIndex={-1} aria-label={`Details of ${config.name}`}>
          {config.name}
        </a>
        <span className="muted row-sub" data-testid="server-role" title={`${config.sshUser}@${config.host}:${config.sshPort} · gateway ${config.gatewayPort}`}>
          <span className="tag">{row.role}</span>
          {row.tags.map((t) => (
            <span key={t} className="tag">
              {t}
            </span>
          ))}
        </span>
      </td>
      <td className="nowrap">
        <StatusBadge status={row.status} />
        {snapshot && !paused && snapshot.status !== 'UP' && snapshot.notUpSince != null && <span className="muted"> {formatDuration(now - snapshot.notUpSince)}</span>}
      </td>
      <td>
        <StatusStrip marks={marks} length={STRIP_LENGTH} />
      </td>
      <td data-testid="server-version" className="nowrap" title={snapshot?.cliVersion && snapshot.version && snapshot.cliVersion !== snapshot.version ? `CLI ${snapshot.cliVersion}` : undefined}>
        {snapshot?.version ?? '—'}
        {snapshot?.version && majority && snapshot.version !== majority && (
          <span className="skew" data-testid="version-skew">
            fleet runs {majority}
          </span>
        )}
        {snapshot?.cliVersion && snapshot.version && snapshot.cliVersion !== snapshot.version && (
          <span className="field-error" data-testid="cli-version-mismatch">
            CLI {snapshot.cliVersion} ≠ running gateway (restart pending?)
          </span>
        )}
      </td>
      <td className="nowrap">
        <HeartbeatCell row={row} now={now} />
      </td>
      <td data-testid="server-agents">
        <AgentsCell snapshot={snapshot} now={now} />
      </td>
      <td data-testid="server-sessions" className="num">
        {row.sessions ?? '—'}
      </td>
      <td data-testid="server-context" className="num">
        <ContextFill fill={row.worstFill} />
      </td>
      <td className="nowrap">
        <GatewayCell snapshot={snapshot} />
      </td>
      <td className="muted nowrap" data-testid="server-last-probe">
        {paused && <span className="state-tag">paused · </span>}
        {row.lastCheck !== null ? formatAgo(row.lastCheck, now) : 'not yet'}
      </td>
      <td className="cell-problem">
        <ProblemCell view={view} alert={alert} />
      </td>
      <td>
        <RowActions view={view} />
      </td>
    </tr>
  );
}
