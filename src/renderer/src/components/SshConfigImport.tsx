// Lists the concrete hosts of the operator's ~/.ssh/config; "Use" starts the add form with one.
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useApi } from '../hooks/api-context';
import { useUiStore } from '../state/ui-store';

export function SshConfigImport() {
  const api = useApi();
  const [open, setOpen] = useState(false);
  const setPrefill = useUiStore((s) => s.setPrefill);
  const hosts = useQuery({ queryKey: ['sshConfigHosts'], queryFn: () => api.call('inventory.sshConfigHosts', {}), enabled: open });
  if (!open) {
    return (
      <button type="button" className="secondary" onClick={() => setOpen(true)}>
        Import from SSH config
      </button>
    );
  }
  return (
    <section className="import" aria-label="SSH config hosts">
      <h2>Hosts in your SSH config</h2>
      {hosts.isPending && <p className="muted">Reading…</p>}
      {hosts.isError && <p className="form-error">{hosts.error.message}</p>}
      {hosts.data?.length === 0 && <p className="muted">No concrete hosts found (wildcard patterns are not offered).</p>}
      <ul className="import-list">
        {hosts.data?.map((h) => (
          <li key={h.alias} data-testid="ssh-config-host">
            <span className="agent-id">{h.alias}</span>{' '}
            <span className="muted">
              {h.user}@{h.host}:{h.port}
              {h.identityFile ? ` · ${h.identityFile}` : ''}
            </span>
            {h.note && <span className="field-error"> {h.note}</span>}{' '}
            <button
              type="button"
              className="secondary"
              onClick={() => setPrefill({ name: h.alias, host: h.host, sshPort: h.port, sshUser: h.user, privateKeyPath: h.identityFile })}
            >
              Use
            </button>
          </li>
        ))}
      </ul>
      <button type="button" className="secondary" onClick={() => setOpen(false)}>
        Close
      </button>
    </section>
  );
}
