// The new-rollout wizard: target → servers → plan → typed confirmation. Nothing changes on any
// server until the typed confirmation is accepted by the core.
import { useMemo, useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { RolloutPlan } from '../../../shared/rollout';
import { useApi } from '../hooks/api-context';
import { ApiError } from '../api';
import { ServiceManagerForm } from './ServiceManagerForm';
import { PlanTable } from './PlanTable';
import { formatMs, rolloutsKey, useRolloutTargets } from './use-rollouts';

type Page = 'target' | 'servers' | 'plan' | 'confirm';

export function RolloutWizard({ onStarted, onCancel }: { onStarted: (id: string) => void; onCancel: () => void }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const [page, setPage] = useState<Page>('target');
  const [refresh, setRefresh] = useState(false);
  const targets = useRolloutTargets(refresh);
  const [version, setVersion] = useState('');
  const [picked, setPicked] = useState<string[] | null>(null);
  const [bakeMinutes, setBakeMinutes] = useState(10);
  const [maxFailures, setMaxFailures] = useState(0);
  const [concurrency, setConcurrency] = useState(1);
  const [doctorLint, setDoctorLint] = useState(false);
  const [allowDowngrade, setAllowDowngrade] = useState(false);
  const [typed, setTyped] = useState('');
  const [plan, setPlan] = useState<RolloutPlan | null>(null);
  const [error, setError] = useState<string | null>(null);
  const rows = targets.data?.servers ?? [];
  const selected = picked ?? rows.filter((r) => !r.isOps && r.status === 'UP').map((r) => r.serverId);
  const choice = useMemo(
    () => ({ targetVersion: version.trim(), serverIds: selected, bakeMinutes, maxFailuresPerWave: maxFailures, concurrency, doctorLint, allowDowngrade }),
    [version, selected, bakeMinutes, maxFailures, concurrency, doctorLint, allowDowngrade],
  );
  const fail = (e: unknown) => setError(e instanceof ApiError ? `${e.message}${e.fields ? ` (${Object.entries(e.fields).map(([k, v]) => `${k}: ${v}`).join('; ')})` : ''}` : String(e));
  const makePlan = useMutation({
    mutationFn: () => api.call('rollouts.plan', choice),
    onSuccess: (p) => {
      setPlan(p);
      setError(null);
      setPage('plan');
    },
    onError: fail,
  });
  const start = useMutation({
    mutationFn: () => api.call('rollouts.start', { ...choice, confirmation: typed, confirmDowngrade: allowDowngrade || undefined }),
    onSuccess: (d) => {
      void queryClient.invalidateQueries({ queryKey: rolloutsKey });
      onStarted(d.id);
    },
    onError: fail,
  });
  const toggle = (id: string) => setPicked(selected.includes(id) ? selected.filter((x) => x !== id) : [...selected, id]);
  const move = (id: string, by: number) => {
    const list = [...selected];
    const i = list.indexOf(id);
    const j = i + by;
    if (i < 0 || j < 0 || j >= list.length) return;
    [list[i], list[j]] = [list[j]!, list[i]!];
    setPicked(list);
  };

  return (
    <section className="panel rollout-wizard" aria-label="New rollout" data-testid="rollout-wizard" data-page={page}>
      <h2>New rollout · {page === 'target' ? '1 Target' : page === 'servers' ? '2 Servers' : page === 'plan' ? '3 Plan' : '4 Confirm'}</h2>
      {error && <p className="form-error" role="alert">{error}</p>}
      {page === 'target' && (
        <>
          <label>
            Target version
            <input list="rollout-versions" value={version} onChange={(e) => setVersion(e.target.value)} placeholder="2026.9.6" aria-label="Target version" />
          </label>
          <datalist id="rollout-versions">{targets.data?.versions.map((v) => <option key={v.version} value={v.version}>{v.source === 'update-status' ? 'latest on channel' : 'in the fleet'}</option>)}</datalist>
          <p className="muted">
            Offered: {targets.data?.versions.map((v) => `${v.version} (${v.source === 'update-status' ? 'latest on a server’s channel' : 'running in the fleet'})`).join(', ') || 'none reported'} ·{' '}
            <button type="button" className="link" onClick={() => setRefresh(true)}>ask the servers again</button>
          </p>
          <table className="rollout-table">
            <thead><tr><th>Server</th><th>Version</th><th>Install</th><th>Service manager</th><th>Status</th></tr></thead>
            <tbody>{rows.map((r) => <tr key={r.serverId}><td>{r.name}</td><td>{r.version ?? '?'}</td><td>{r.installKind ?? '?'}</td><td>{r.service?.kind ?? 'not set'}</td><td>{r.status ?? '?'}</td></tr>)}</tbody>
          </table>
          <button type="button" disabled={!/^\d{4}\.\d{1,2}\.\d{1,2}/.test(version.trim())} onClick={() => setPage('servers')}>Next: servers</button>
        </>
      )}
      {page === 'servers' && (
        <>
          <p className="muted">The first server is the canary. The console’s own server (role “ops”) is left out unless you pick it.</p>
          <table className="rollout-table">
            <thead><tr><th>Take part</th><th>Order</th><th>Server</th><th>Role / tags</th><th>Version</th><th>How its gateway is run</th></tr></thead>
            <tbody>
              {rows.map((r) => {
                const at = selected.indexOf(r.serverId);
                return (
                  <tr key={r.serverId} data-testid="rollout-server-choice" data-server-name={r.name}>
                    <td><input type="checkbox" aria-label={`Include ${r.name}`} checked={at >= 0} onChange={() => toggle(r.serverId)} /></td>
                    <td>{at >= 0 ? <>{at === 0 ? 'canary' : `#${at + 1}`} <button type="button" className="link" aria-label={`Move ${r.name} up`} onClick={() => move(r.serverId, -1)}>↑</button><button type="button" className="link" aria-label={`Move ${r.name} down`} onClick={() => move(r.serverId, 1)}>↓</button></> : '–'}</td>
                    <td>{r.name}</td>
                    <td>{[r.role, ...r.tags].filter(Boolean).join(', ')}</td>
                    <td>{r.version ?? '?'}</td>
                    <td><ServiceManagerForm serverId={r.serverId} name={r.name} current={r.service} /></td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <fieldset className="rollout-options">
            <label>Bake per wave (min) <input type="number" min={0} value={bakeMinutes} onChange={(e) => setBakeMinutes(Number(e.target.value))} /></label>
            <label>Failures allowed per wave <input type="number" min={0} value={maxFailures} onChange={(e) => setMaxFailures(Number(e.target.value))} /></label>
            <label>Servers at once in a wave <input type="number" min={1} value={concurrency} onChange={(e) => setConcurrency(Number(e.target.value))} /></label>
            <label><input type="checkbox" checked={doctorLint} onChange={(e) => setDoctorLint(e.target.checked)} /> Gate on <code>openclaw doctor --lint</code></label>
            <label><input type="checkbox" checked={allowDowngrade} onChange={(e) => setAllowDowngrade(e.target.checked)} /> This may be a downgrade (confirmed separately)</label>
          </fieldset>
          <button type="button" className="secondary" onClick={() => setPage('target')}>Back</button>{' '}
          <button type="button" disabled={!selected.length || makePlan.isPending} onClick={() => makePlan.mutate()}>Next: plan</button>
        </>
      )}
      {page === 'plan' && plan && (
        <>
          <PlanTable plan={plan} />
          <button type="button" className="secondary" onClick={() => setPage('servers')}>Back</button>{' '}
          <button type="button" disabled={plan.servers.some((s) => s.blockers.length > 0)} onClick={() => setPage('confirm')}>Next: confirm</button>
        </>
      )}
      {page === 'confirm' && plan && (
        <>
          <p>
            This changes {plan.servers.length} server{plan.servers.length === 1 ? '' : 's'}: about {formatMs(plan.estimatedMs)} in {plan.waves.length} wave{plan.waves.length === 1 ? '' : 's'}. Type <strong>{plan.confirmation}</strong> to start.
          </p>
          <input aria-label="Confirmation" value={typed} onChange={(e) => setTyped(e.target.value)} />{' '}
          <button type="button" className="secondary" onClick={() => setPage('plan')}>Back</button>{' '}
          <button type="button" className="danger" disabled={typed.trim() !== plan.confirmation || start.isPending} onClick={() => start.mutate()}>Start rollout</button>
        </>
      )}
      <p><button type="button" className="link" onClick={onCancel}>Cancel</button></p>
    </section>
  );
}
