// How Yardmaster reaches this server's gateway, and the way to give it a token by hand when the SSH
// user cannot read the gateway's own config (it runs as another user). The token is sent once and
// never shown again.
import type { SkipReason } from '../../../shared/skipped-rows';
import { RememberSecret } from './RememberSecret';
import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import type { GatewayCredential, ServerView } from '../../../shared/domain';
import { useApi } from '../hooks/api-context';

/** Which credential the link uses, in words: all are the gateway's shared token today (the link asks only for operator.read). */
const CREDENTIAL_WORDS: Record<GatewayCredential, string> = {
  'config-token': "the gateway's shared token, read from its config on the server",
  'environment-token': "the gateway's shared token, from the service environment",
  'typed-token': "the gateway's shared token, typed by an operator",
};

const SKIP_WORDS: Record<SkipReason, string> = { 'no-key': 'no key', 'key-unreadable': 'key with spaces, quotes or control characters', 'over-limit': 'over the 2000-row limit' };

export function GatewayAccessPanel({ view }: { view: ServerView }) {
  const api = useApi();
  const [token, setToken] = useState('');
  const [remember, setRemember] = useState(false);
  const set = useMutation({ mutationFn: (value: string | null) => api.call('servers.setGatewayToken', { id: view.config.id, token: value, remember }), onSuccess: () => setToken('') });
  const gw = view.snapshot?.gateway ?? null;
  const refused = gw?.via === 'cli' && !!gw.linkError;
  const refusedTyped = refused && view.gatewayTokenSupplied === true;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    set.mutate(token);
  };
  return (
    <div className="gateway-access" data-testid="gateway-access">
      <h3>Gateway access</h3>
      <p data-testid="gateway-access-state">
        {gw ? (
          <span data-testid="gateway-via" data-via={gw.via}>
            {gw.via === 'websocket' ? `Read-only WebSocket (protocol ${gw.protocol ?? '?'})` : 'CLI over SSH'}
          </span>
        ) : (
          <span className="muted">Not reached yet.</span>
        )}
        {gw?.via === 'websocket' && gw.credential && (
          <span data-testid="gateway-credential" data-credential={gw.credential} className="muted">
            {' '}
            · credential: {CREDENTIAL_WORDS[gw.credential]}
          </span>
        )}
        {view.snapshot?.readiness && (
          <span data-testid="gateway-ready" data-ready={String(view.snapshot.readiness.ready)} className={view.snapshot.readiness.ready ? 'muted' : 'error-text'}>
            {' '}
            · {view.snapshot.readiness.ready ? 'ready (/readyz)' : `not ready: ${view.snapshot.readiness.failing.join(', ') || 'no reason given'}`}
          </span>
        )}
      </p>
      {(view.snapshot?.skippedRows?.length ?? 0) > 0 && (
        <p className="muted" data-testid="skipped-rows">
          Not read: {view.snapshot!.skippedRows!.map((r) => `${r.count} ${r.what} row${r.count === 1 ? '' : 's'} (${SKIP_WORDS[r.reason]})`).join(', ')}
        </p>
      )}
      {/* One explanation of why it is the CLI, never a "token read from the server" beside a refusal of the typed one. */}
      {gw?.via === 'cli' && gw.linkError ? (
        <p className="error-text" data-testid="gateway-refused">
          <span className="error-kind">{gw.linkError}</span>{' '}
          {refusedTyped
            ? 'The gateway refused the token typed by an operator, so Yardmaster watches through the CLI only. Enter the right token, or read it from the server again.'
            : "The gateway refused the token read from the server's OpenClaw config, so Yardmaster watches through the CLI only. Type the gateway token below if the SSH user cannot read the right one."}
        </p>
      ) : (
        gw?.via === 'cli' && gw.note && <p className="muted">{gw.note}</p>
      )}
      {!refused && (
        <p className="muted">
          Token: {view.gatewayTokenSupplied ? 'typed by an operator (kept in memory only, unless remembered on this computer)' : "read over SSH from the server's OpenClaw config"}
        </p>
      )}
      <form className="webhook-form" aria-label="Set the gateway token" onSubmit={submit}>
        <label htmlFor={`gwtoken-${view.config.id}`}>Gateway token</label>
        <input id={`gwtoken-${view.config.id}`} type="password" autoComplete="off" value={token} onChange={(e) => setToken(e.target.value)} />
        <button type="submit" className="secondary" disabled={!token || set.isPending}>
          Use this token
        </button>
        <RememberSecret id={`remember-gwtoken-${view.config.id}`} checked={remember} onChange={setRemember} />
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
