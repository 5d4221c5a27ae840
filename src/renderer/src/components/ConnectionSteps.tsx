// The result of a connection check: each step with pass / fail / not reached, its message and time.
// Messages can quote the server (host-key fingerprints, HTTP statuses): shown as text only.
import type { ConnectionCheck, ConnectionCheckStepName } from '../../../shared/domain';

const LABEL: Record<ConnectionCheckStepName, string> = {
  tcp: 'TCP to the SSH port',
  'host-key': 'Host key',
  auth: 'SSH login',
  gateway: 'Gateway /healthz',
  scopes: 'Gateway scopes',
};

export function ConnectionSteps({ check }: { check: ConnectionCheck }) {
  return (
    <ol className="check-steps" data-testid="check-steps" aria-label="Connection check results">
      {check.steps.map((s) => {
        const state = s.ok === true ? 'pass' : s.ok === false ? 'fail' : 'skip';
        return (
          <li key={s.step} className={`check-step check-${state}`} data-testid="check-step" data-step={s.step} data-ok={String(s.ok)}>
            <span className="check-mark" aria-hidden="true">
              {state === 'pass' ? '✓' : state === 'fail' ? '✗' : '–'}
            </span>
            <span className="check-label">
              {LABEL[s.step]}
              <span className="visually-hidden">: {state === 'pass' ? 'passed' : state === 'fail' ? 'failed' : 'not checked'}</span>
            </span>
            <span className="check-message">{s.message}</span>
            {s.ok !== null && <span className="muted"> {s.durationMs} ms</span>}
          </li>
        );
      })}
    </ol>
  );
}
