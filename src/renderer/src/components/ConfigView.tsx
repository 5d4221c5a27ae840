// Config audit: per role, a baseline (taken from a server or edited) and a drift table of keys ×
// servers, baseline vs actual, with each cell's state in colour and in words. Memory index health and
// read problems are listed per server. Everything from the servers is rendered as text.
import { useReadOnly } from '../access/use-read-only';
import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ConfigBaseline, ServerConfigAudit } from '../../../shared/config-audit';
import { DEFAULT_ROLE, memoryIndexIssues } from '../../../shared/config-audit';
import { specForKey } from '../../../shared/config-keys';
import type { ServerView } from '../../../shared/domain';
import { useApi } from '../hooks/api-context';
import { configAuditKey, configBaselinesKey, useConfigAudit } from '../hooks/use-config-audit';
import { driftTable, formatConfigValue, STATE_TEXT } from '../fleet/drift-table';
import { ApiError } from '../api';

const ORIGIN_TEXT: Record<string, string> = { set: '', inherited: 'inherited', default: 'default', legacy: 'legacy key' };

function ServerNotes({ audit }: { audit: ServerConfigAudit }) {
  const { read, projection, memory } = audit;
  const memoryIssues = memory?.agents.flatMap((a) => memoryIndexIssues(a).map((i) => `${a.agentId}: ${i}`)) ?? [];
  return (
    <li data-testid="config-server-notes" data-server-name={audit.serverName}>
      <span className="server-name">{audit.serverName}</span>{' '}
      <span className="muted">
        {read.state === 'ok' && `read via ${read.via} at ${new Date(read.at ?? 0).toLocaleTimeString()}`}
        {read.state === 'not-read-yet' && 'not read yet'}
      </span>
      {read.state === 'unavailable' && <span className="field-error"> config not readable: {read.reason}</span>}
      {projection?.restartPending && <span className="skew"> saved config not applied yet (restart pending)</span>}
      {projection && projection.legacyKeys.length > 0 && <span className="skew"> migration pending: {projection.legacyKeys.join(', ')}</span>}
      {projection && projection.problems.length > 0 && <span className="field-error"> {projection.problems.join('; ')}</span>}
      <div className="muted" data-testid="memory-index">
        memory index:{' '}
        {!memory
          ? 'not read yet'
          : memory.error
            ? `not readable (${memory.error})`
            : memory.agents.length === 0
              ? 'no agents reported'
              : memory.agents.map((a) => (a.disabled ? `${a.agentId} disabled` : `${a.agentId} ${a.provider ?? '?'}/${a.model ?? '?'}`)).join(', ')}
        {memoryIssues.length > 0 && <span className="skew"> · {memoryIssues.join(', ')}</span>}
      </div>
    </li>
  );
}

