import { useEffect, useState } from 'react';
import type { ConnectionState } from './bridge/ws-bridge';
import type { BridgeHandle } from './bridge';
import { AlertCentre } from './components/AlertCentre';
import { PollingBanner } from './components/PollingBanner';
import { ServerDetail } from './components/ServerDetail';
import { TopologyView } from './components/TopologyView';
import { ConfigView } from './components/ConfigView';
import { SessionsView } from './sessions/SessionsView';
import { ServerForm } from './components/ServerForm';
import { SshConfigImport } from './components/SshConfigImport';
import { ServerTable } from './components/ServerTable';
import { FirstRunPanel } from './components/FirstRunPanel';
import { ThemeSwitch } from './components/ThemeSwitch';
import { useAppInfo, useServers } from './hooks/use-servers';
import { useAppliedTheme } from './hooks/use-theme';
import { useEscapeToClose } from './hooks/use-escape';
import { useUiStore } from './state/ui-store';

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
  const { addFormOpen, setAddFormOpen, prefill, prefillVersion, detailId, setDetailId, fleetView, setFleetView } = useUiStore();
  useAppliedTheme();
  useEscapeToClose();

  const views = servers.data ?? [];
  return (
    <div className="app">
      <header className="topbar">
        <h1>Yardmaster</h1>
        <span className="muted">{info.data ? `${info.data.host} · v${info.data.version}` : ''}</span>
        <div className="spacer" />
        <ThemeSwitch />
        {views.length > 0 && !addFormOpen && (
          <button type="button" onClick={() => setAddFormOpen(true)}>
            Add server
          </button>
        )}
      </header>
      {connection !== 'open' && (
        <div className={`banner banner-${connection}`} role="status" data-testid="connection-banner">
          {CONNECTION_TEXT[connection]}
        </div>
      )}
      <PollingBanner />
      <main>
        {servers.isError && (
          <p className="form-error" role="alert">
            Could not load servers: {servers.error.message}
          </p>
        )}
        {servers.isSuccess && views.length === 0 && <FirstRunPanel />}
        {views.length > 0 && addFormOpen && (
          <>
            <ServerForm key={prefillVersion} prefill={prefill} onDone={() => setAddFormOpen(false)} />
            <SshConfigImport />
          </>
        )}
        {views.length > 0 && <AlertCentre views={views} />}
        {views.length > 0 && (
          <div className="view-switch" role="tablist" aria-label="Fleet view">
            <button type="button" role="tab" aria-selected={fleetView === 'table'} className={fleetView === 'table' ? '' : 'secondary'} onClick={() => setFleetView('table')}>
              Table
            </button>
            <button type="button" role="tab" aria-selected={fleetView === 'topology'} className={fleetView === 'topology' ? '' : 'secondary'} onClick={() => setFleetView('topology')}>
              Topology
            </button>
            <button type="button" role="tab" aria-selected={fleetView === 'config'} className={fleetView === 'config' ? '' : 'secondary'} onClick={() => setFleetView('config')}>
              Config
            </button>
            <button type="button" role="tab" aria-selected={fleetView === 'sessions'} className={fleetView === 'sessions' ? '' : 'secondary'} onClick={() => setFleetView('sessions')}>
              Sessions
            </button>
          </div>
        )}
        {views.length > 0 && fleetView === 'table' && <ServerTable views={views} />}
        {views.length > 0 && fleetView === 'topology' && <TopologyView views={views} />}
        {views.length > 0 && fleetView === 'config' && <ConfigView views={views} />}
        {views.length > 0 && fleetView === 'sessions' && <SessionsView views={views} pollIntervalMs={info.data?.pollIntervalMs ?? 15_000} />}
        {(() => {
          const detail = views.find((v) => v.config.id === detailId);
          return detail ? <ServerDetail view={detail} pollIntervalMs={info.data?.pollIntervalMs ?? 15_000} onClose={() => setDetailId(null)} /> : null;
        })()}
        {info.data && (
          <footer className="muted">
            Host keys checked against {info.data.knownHostsPath} · polling every {Math.round(info.data.pollIntervalMs / 1000)}s
          </footer>
        )}
      </main>
    </div>
  );
}
