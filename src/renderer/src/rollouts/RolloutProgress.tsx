// Live progress of one rollout: per server its steps with elapsed time and an ETA from the plan's
// step estimates, the gate values as checked, and the actions the core says are valid now — each
// asks for a second click before it is sent.
import { ReadOnlyFieldset } from '../access/ReadOnlyFieldset';
import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { RolloutAction, RolloutDetail, RolloutStep } from '../../../shared/rollout';
import { ApiError } from '../api';
import { useApi } from '../hooks/api-context';
import { useNow } from '../hooks/use-now';
import { formatMs, rolloutsKey } from './use-rollouts';

const summaryText = (s: RolloutStep['summary']) =>
  Object.entries(s)
    .filter(([, v]) => v !== null)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(' ');

function ActionButton({ detail, action, serverId, label }: { detail: RolloutDetail; action: RolloutAction; serverId?: string; label: string }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const [armed, setArmed] = useState(false);
  const act = useMutation({
    mutationFn: () => api.call('rollouts.act', { id: detail.id, action, serverId }),
    onSettled: () => {
      setArmed(false);
      void queryClient.invalidateQueries({ queryKey: rolloutsKey });
    },
  });
  return (
    <ReadOnlyFieldset>
      <button type="button" className={armed ? 'danger' : 'secondary'} disabled={act.isPending} onClick={() => (armed ? act.mutate() : setArmed(true))}>
        {armed ? `Confirm: ${label}` : label}
      </button>
      {act.error && <span className="form-error">{act.error instanceof ApiError ? act.error.message : String(act.error)}</span>}{' '}
    </ReadOnlyFieldset>
  );
}

export function RolloutProgress({ detail }: { detail: RolloutDetail }) {
  const now = useNow(1000);
  const est = detail.plan.stepEstimatesMs;
  const a = detail.actions;
  return (
    <section className="panel" aria-label="Rollout progress" data-testid="rollout-progress" data-state={detail.state}>
      <h2>
        Rollout to {detail.targetVersion} · <span data-testid="rollout-state">{detail.state}</span>
        {detail.reason ? ` (${detail.reason})` : ''} · wave {detail.currentWave + 1} of {detail.plan.waves.length}
        {detail.state === 'baking' && detail.bakeUntil ? ` · bake ends in ${formatMs(detail.bakeUntil - now)}` : ''}
      </h2>
      <p className="muted">
        Started by {detail.createdBy} at {new Date(detail.createdAt).toLocaleString()} · elapsed {formatMs((detail.finishedAt ?? now) - detail.createdAt)}
        {detail.state === 'interrupted' ? ' · the console stopped while this ran: each server’s true state was probed again (below); resume or abort.' : ''}
      </p>
      <p>
        {a.pause && <ActionButton detail={detail} action="pause" label="Pause" />}
        {a.resume && <ActionButton detail={detail} action="resume" label="Resume" />}
        {a.promote && <ActionButton detail={detail} action="promote" label="Promote (end the bake)" />}
        {a.abort && <ActionButton detail={detail} action="abort" label="Abort" />}
      </p>
      <table className="rollout-table">
        <thead><tr><th>Server</th><th>State</th><th>Progress</th><th>Current / last step</th><th>Gate values / output</th><th>Actions</th></tr></thead>
        <tbody>
          {detail.servers.map((s) => {
            const planned = detail.plan.servers.find((p) => p.serverId === s.serverId)?.steps ?? [];
            const steps = detail.steps.filter((x) => x.serverId === s.serverId);
            const ok = new Set(steps.filter((x) => x.outcome === 'ok').map((x) => x.step));
            const last = steps.at(-1);
            const remaining = planned.filter((p) => !ok.has(p)).reduce((sum, p) => sum + (est[p] ?? 0), 0);
            const running = last?.outcome === 'running';
            return (
              <tr key={s.serverId} data-testid="rollout-server" data-server-name={s.name} data-state={s.state}>
                <td>{s.name}{s.wave === 0 ? ' (canary)' : ''}</td>
                <td>{s.state}{s.failure ? `: ${s.failure}` : ''}{s.probed ? ` · probed: ${s.probed.version ?? '?'}, ${s.probed.running ? 'running' : 'not running'}` : ''}</td>
                <td><progress max={planned.length || 1} value={planned.filter((p) => ok.has(p)).length} aria-label={`${s.name} progress`} /> {s.state === 'updating' ? `ETA ${formatMs(remaining)}` : ''}</td>
                <td>{last ? `${last.step} ${last.outcome} ${formatMs((last.endedAt ?? now) - last.startedAt)}${running ? '…' : ''}${last.exitCode !== null ? ` · exit ${last.exitCode}` : ''}` : 'not started'}</td>
                <td className="muted">{last ? summaryText(last.summary) : ''}</td>
                <td>
                  {a.retry.includes(s.serverId) && <ActionButton detail={detail} action="retry" serverId={s.serverId} label="Retry" />}
                  {a.skip.includes(s.serverId) && <ActionButton detail={detail} action="skip" serverId={s.serverId} label="Skip" />}
                  {a.rollback.includes(s.serverId) && <ActionButton detail={detail} action="rollback" serverId={s.serverId} label="Roll back" />}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <details>
        <summary>Every step ({detail.steps.length}) and who did what</summary>
        <table className="rollout-table" data-testid="rollout-steps">
          <thead><tr><th>Server</th><th>Step</th><th>Outcome</th><th>Took</th><th>Exit</th><th>Summary</th></tr></thead>
          <tbody>
            {detail.steps.map((x, i) => (
              <tr key={i}>
                <td>{detail.servers.find((s) => s.serverId === x.serverId)?.name}</td><td>{x.step}</td><td>{x.outcome}</td>
                <td>{formatMs((x.endedAt ?? now) - x.startedAt)}</td><td>{x.exitCode ?? ''}</td><td className="muted">{summaryText(x.summary)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <ul>{detail.audit.map((e, i) => <li key={i}>{new Date(e.at).toLocaleString()} · {e.actor} · {e.action}{e.serverId ? ` · ${detail.servers.find((s) => s.serverId === e.serverId)?.name}` : ''}</li>)}</ul>
      </details>
    </section>
  );
}
