// The concrete hosts of the operator's ~/.ssh/config, above the add form: tick several and add them
// at once (one gateway port for all), or "Use" one to start the form with it. Hosts already watched
// are marked and cannot be ticked.
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { ServerView, SshConfigHost } from '../../../shared/domain';
import { useApi } from '../hooks/api-context';
import { serversKey } from '../hooks/use-servers';
import { useUiStore } from '../state/ui-store';

export function SshConfigImport({ views }: { views: ServerView[] }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [gatewayPort, setGatewayPort] = useState('18789');
  const [results, setResults] = useState<Record<string, string>>({});
  const setPrefill = useUiStore((s) => s.setPrefill);
  const hosts = useQuery({ queryKey: ['sshConfigHosts'], queryFn: () => api.call('inventory.sshConfigHosts', {}), enabled: open });
  // The same address behind another jump host (or none) is another server.
  const via = (j: { host: string; port: number } | null | undefined) => (j ? `${j.host}:${j.port}` : '');
  const watchedAs = (h: SshConfigHost) => views.find((v) => v.config.host === h.host && v.config.sshPort === h.port && via(v.config.jumpHost) === via(h.jump))?.config.name ?? null;
  const addAll = useMutation({
    mutationFn: async (list: SshConfigHost[]) => {
      const out: Record<string, string> = {};
      for (const h of list) {
        try {
          await api.call('servers.add', {
            name: h.alias,
            host: h.host,
            sshPort: h.port,
            sshUser: h.user,
            privateKeyPath: h.identityFile ?? '',
            sshAuth: h.identityFile ? 'key' : 'agent',
            ...(h.jump
              ? { jumpHost: { host: h.jump.host, port: h.jump.port, user: h.jump.user, privateKeyPath: h.jump.identityFile ?? '', sshAuth: h.jump.identityFile ? 'key' : 'agent' } }
              : {}),
            gatewayPort: Number(gatewayPort),
          });
          out[h.alias] = 'added';
        } catch (err) {
          out[h.alias] = (err as Error).message;
        }
      }
      return out;
    },
    onSuccess: (out) => {
      setResults(out);
      setPicked(new Set());
      void queryClient.invalidateQueries({ queryKey: serversKey });
    },
  });
  if (!open) {
    return (
      <button type="button" className="secondary import-open" onClick={() => setOpen(true)}>
        Import from SSH config
      </button>
    );
  }
  const list = hosts.data ?? [];
  const portOk = /^\d{1,5}$/.test(gatewayPort) && Number(gatewayPort) >= 1 && Number(gatewayPort) <= 65535;
  return (
    <section className="import" aria-label="SSH config hosts">
      <h2>Hosts in your SSH config</h2>
      {hosts.isPending && <p className="muted">Reading…</p>}
      {hosts.isError && <p className="form-error">{hosts.error.message}</p>}
      {hosts.data?.length === 0 && <p className="muted">No concrete hosts found (wildcard patterns are not offered).</p>}
      <ul className="import-list">
        {list.map((h) => {
          const watched = watchedAs(h);
          const id = `import-${h.alias}`;
          return (
            <li key={h.alias} data-testid="ssh-config-host" data-alias={h.alias} data-watched={watched ? 'true' : 'false'}>
              <input
                type="checkbox"
                id={id}
                disabled={watched !== null}
                checked={picked.has(h.alias)}
                onChange={(e) => {
                  const next = new Set(picked);
                  if (e.target.checked) next.add(h.alias);
                  else next.delete(h.alias);
                  setPicked(next);
                }}
              />
              <label htmlFor={id}>
                <span className="agent-id">{h.alias}</span>{' '}
                <span className="muted">
                  {h.user}@{h.host}:{h.port}
                  {h.identityFile ? ` · ${h.identityFile}` : ' · ssh-agent'}
                  {h.jump ? ` · via ${h.jump.user}@${h.jump.host}:${h.jump.port}` : ''}
                </span>
              </label>
              {watched && <span className="state-tag"> already watched as {watched}</span>}
              {h.note && <span className="field-error"> {h.note}</span>}
              {results[h.alias] && <span className={results[h.alias] === 'added' ? 'muted' : 'field-error'}> · {results[h.alias]}</span>}{' '}
              <button
                type="button"
                className="secondary"
                onClick={() => setPrefill({ name: h.alias, host: h.host, sshPort: h.port, sshUser: h.user, privateKeyPath: h.identityFile, jump: h.jump })}
              >
                Use
              </button>
            </li>
          );
        })}
      </ul>
      {list.length > 0 && (
        <div className="toolbar">
          <label htmlFor="import-gateway-port">Gateway port for the selected hosts</label>
          <input id="import-gateway-port" inputMode="numeric" value={gatewayPort} onChange={(e) => setGatewayPort(e.target.value)} aria-invalid={portOk ? undefined : true} />
          {!portOk && <span className="field-error">Gateway port: 1–65535</span>}
          <button type="button" disabled={picked.size === 0 || !portOk || addAll.isPending} onClick={() => addAll.mutate(list.filter((h) => picked.has(h.alias)))}>
            Add {picked.size} selected
          </button>
        </div>
      )}
      <button type="button" className="secondary" onClick={() => setOpen(false)}>
        Close
      </button>
    </section>
  );
}
