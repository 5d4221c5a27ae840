// "Watch from this computer" or "Attach to an ops server" (URL + token, optionally a self-signed
// certificate, optionally through SSH to a service that binds only loopback). Attaching is tried
// first: a wrong URL, a refused token, a TLS failure or an unreachable server is said in words and
// nothing changes. The token is kept in the console's secret store, never shown again.
import { useId, useState, type FormEvent } from 'react';
import type { AttachStatus } from '../../../shared/contract-attach';
import { ApiError } from '../api';
import { useAttachStatus, useSetAttach } from './use-attach';

interface Draft {
  url: string;
  token: string;
  ca: string;
  tunnel: boolean;
  sshHost: string;
  sshPort: string;
  sshUser: string;
  privateKeyPath: string;
}

const EMPTY: Draft = { url: '', token: '', ca: '', tunnel: false, sshHost: '', sshPort: '22', sshUser: '', privateKeyPath: '' };

function targetOf(d: Draft) {
  let remotePort = 0;
  try {
    const u = new URL(d.url.trim());
    remotePort = Number(u.port) || (u.protocol === 'https:' ? 443 : 80);
  } catch {
    // the core names the bad URL
  }
  return {
    url: d.url.trim(),
    token: d.token.trim(),
    ...(d.ca.trim() ? { ca: d.ca.trim() } : {}),
    ...(d.tunnel ? { tunnel: { host: d.sshHost.trim(), sshPort: Number(d.sshPort), sshUser: d.sshUser.trim(), privateKeyPath: d.privateKeyPath.trim(), remotePort } } : {}),
  };
}

function CurrentSource({ status }: { status: AttachStatus }) {
  if (status.mode === 'local') return <p data-testid="attach-current">Watching from this computer: this console polls the fleet itself.</p>;
  return (
    <p data-testid="attach-current" data-connection={status.connection ?? ''}>
      Attached to the ops server <strong>{status.url}</strong>
      {status.tunnelHost ? ` through SSH to ${status.tunnelHost}` : ''}
      {status.role ? ` as ${status.role}` : ''} ({status.connection}). This computer polls nothing.
      {status.role === 'viewer' && ' A viewer token only reads and acknowledges alerts; changes need an operator token.'}
      {status.problem && (
        <span className="field-error" data-testid="attach-problem">
          {' '}
          {status.problem}
        </span>
      )}
    </p>
  );
}

export function AttachPanel() {
  const id = useId();
  const status = useAttachStatus();
  const set = useSetAttach();
  const [choice, setChoice] = useState<'local' | 'remote' | null>(null);
  const [d, setD] = useState<Draft>(EMPTY);
  const current = status.data;
  if (!current?.attachable) return null;
  const mode = choice ?? current.mode;
  const fields = set.error instanceof ApiError ? (set.error.fields ?? {}) : {};
  const field = (name: string) => fields[`target.${name}`] ?? fields[`target.tunnel.${name}`];
  const up = (patch: Partial<Draft>) => setD({ ...d, ...patch });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (mode === 'local') set.mutate({ mode: 'local' }, { onSuccess: () => setChoice(null) });
    else set.mutate({ mode: 'remote', target: targetOf(d) }, { onSuccess: () => (setD(EMPTY), setChoice(null)) });
  };
  return (
    <section className="panel attach-panel" aria-label="Where this console watches from" data-testid="attach-panel">
      <h2>Where this console watches from</h2>
      <CurrentSource status={current} />
      <form aria-label="Watch or attach" onSubmit={submit}>
        <fieldset>
          <legend>Source</legend>
          <label>
            <input type="radio" name={`${id}-mode`} checked={mode === 'local'} onChange={() => setChoice('local')} /> Watch from this computer
          </label>
          <label>
            <input type="radio" name={`${id}-mode`} checked={mode === 'remote'} onChange={() => setChoice('remote')} /> Attach to an ops server
          </label>
        </fieldset>
        {mode === 'remote' && (
          <div className="attach-fields">
            <label htmlFor={`${id}-url`}>Ops server URL</label>
            <input id={`${id}-url`} placeholder="https://crank.example.net:4870/" value={d.url} onChange={(e) => up({ url: e.target.value })} />
            {field('url') && <span className="field-error">{field('url')}</span>}
            <label htmlFor={`${id}-token`}>Access token</label>
            <input id={`${id}-token`} type="password" autoComplete="off" value={d.token} onChange={(e) => up({ token: e.target.value })} />
            {field('token') && <span className="field-error">{field('token')}</span>}
            <label htmlFor={`${id}-ca`}>Service certificate (PEM, only for a self-signed service)</label>
            <textarea id={`${id}-ca`} rows={3} value={d.ca} onChange={(e) => up({ ca: e.target.value })} />
            <label>
              <input type="checkbox" checked={d.tunnel} onChange={(e) => up({ tunnel: e.target.checked })} /> Through an SSH tunnel (the service binds only loopback)
            </label>
            {d.tunnel && (
              <>
                <label htmlFor={`${id}-sshhost`}>SSH host</label>
                <input id={`${id}-sshhost`} value={d.sshHost} onChange={(e) => up({ sshHost: e.target.value })} />
                {field('host') && <span className="field-error">{field('host')}</span>}
                <label htmlFor={`${id}-sshport`}>SSH port</label>
                <input id={`${id}-sshport`} inputMode="numeric" value={d.sshPort} onChange={(e) => up({ sshPort: e.target.value })} />
                <label htmlFor={`${id}-sshuser`}>SSH user</label>
                <input id={`${id}-sshuser`} value={d.sshUser} onChange={(e) => up({ sshUser: e.target.value })} />
                {field('sshUser') && <span className="field-error">{field('sshUser')}</span>}
                <label htmlFor={`${id}-key`}>Private key file (empty: ssh-agent)</label>
                <input id={`${id}-key`} value={d.privateKeyPath} onChange={(e) => up({ privateKeyPath: e.target.value })} />
                <p className="muted">The host key is checked against your known_hosts; the URL is the service’s address on that server (its port is forwarded).</p>
              </>
            )}
          </div>
        )}
        {(mode !== current.mode || mode === 'remote') && (
          <button type="submit" disabled={set.isPending}>
            {set.isPending ? 'Checking…' : mode === 'remote' ? (current.mode === 'remote' ? 'Attach to this server instead' : 'Attach') : 'Watch from this computer'}
          </button>
        )}
        {set.isError && (
          <p className="form-error" role="alert" data-testid="attach-error">
            {set.error.message}
          </p>
        )}
      </form>
    </section>
  );
}
