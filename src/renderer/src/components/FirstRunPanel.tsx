// What an empty console shows: what Yardmaster needs from a server, the add form, SSH-config import,
// and, when OpenClaw is installed on this very machine, a one-click "Watch this machine".
import { useQuery } from '@tanstack/react-query';
import { useApi } from '../hooks/api-context';
import { useUiStore } from '../state/ui-store';
import { ServerForm } from './ServerForm';
import { AttachPanel } from '../attach/AttachPanel';
import { SshConfigImport } from './SshConfigImport';

function WatchThisMachine() {
  const api = useApi();
  const setPrefill = useUiStore((s) => s.setPrefill);
  const local = useQuery({ queryKey: ['app.localOpenclaw'], queryFn: () => api.call('app.localOpenclaw', {}), staleTime: Infinity });
  if (!local.data?.installed) return null;
  const l = local.data;
  return (
    <div className="local-openclaw" data-testid="local-openclaw">
      <p>
        OpenClaw is installed on this machine{l.configPath ? ` (config ${l.configPath})` : l.binaryPath ? ` (${l.binaryPath})` : ''}. Yardmaster can watch it over
        SSH to 127.0.0.1 as {l.user || 'you'}, gateway port {l.gatewayPort}
        {l.gatewayPortSource === 'default' ? ' (OpenClaw’s default)' : ''}.
      </p>
      <button
        type="button"
        onClick={() => setPrefill({ name: 'this machine', host: '127.0.0.1', sshPort: 22, sshUser: l.user, privateKeyPath: null, gatewayPort: l.gatewayPort })}
      >
        Watch this machine
      </button>
    </div>
  );
}

export function FirstRunPanel() {
  const { prefill, prefillVersion, setAddFormOpen } = useUiStore();
  return (
    <section className="first-run" aria-labelledby="first-run-title" data-testid="first-run">
      <h2 id="first-run-title">Add your first server</h2>
      <p>No servers yet. Yardmaster watches OpenClaw servers read-only and installs nothing on them. For each server it needs:</p>
      <ul>
        <li>
          <strong>SSH access</strong>: host, port and user, with a key file or your ssh-agent. The server’s host key must be in your known_hosts
          (or you trust its fingerprint here after checking it).
        </li>
        <li>
          <strong>The gateway port</strong>: the OpenClaw gateway’s port on the server (18789 unless changed). It is reached through SSH on the
          server’s loopback, so it need not be open to the network.
        </li>
      </ul>
      <p className="muted">“Test connection” checks both before you save.</p>
      <WatchThisMachine />
      {/* Once the first server is saved the fleet shows; a prefill ("Watch this machine") must not reopen the form. */}
      <SshConfigImport views={[]} />
      <ServerForm key={prefillVersion} prefill={prefill} onSaved={() => setAddFormOpen(false)} />
      {/* Or let an ops server do the watching: this console then shows its fleet. */}
      <AttachPanel />
    </section>
  );
}
