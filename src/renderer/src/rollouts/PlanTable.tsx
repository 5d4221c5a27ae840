// The plan before the confirmation: order, waves, what is done on each server, what a rollback could
// do (and where it cannot), and the estimate from measured step times.
import type { RolloutPlan } from '../../../shared/rollout';
import { formatMs } from './use-rollouts';

export function PlanTable({ plan }: { plan: RolloutPlan }) {
  const o = plan.options;
  return (
    <div data-testid="rollout-plan">
      <p>
        To <strong>{o.targetVersion}</strong> · {plan.waves.length} wave{plan.waves.length === 1 ? '' : 's'} (canary, then {o.waves.join(' / ')} % of the rest) · bake {formatMs(o.bakeMs)} per wave ·{' '}
        {o.maxFailuresPerWave === 0 ? 'stops at the first failed server' : `stops past ${o.maxFailuresPerWave} failures in a wave`} · {o.concurrency} at once · estimated{' '}
        <strong data-testid="rollout-estimate">{formatMs(plan.estimatedMs)}</strong>
      </p>
      {plan.warnings.map((w) => <p key={w} className="muted">⚠ {w}</p>)}
      <table className="rollout-table">
        <thead><tr><th>Wave</th><th>Server</th><th>From</th><th>Steps</th><th>Rollback</th><th>Blockers</th></tr></thead>
        <tbody>
          {plan.servers.map((s) => (
            <tr key={s.serverId} data-testid="plan-row" data-server-name={s.name}>
              <td>{s.wave === 0 ? 'canary' : s.wave + 1}</td>
              <td>{s.name}</td>
              <td>{s.fromVersion ?? '?'}{s.downgrade ? ' (downgrade)' : ''}</td>
              <td className="muted">{s.steps.map((st) => `${st} ~${formatMs(plan.stepEstimatesMs[st])}`).join(' → ')}</td>
              <td className={s.rollback.possible ? 'muted' : 'form-error'}>{s.rollback.note}</td>
              <td className={s.blockers.length ? 'form-error' : ''}>{s.blockers.join('; ') || 'none'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
