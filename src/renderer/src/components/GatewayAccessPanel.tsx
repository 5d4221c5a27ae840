// How Yardmaster reaches this server's gateway, and the way to give it a token by hand when the SSH
// user cannot read the gateway's own config (it runs as another user). The token is sent once and
// never shown again.
import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import type { ServerView } from '../../../shared/domain';
import { useApi } from '../hooks/api-context';

export function GatewayAccessPanel({ view }: { view: ServerView }) {
  const api = useApi();
  const [token, setToken] = useState('');
  const set = useMutation({ mutationFn: (value: string | null) => api.call('servers.setGatewayToken', { id: view.config.id, token: value }), onSuccess: () => setToken('') });
  const gw = view.snapshot?.gateway ?? null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    set.mutate(token);
  };
  return (
    <div className="gateway-access" data-testid="gateway-access">
      <h3>Gateway access</h3>
      <p>
        {gw ? (
          <span data-testid="gateway-via" data-via={gw.via}>
            {gw.via === 'websocket' ? `Read-only WebSocket (protocol ${gw.protocol ?? '?'})` : 'CLI over SSH'}
          </span>
        ) : (
          <span className="muted">Not reached yet.</span>
        )}
        {gw?.via === 'cli' && gw.note && <span className="muted"> · {gw.note}</span>}
        {view.snapshot?.readiness && (
          <span data-testid="gateway-ready" data-ready={String(view.snapshot.readiness.ready)} className={view.snapshot.readiness.ready ? 'muted' : 'error-text'}>
            {' '}
            · {view.snapshot.readiness.ready ? 'ready (/readyz)' : `not ready: ${view.snapshot.readiness.failing.join(', ') || 'no reason given'}`}
          </span>
        )}
        {gw?.linkError && (
          <span className="error-text">
            {' '}
            · <span className="error-kind">{gw.linkError}</span>
          </span>
        )}
      </p>
      <p className="muted">
        Token: {view.gatewayTokenSupplied ? 'typed by an operator (kept in memory, or in the OS vault in the desktop app)' : "read over SSH from the server's OpenClaw config"}
      </p>
      <form className="webhook-form" aria-label="Set the gateway token" onSubmit={submit}>
        <label htmlFor={`gwtoken-${view.config.id}`}>Gateway token</label>
        <input id={`gwtoken-${view.config.id}`} type="password" autoComplete="off" value={token} onChange={(e) => setToken(e.target.value)} />
        <button type="submit" className="secondary" disabled={!token || set.isPending}>
          Use this token
        </button>
        {view.gatewayTokenSupplied && (
          <button type="button" className="secondary" onClick={() => set.mutate(null)}>
            Read it from the server again
          </button>
        )}
        {set.isError && <span className="field-error">{set.error.message}</span>}
      </form>
    </div>
  );
}
