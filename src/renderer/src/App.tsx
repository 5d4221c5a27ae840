import { useEffect, useState } from 'react';
import type { ConnectionState } from './bridge/ws-bridge';
import type { BridgeHandle } from './bridge';
import { AlertBar } from './alerts/AlertBar';
import { PollingBanner } from './components/PollingBanner';
import { AccessRefusedBanner, AccessRoleBadge } from './access/AccessNotice';
import { useReadOnly } from './access/use-read-only';
import { AttachBadge } from './attach/AttachBadge';
import { useAttachEvents } from './attach/use-attach';
import { ServerForm } from './components/ServerForm';
import { SshConfigImport } from './components/SshConfigImport';
import { FirstRunPanel } from './components/FirstRunPanel';
import { ThemeSwitch } from './components/ThemeSwitch';
import { useAppInfo, useServers } from './hooks/use-servers';
import { useSettingsEvents } from './hooks/use-settings';
import { useAppliedTheme } from './hooks/use-theme';
import { useEscapeToClose } from './hooks/use-escape';
import { useUiStore } from './state/ui-store';
import { useRoute } from './routes/hash-route';
import { findRoute } from './routes/route-table';
import { NavBar } from './routes/NavBar';
import { formatDuration } from './format';

const CONNECTION_TEXT: Record<ConnectionState, string> = {
  connecting: 'Connecting to the Yardmaster core…',
  open: '',
  closed: 'Lost the connection to the Yardmaster core. Reconnecting…',
  unauthorized: 'The Yardmaster core refused this window (wrong or old token?). Open the address the host printed.',
};

function useConnectionState(handle: BridgeHandle): ConnectionState {
  const [state, setState] = useState(handle.state());
  useEffect(() => {
    const off = handle.onState(setState);
    // The socket may have opened between the first render and this subscription: catch up.
    setState(handle.state());
    return off;
  }, [handle]);
  return state;
}

export function App({ handle }: { handle: BridgeHandle }) {
  const connection = useConnectionState(handle);
  const servers = useServers();
  const info = useAppInfo();
  const { addFormOpen, setAddFormOpen, prefill, prefillVersion } = useUiStore();
  const route = useRoute();
  useAppliedTheme();
  useEscapeToClose();
  useSettingsEvents();
  useAttachEvents();
  const readOnly = useReadOnly();

  const views = servers.data ?? [];
  const current = findRoute(route.name);
  return (
    <div className="app">
      <header className="topbar">
        <h1>Yardmaster</h1>
        {views.length > 0 && <NavBar current={current.path === 'servers' ? 'fleet' : current.path} />}
        <div className="spacer" />
        <span className="muted">{info.data ? `${info.data.host} · v${info.data.version}` : ''}</span>
        <AttachBadge />
        <AccessRoleBadge />
        <ThemeSwitch />
        {views.length > 0 && !addFormOpen && (
          <button type="button" onClick={() => setAddFormOpen(true)} disabled={Boolean(readOnly)} title={readOnly ?? undefined}>
            Add server
          </button>
        )}
      </header>
      {connection !== 'open' && (
        <div className={`banner banner-${connection}`} role="status" data-testid="connection-banner">
          {CONNECTION_TEXT[connection]}
        </div>
      )}
      <AccessRefusedBanner />
      <PollingBanner />
      {views.length > 0 && <AlertBar views={views} />}
      <main>
        {servers.isError && (
          <p className="form-error" role="alert">
            Could not load servers: {servers.error.message}
          </p>
        )}
        {servers.isSuccess && views.length === 0 && <FirstRunPanel />}
        {views.length > 0 && addFormOpen && (
          <>
            <SshConfigImport views={views} />
            <ServerForm key={prefillVersion} prefill={prefill} onDone={() => setAddFormOpen(false)} />
          </>
        )}
        {views.length > 0 && current.render({ views, pollIntervalMs: info.data?.pollIntervalMs ?? 15_000, params: route.params })}
        {info.data && (
          <footer className="muted">
            Host keys checked against {info.data.knownHostsPath} · polling every {formatDuration(info.data.pollIntervalMs)}
          </footer>
        )}
      </main>
    </div>
  );
}