function BaselineEditor({ role, baseline, keys }: { role: string; baseline: ConfigBaseline | null; keys: string[] }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const [key, setKey] = useState('');
  const [value, setValue] = useState('');
  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: configBaselinesKey });
    void queryClient.invalidateQueries({ queryKey: configAuditKey });
  };
  const readOnly = useReadOnly();
  const save = useMutation({ mutationFn: () => api.call('config.baselines.update', { role, values: { [key]: value } }), onSuccess: refresh });
  const remove = useMutation({ mutationFn: () => api.call('config.baselines.update', { role, values: {}, remove: [key] }), onSuccess: refresh });
  const pick = (k: string) => {
    setKey(k);
    setValue(baseline && Object.hasOwn(baseline.values, k) ? formatConfigValue(k, baseline.values[k]!) : '');
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  const error = save.error ?? remove.error;
  const fieldError = error instanceof ApiError ? (error.fields?.[key] ?? error.message) : error?.message;
  return (
    <details className="baseline-editor">
      <summary>Edit the {role} baseline</summary>
      <form className="webhook-form" aria-label={`Edit ${role} baseline`} onSubmit={submit}>
        <label>
          Key{' '}
          <select aria-label="Key" value={key} onChange={(e) => pick(e.target.value)}>
            <option value="">choose…</option>
            {keys.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        </label>
        <label>
          Value <input aria-label="Value" value={value} placeholder="e.g. 30m, safeguard, true, 10gb, unset" onChange={(e) => setValue(e.target.value)} />
        </label>
        <button type="submit" disabled={!key || save.isPending || Boolean(readOnly)} title={readOnly ?? undefined}>
          Save value
        </button>
        <button type="button" className="danger" disabled={!key || !baseline || !Object.hasOwn(baseline.values, key) || Boolean(readOnly)} title={readOnly ?? undefined} onClick={() => remove.mutate()}>
          Remove key
        </button>
        {fieldError && <span className="field-error">{fieldError}</span>}
      </form>
    </details>
  );
}

function RoleSection({ role, audits, baseline }: { role: string; audits: ServerConfigAudit[]; baseline: ConfigBaseline | null }) {
  const readOnly = useReadOnly();
  const api = useApi();
  const queryClient = useQueryClient();
  const [sourceId, setSourceId] = useState('');
  const [onlyDiffs, setOnlyDiffs] = useState(false);
  const setFrom = useMutation({
    mutationFn: (serverId: string) => api.call('config.baselines.setFromServer', { role, serverId }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: configBaselinesKey });
      void queryClient.invalidateQueries({ queryKey: configAuditKey });
    },
  });
  const rows = driftTable(audits, baseline);
  const shown = onlyDiffs ? rows.filter((r) => r.differs) : rows;
  const chosen = sourceId || audits[0]?.serverId || '';
  return (
    <section className="config-role" data-testid="config-role" data-role={role} aria-label={`Role ${role}`}>
      <h3>{role}</h3>
      <div className="toolbar">
        <span data-testid="baseline-info">
          {baseline
            ? `Baseline ${baseline.sourceServerName ? `from ${baseline.sourceServerName}` : 'edited'}, ${new Date(baseline.updatedAt).toLocaleString()}`
            : 'No baseline for this role yet: set one from a server to compare.'}
        </span>
        <label>
          Set baseline from server{' '}
          <select aria-label={`Baseline server for ${role}`} value={chosen} onChange={(e) => setSourceId(e.target.value)}>
            {audits.map((a) => (
              <option key={a.serverId} value={a.serverId}>
                {a.serverName}
              </option>
            ))}
          </select>
        </label>
        <button type="button" disabled={!chosen || setFrom.isPending || Boolean(readOnly)} title={readOnly ?? undefined} onClick={() => setFrom.mutate(chosen)}>
          Set baseline
        </button>
        <label>
          <input type="checkbox" checked={onlyDiffs} onChange={(e) => setOnlyDiffs(e.target.checked)} /> only differences
        </label>
        {setFrom.error && <span className="field-error">{setFrom.error.message}</span>}
      </div>
      <ul className="alerts">
        {audits.map((a) => (
          <ServerNotes key={a.serverId} audit={a} />
        ))}
      </ul>
      <table className="servers drift" data-testid="drift-table" aria-label={`Config drift for ${role}`}>
        <thead>
          <tr>
            <th>Key</th>
            <th>Baseline</th>
            {audits.map((a) => (
              <th key={a.serverId}>{a.serverName}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {shown.map((r) => (
            <tr key={r.key} data-testid="drift-row" data-key={r.key}>
              <td className="agent-id">{r.key}</td>
              <td>{r.baselineText ?? '—'}</td>
              {audits.map((a) => {
                const c = r.cells[a.serverId]!;
                return (
                  <td key={a.serverId} className={c.state ? `drift-${c.state}` : ''} data-testid="drift-cell" data-server-name={a.serverName} data-state={c.state ?? 'none'}>
                    {c.text}
                    {c.origin && ORIGIN_TEXT[c.origin] ? <span className="muted"> ({ORIGIN_TEXT[c.origin]})</span> : null}
                    {/* The state in words for every cell, "match" too: never colour alone. */}
                    {c.state && <span className={`drift-state${c.state === 'match' ? ' drift-state-match' : ''}`}> {c.state === 'match' ? '✓ ' : ''}{STATE_TEXT[c.state]}</span>}
                    {c.legacyKey && c.state !== 'migration-pending' && <span className="drift-state"> · from {c.legacyKey}</span>}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {shown.length === 0 && <p className="muted">{onlyDiffs ? 'No differences.' : 'Nothing read yet.'}</p>}
      <BaselineEditor role={role} baseline={baseline} keys={rows.map((r) => r.key).filter((k) => specForKey(k) !== null)} />
    </section>
  );
}

export function ConfigView({ views }: { views: ServerView[] }) {
  const readOnly = useReadOnly();
  const api = useApi();
  const queryClient = useQueryClient();
  const { audit, baselines } = useConfigAudit();
  const reread = useMutation({
    mutationFn: () => api.call('config.refresh', {}),
    onSuccess: (data) => queryClient.setQueryData(configAuditKey, data),
  });
  const audits = audit.data ?? [];
  const roles = [...new Set(views.map((v) => v.config.role ?? DEFAULT_ROLE))].sort();
  return (
    <section className="config-audit" aria-label="Config audit">
      <div className="toolbar">
        <button type="button" onClick={() => reread.mutate()} disabled={reread.isPending || Boolean(readOnly)} title={readOnly ?? undefined}>
          {reread.isPending ? 'Re-reading…' : 'Re-read configs now'}
        </button>
        <span className="muted">Read-only and redacted by OpenClaw: config.get every 5 min (the CLI every 15 min), memory status every 15 min.</span>
        {reread.error && <span className="field-error">{reread.error.message}</span>}
        {audit.error && <span className="field-error">Could not load the audit: {audit.error.message}</span>}
      </div>
      {roles.map((role) => (
        <RoleSection key={role} role={role} audits={audits.filter((a) => a.role === role)} baseline={baselines.data?.find((b) => b.role === role) ?? null} />
      ))}
    </section>
  );
}
