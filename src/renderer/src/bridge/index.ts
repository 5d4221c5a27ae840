// Picks the transport: Electron's preload puts a Bridge on window.yardmaster; a plain browser talks
// to the headless host over WebSocket.
import type { Bridge } from '../../../shared/contract';
import { createWsBridge, takeTokenFromLocation, type ConnectionState, type WsBridge } from './ws-bridge';

declare global {
  interface Window {
    yardmaster?: Bridge;
  }
}

export interface BridgeHandle {
  bridge: Bridge;
  kind: 'electron' | 'websocket';
  state(): ConnectionState;
  onState(listener: (s: ConnectionState) => void): () => void;
  /** The transport came back after a loss (events were missed): server state must be fetched again. */
  onReconnect(listener: () => void): () => void;
}

export function pickBridge(): BridgeHandle | { error: string } {
  if (window.yardmaster) {
    const bridge = window.yardmaster;
    return { bridge, kind: 'electron', state: () => 'open', onState: () => () => {}, onReconnect: () => () => {} };
  }
  const token = takeTokenFromLocation(window.location, window.sessionStorage, window.history);
  if (!token) {
    return { error: 'No access token. Open the full address the headless host printed (it ends in #token=…).' };
  }
  const url = `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/rpc`;
  const ws: WsBridge = createWsBridge(url, token);
  return { bridge: ws, kind: 'websocket', state: ws.state, onState: ws.onState, onReconnect: ws.onReconnect };
}
