// Session hygiene: policies (with their next run and any problem), "Run now" for one server or a role
// (a dry run that then waits for approval), the runs waiting for approval and the audit log.
import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ServerView } from '../../../shared/domain';
import type { HygieneAction, HygienePolicyView } from '../../../shared/hygiene';
import { ApiError } from '../api';
import { useApi } from '../hooks/api-context';
import { ACTION_TEXT, PolicyForm } from './PolicyForm';
import { RunList } from './RunList';
import { hygienePoliciesKey, hygieneRunsKey, useHygiene } from './use-hygiene';
import { useReadOnly } from '../access/use-read-only';

const RUN_NOW_ACTIONS: HygieneAction[] = ['prune', 'compact', 'memory-reindex'];

function RunNow({ views }: { views: ServerView[] }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const [target, setTarget] = useState(views[0] ? `server:${views[0].config.id}` : '');
  const [actions, setActions] = useState<HygieneAction[]>(['prune']);
  const [compactFill, setCompactFill] = useState(0.8);
  const roles = [...new Set(views.map((v) => v.config.role ?? 'default'))].sort();
  const readOnly = useReadOnly();
  const run = useMutation({
    mutationFn: () => {
      const [kind, value] = [target.slice(0, target.indexOf(':')), target.slice(target.indexOf(':') + 1)];
      const extra = actions.includes('compact') ? { compactFill } : {};
      return api.call('hygiene.runNow', kind === 'server' ? { serverId: value, actions, ...extra } : { role: value, actions, ...extra });
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: hygieneRunsKey }),
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    run.mutate();
  };
  return (
    <form className="hygiene-run-now" onSubmit={submit} aria-label="Run now">
      <select aria-label="Run now target" value={target} onChange={(e) => setTarget(e.target.value)}>
        {views.map((v) => (
          <option key={v.config.id} value={`server:${v.config.id}`}>
            server {v.config.name}
          </option>
        ))}
        {roles.map((r) => (
          <option key={r} value={`role:${r}`}>
            role {r}
          </option>
        ))}
      </select>
      {RUN_NOW_ACTIONS.map((a) => (
        <label key={a} className="check">
          <input type="checkbox" checked={actions.includes(a)} onChange={() => setActions((x) => (x.includes(a) ? x.filter((y) => y !== a) : [...x, a]))} /> {ACTION_TEXT[a]}
        </label>
      ))}
      {actions.includes('compact') && (
        <label>
          compact at fill ≥ <input aria-label="Compact at fill" type="number" step="0.05" min="0.5" max="1" value={compactFill} onChange={(e) => setCompactFill(Number(e.target.value))} />
        </label>
      )}
      <button type="submit" disabled={run.isPending || !target || Boolean(readOnly)} title={readOnly ?? undefined}>
        {run.isPending ? 'Dry run…' : 'Run now (dry run first)'}
      </button>
      {run.isError && <span className="field-error"> {run.error instanceof ApiError && run.error.fields ? Object.values(run.error.fields).join('; ') : run.error.message}</span>}
    </form>
  );
}

function PolicyRow({ p, views, onEdit }: { p: HygienePolicyView; views: ServerView[]; onEdit: () => void }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const remove = useMutation({ mutationFn: () => api.call('hygiene.policies.remove', { id: p.id }), onSuccess: () => void queryClient.invalidateQueries({ queryKey: hygienePoliciesKey }) });
  const target = p.serverId ? `server ${views.find((v) => v.config.id === p.serverId)?.config.name ?? p.serverId}` : `role ${p.role}`;
  const problems = Object.values(p.problems);
  const readOnly = useReadOnly();
  return (
    <tr data-testid="hygiene-policy" data-policy={p.name} data-next-run={p.nextRunAt ?? ''}>
      <td>{p.name}</td>
      <td>{target}</td>
      <td>{p.actions.join(', ')}</td>
      <td>
        <code>{p.cron}</code> {p.timezone} · window {p.windowStart}–{p.windowEnd}
      </td>
      <td>{p.mode}</td>
      <td>{!p.enabled ? 'disabled' : p.nextRunAt ? new Date(p.nextRunAt).toLocaleString() : '–'}</td>
      <td>{problems.length > 0 && <span className="field-error">{problems.join('; ')}</span>}</td>
      <td>
        <button type="button" className="secondary" onClick={onEdit} disabled={Boolean(readOnly)} title={readOnly ?? undefined}>
          Edit
        </button>{' '}
        <button type="button" className="secondary" onClick={() => remove.mutate()} disabled={Boolean(readOnly)} title={readOnly ?? undefined}>
          Remove
        </button>
      </td>
    </tr>
  );
}

export function HygieneView({ views }: { views: ServerView[] }) {
  const { policies, runs } = useHygiene();
  const [editing, setEditing] = useState<HygienePolicyView | 'new' | null>(null);
  const readOnly = useReadOnly();
  return (
    <section className="hygiene-view" data-testid="hygiene-view" aria-label="Session hygiene">
      <h2>Session hygiene</h2>
      <p className="muted">
        Pruning, compaction, resets and memory reindexing on a schedule, per role or server. Every run starts with a dry run (counts and sizes
        only); "ask me" waits for your approval inside the window. Servers that are down or busy are skipped and retried next time.
      </p>
      <RunNow views={views} />
      <h3>Policies</h3>
      {policies.isError && <p className="form-error">Could not load policies: {policies.error.message}</p>}
      <table className="hygiene-policies">
        <thead>
          <tr>
            <th>name</th>
            <th>applies to</th>
            <th>actions</th>
            <th>schedule</th>
            <th>mode</th>
            <th>next run</th>
            <th>problems</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {(policies.data ?? []).map((p) => (
            <PolicyRow key={p.id} p={p} views={views} onEdit={() => setEditing(p)} />
          ))}
        </tbody>
      </table>
      {editing === null ? (
        <button type="button" onClick={() => setEditing('new')} disabled={Boolean(readOnly)} title={readOnly ?? undefined}>
          New policy
        </button>
      ) : (
        <PolicyForm key={editing === 'new' ? 'new' : editing.id} views={views} editing={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />
      )}
      <RunList runs={runs.data ?? []} views={views} />
    </section>
  );
}
