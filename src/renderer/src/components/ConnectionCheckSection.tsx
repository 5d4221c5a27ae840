// "Connection check" in a server's detail: runs the step-by-step check on the saved server on demand.
import { useMutation } from '@tanstack/react-query';
import { useApi } from '../hooks/api-context';
import { ConnectionSteps } from './ConnectionSteps';

export function ConnectionCheckSection({ serverId }: { serverId: string }) {
  const api = useApi();
  const check = useMutation({ mutationFn: () => api.call('servers.checkConnection', { id: serverId }) });
  return (
    <section className="check-section" aria-label="Connection check" data-testid="connection-check">
      <h3>Connection check</h3>
      <p className="muted">TCP → host key → SSH login → gateway /healthz → gateway scopes, on a fresh connection; nothing is stored.</p>
      <button type="button" className="secondary" onClick={() => check.mutate()} disabled={check.isPending}>
        {check.isPending ? 'Checking…' : 'Run check'}
      </button>
      {check.isError && (
        <p className="form-error" role="alert">
          {check.error.message}
        </p>
      )}
      {check.data && <ConnectionSteps check={check.data} />}
    </section>
  );
}
