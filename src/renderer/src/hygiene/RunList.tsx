// Hygiene runs: the ones waiting for approval (with their dry-run numbers and an Approve button), and
// the audit log (who or what started it, when, dry-run and real numbers per server, the outcome).
import { ReadOnlyFieldset } from '../access/ReadOnlyFieldset';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ServerView } from '../../../shared/domain';
import type { HygieneAgentFigures, HygieneRun, HygieneRunServer } from '../../../shared/hygiene';
import { useApi } from '../hooks/api-context';
import { hygieneRunsKey } from './use-hygiene';

const sum = (figures: HygieneAgentFigures[], k: 'rows' | 'zeroTokenRows' | 'storeBytes') =>
  figures.length && figures.every((f) => f[k] !== null) ? figures.reduce((a, f) => a + (f[k] ?? 0), 0) : null;
const worst = (figures: HygieneAgentFigures[]) => (figures.some((f) => f.maxFill !== null) ? Math.max(...figures.map((f) => f.maxFill ?? 0)) : null);
const fmt = (n: number | null) => (n === null ? '–' : String(n));
const pct = (n: number | null) => (n === null ? '–' : `${Math.round(n * 100)} %`);
const kb = (n: number | null) => (n === null ? '–' : `${Math.round(n / 1024)} KiB`);

function ServerLine({ s, name }: { s: HygieneRunServer; name: string }) {
  const dryRows = s.dryRun.reduce((a, n) => a + n.rows, 0);
  const realRows = s.real.reduce((a, n) => a + n.rows, 0);
  const targets = s.dryRun.filter((n) => n.action !== 'prune').map((n) => `${n.action} ${n.targets}`);
  return (
    <tr data-testid="hygiene-run-server" data-server-name={name} data-state={s.state} data-dry-rows={dryRows} data-real-rows={realRows}
      data-rows-before={fmt(sum(s.before, 'rows'))} data-rows-after={fmt(sum(s.after, 'rows'))}>
      <td>{name}</td>
      <td>
        {s.state}
        {s.reason ? ` (${s.reason})` : ''}
      </td>
      <td>
        {dryRows} rows{targets.length ? `, ${targets.join(', ')}` : ''}
        {s.dryRun.some((n) => n.bytes) ? `, ${kb(s.dryRun.reduce((a, n) => a + (n.bytes ?? 0), 0))}` : ''}
      </td>
      <td>{s.real.length ? `${realRows} rows` : '–'}</td>
      <td>
        rows {fmt(sum(s.before, 'rows'))} → {fmt(sum(s.after, 'rows'))} · zero-token {fmt(sum(s.before, 'zeroTokenRows'))} → {fmt(sum(s.after, 'zeroTokenRows'))} · store{' '}
        {kb(sum(s.before, 'storeBytes'))} → {kb(sum(s.after, 'storeBytes'))} · worst fill {pct(worst(s.before))} → {pct(worst(s.after))}
      </td>
      <td className="muted">{s.unavailable.map((u) => `${u.action} unavailable: ${u.reason}`).join('; ')}</td>
    </tr>
  );
}

function RunCard({ run, names }: { run: HygieneRun; names: Map<string, string> }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const approve = useMutation({
    mutationFn: () => api.call('hygiene.approve', { runId: run.id }),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: hygieneRunsKey }),
  });
  return (
    <li data-testid="hygiene-run" data-run-id={run.id} data-state={run.state} data-policy={run.policyName} data-trigger={run.trigger}>
      <div>
        <strong>{run.policyName}</strong> · {run.actions.join(', ')} · {run.trigger === 'schedule' ? 'by its schedule' : `by ${run.startedBy}`} at{' '}
        {new Date(run.createdAt).toLocaleString()} · <span data-testid="hygiene-run-state">{run.state}</span>
        {run.approvedBy && ` · approved by ${run.approvedBy} at ${new Date(run.approvedAt ?? 0).toLocaleTimeString()}`}
        {run.state === 'awaiting-approval' && (
          <>
            {' '}
            · window closes {new Date(run.windowEndsAt).toLocaleTimeString()}{' '}
            <ReadOnlyFieldset>
              <button type="button" onClick={() => approve.mutate()} disabled={approve.isPending}>
                Approve
              </button>
            </ReadOnlyFieldset>
          </>
        )}
        {approve.isError && <span className="field-error"> {approve.error.message}</span>}
      </div>
      <table className="hygiene-servers">
        <thead>
          <tr>
            <th>server</th>
            <th>outcome</th>
            <th>dry run</th>
            <th>real</th>
            <th>before → after</th>
            <th>unavailable</th>
          </tr>
        </thead>
        <tbody>
          {run.servers.map((s) => (
            <ServerLine key={s.serverId} s={s} name={names.get(s.serverId) ?? s.serverId} />
          ))}
        </tbody>
      </table>
    </li>
  );
}

export function RunList({ runs, views }: { runs: HygieneRun[]; views: ServerView[] }) {
  const names = new Map(views.map((v) => [v.config.id, v.config.name]));
  const pending = runs.filter((r) => r.state === 'awaiting-approval');
  const rest = runs.filter((r) => r.state !== 'awaiting-approval');
  return (
    <>
      <h3>Waiting for approval</h3>
      {pending.length === 0 ? <p className="muted">Nothing waiting.</p> : <ul className="hygiene-runs" data-testid="hygiene-pending">{pending.map((r) => <RunCard key={r.id} run={r} names={names} />)}</ul>}
      <h3>Run history</h3>
      {rest.length === 0 ? <p className="muted">No runs yet.</p> : <ul className="hygiene-runs" data-testid="hygiene-history">{rest.map((r) => <RunCard key={r.id} run={r} names={names} />)}</ul>}
    </>
  );
}
