// The browser's Bridge: the console contract over the headless host's WebSocket, with reconnects.
import {
  WS_CLOSE_REVOKED,
  WS_PROTOCOL,
  WS_TOKEN_PREFIX,
  type Bridge,
  type ClientFrame,
  type ServerFrame,
} from '../../../shared/contract';
import type { Result } from '../../../shared/result';

export type ConnectionState = 'connecting' | 'open' | 'closed' | 'unauthorized';

export interface WsBridge extends Bridge {
  state(): ConnectionState;
  onState(listener: (s: ConnectionState) => void): () => void;
  /** Called when the socket opens again after having been open: events were missed meanwhile, so resync. */
  onReconnect(listener: () => void): () => void;
}

const lost = (message: string): Result<never> => ({ ok: false, error: { code: 'internal', message } });

export function createWsBridge(url: string, token: string): WsBridge {
  let ws: WebSocket | null = null;
  let state: ConnectionState = 'connecting';
  let nextId = 1;
  let attempt = 0;
  const pending = new Map<number, (r: Result<unknown>) => void>();
  const queue: ClientFrame[] = [];
  const topicListeners = new Map<string, Set<(d: unknown) => void>>();
  const stateListeners = new Set<(s: ConnectionState) => void>();
  const reconnectListeners = new Set<() => void>();
  let everOpened = false;
  const setState = (s: ConnectionState) => {
    state = s;
    for (const l of stateListeners) l(s);
  };

  const connect = () => {
    setState('connecting');
    let opened = false;
    const socket = new WebSocket(url, [WS_PROTOCOL, WS_TOKEN_PREFIX + token]);
    ws = socket;
    socket.onopen = () => {
      opened = true;
      attempt = 0;
      setState('open');
      for (const frame of queue.splice(0)) socket.send(JSON.stringify(frame));
      if (everOpened) for (const l of reconnectListeners) l();
      everOpened = true;
    };
    socket.onmessage = (ev) => {
      let frame: ServerFrame;
      try {
        frame = JSON.parse(String(ev.data)) as ServerFrame;
      } catch {
        return;
      }
      if (frame.type === 'result') {
        pending.get(frame.id)?.(frame.result);
        pending.delete(frame.id);
      } else if (frame.type === 'event') {
        for (const l of topicListeners.get(frame.topic) ?? []) l(frame.data);
      }
    };
    socket.onclose = (ev: { code?: number }) => {
      for (const resolve of pending.values()) resolve(lost('Connection to the Yardmaster core was lost; try again.'));
      pending.clear();
      // Every queued call was just reported lost: sending it after a reconnect would run a mutation
      // the user was told did not happen (and may retry by hand).
      queue.length = 0;
      // A refused upgrade closes before opening: on the first connection most likely a wrong or expired
      // token. Once this token has worked, a failed attempt is the host restarting or gone, unless the
      // host said the token was revoked. Keep retrying slowly either way.
      setState(ev.code === WS_CLOSE_REVOKED || (!opened && !everOpened) ? 'unauthorized' : 'closed');
      attempt += 1;
      const delay = Math.min(30_000, 500 * 2 ** Math.min(attempt, 6)) * (0.75 + Math.random() * 0.5);
      setTimeout(connect, delay);
    };
  };
  connect();

  return {
    state: () => state,
    onState(listener) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
    onReconnect(listener) {
      reconnectListeners.add(listener);
      return () => reconnectListeners.delete(listener);
    },
    invoke(method, payload) {
      const frame: ClientFrame = { type: 'invoke', id: nextId++, method, payload };
      return new Promise((resolve) => {
        pending.set(frame.id, resolve);
        if (ws && ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(frame));
        else queue.push(frame);
      });
    },
    subscribe(topic, listener) {
      let set = topicListeners.get(topic);
      if (!set) topicListeners.set(topic, (set = new Set()));
      set.add(listener);
      return () => set.delete(listener);
    },
  };
}

/** Reads the access token from `#token=…` once, keeps it for this tab, and removes it from the URL bar. */
export function takeTokenFromLocation(loc: Location, storage: Storage, history: History): string | null {
  const match = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(loc.hash);
  if (match) {
    storage.setItem('yardmaster.token', match[1]!);
    history.replaceState(null, '', loc.pathname + loc.search);
    return match[1]!;
  }
  return storage.getItem('yardmaster.token');
}
