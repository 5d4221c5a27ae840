// A row's problem: the probe error in plain words (with "Unlock key" / "Trust this key" where they
// apply) and, apart from it, the server's worst active alert, so a model-error alert on an UP
// server shows on its row too.
import { ReadOnlyFieldset } from '../access/ReadOnlyFieldset';
import { RememberSecret } from './RememberSecret';
import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import type { Alert, ServerView } from '../../../shared/domain';
import { useApi } from '../hooks/api-context';
import { hrefFor } from '../routes/hash-route';

export function ProblemCell({ view, alert }: { view: ServerView; alert: Alert | undefined }) {
  const api = useApi();
  const { config, snapshot } = view;
  const trust = useMutation({ mutationFn: (fingerprint: string) => api.call('servers.trustHostKey', { id: config.id, fingerprint }) });
  const [remember, setRemember] = useState(false);
  const unlock = useMutation({ mutationFn: (passphrase: string) => api.call('servers.unlockKey', { id: config.id, passphrase, remember }) });
  const [passphrase, setPassphrase] = useState('');
  const error = snapshot?.error ?? null;
  const offered = error?.kind === 'host-key-unknown' ? error.detail?.fingerprint : undefined;
  // The server-down alert only repeats the probe error beside it.
  const showAlert = alert && !(alert.rule === 'server-down' && error);
  return (
    <>
      <span data-testid="server-error" className="error-text">
        {error && (
          <>
            <span className="error-kind">{error.kind}</span> {error.message}
          </>
        )}
      </span>
      {showAlert && (
        <a href={hrefFor('alerts')} className={`row-alert sev-text-${alert.severity}`} data-testid="row-alert" data-rule={alert.rule} data-severity={alert.severity}>
          <span className={`sev sev-${alert.severity}`}>{alert.severity}</span> {alert.summary}
          {alert.silencedBy ? ' (silenced)' : ''}
        </a>
      )}
      {error?.kind === 'key-locked' && (
        <ReadOnlyFieldset>
        <form
          className="unlock"
          aria-label="Unlock key"
          onSubmit={(e) => {
            e.preventDefault();
            if (passphrase) unlock.mutate(passphrase, { onSettled: () => setPassphrase('') });
          }}
        >
          <input type="password" aria-label="Key passphrase" autoComplete="off" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} />
          <button type="submit" className="secondary" disabled={unlock.isPending}>
            Unlock key
          </button>
          <RememberSecret id={`remember-pass-${config.id}`} checked={remember} onChange={setRemember} />
        </form>
        </ReadOnlyFieldset>
      )}
      {offered && (
        <ReadOnlyFieldset>
        <div>
          <button
            type="button"
            className="secondary"
            disabled={trust.isPending}
            onClick={() => {
              const knownTypes = error?.detail?.knownTypes;
              const question = knownTypes
                ? `WARNING: ${config.host}:${config.sshPort} is known by its ${knownTypes} host key and now offers a different type (${error?.detail?.keyType ?? 'another'}, ${offered}). This can be an attack. Trust the new key only if you read this exact fingerprint on the server itself. Trust it?`
                : `Trust host key ${offered} for ${config.host}:${config.sshPort}? Only do this if you checked it out of band.`;
              if (window.confirm(question)) {
                trust.mutate(offered);
              }
            }}
          >
            {error?.detail?.knownTypes ? 'Trust this new key type…' : 'Trust this key'}
          </button>
          {trust.isError && <span className="field-error"> {trust.error.message}</span>}
        </div>
        </ReadOnlyFieldset>
      )}
    </>
  );
}
