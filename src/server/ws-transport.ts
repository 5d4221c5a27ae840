// Carries the console contract over a WebSocket: invoke frames go to the core router, core events
// are broadcast to every authenticated window.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { WS_CLOSE_REVOKED, WS_MAX_PAYLOAD_BYTES, WS_PROTOCOL, type ClientFrame, type ServerFrame } from '../shared/contract';
import type { ConsoleEndpoint } from '../core/core-options';
import type { Logger } from '../core/log';
import { isAllowedOrigin, tokenFromProtocols } from './access-control';
import type { Authenticator } from './service/authenticator';
import type { Caller } from '../core/router';

/** A slow window gets cut off rather than letting its unsent events pile up in our memory. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;
/** How often open connections are checked against the token file (revocation takes effect within this). */
const REVOCATION_SWEEP_MS = 2_000;
/** Close code for a token revoked while connected (4000–4999 are the application's). */
export { WS_CLOSE_REVOKED };

export interface WsTransport {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): void;
}

export function createWsTransport(core: ConsoleEndpoint, auth: Authenticator, allowedHosts: () => Set<string>, logger: Logger): WsTransport {
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: WS_MAX_PAYLOAD_BYTES,
    handleProtocols: (protocols) => (protocols.has(WS_PROTOCOL) ? WS_PROTOCOL : false),
  });
  const clients = new Set<WebSocket>();
  // The token each connection presented: re-checked per frame and by the sweep, so a revoked token
  // stops working at once without a restart.
  const tokens = new WeakMap<WebSocket, string>();
  const callerOf = (ws: WebSocket): Caller | null => {
    const verified = auth.verify(tokens.get(ws) ?? '');
    return verified ? { role: verified.role } : null;
  };
  const revoked = (ws: WebSocket) => {
    logger.warn('websocket closed: token revoked');
    ws.close(WS_CLOSE_REVOKED, 'token revoked');
  };
  const sweep = setInterval(() => {
    for (const ws of clients) if (!callerOf(ws)) revoked(ws);
  }, REVOCATION_SWEEP_MS);
  sweep.unref?.();
  const send = (ws: WebSocket, frame: ServerFrame) => {
    if (ws.readyState !== ws.OPEN) return;
    if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      ws.close(1013, 'too slow');
      return;
    }
    ws.send(JSON.stringify(frame));
  };
  const unsubscribe = core.events.on((topic, data) => {
    for (const ws of clients) send(ws, { type: 'event', topic, data });
  });

  wss.on('connection', (ws: WebSocket, _req: IncomingMessage, token: string) => {
    tokens.set(ws, token);
    clients.add(ws);
    ws.on('close', () => clients.delete(ws));
    ws.on('error', () => clients.delete(ws));
    ws.on('message', async (raw, isBinary) => {
      if (isBinary) return ws.close(1003, 'text frames only');
      let frame: ClientFrame;
      try {
        frame = JSON.parse(raw.toString()) as ClientFrame;
      } catch {
        return ws.close(1007, 'invalid JSON');
      }
      if (!frame || frame.type !== 'invoke' || typeof frame.id !== 'number' || typeof frame.method !== 'string') {
        return ws.close(1008, 'unexpected frame');
      }
      const caller = callerOf(ws);
      if (!caller) return revoked(ws);
      const result = await core.router.dispatch(frame.method, frame.payload, caller);
      send(ws, { type: 'result', id: frame.id, result });
    });
  });

  const refuse = (socket: Duplex, status: number, reason: string, req: IncomingMessage) => {
    logger.warn('websocket refused', { reason, origin: req.headers.origin ?? '', remote: req.socket.remoteAddress ?? '' });
    socket.write(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    socket.destroy();
  };

  return {
    handleUpgrade(req, socket, head) {
      socket.on('error', () => socket.destroy());
      const path = (req.url ?? '').split('?')[0];
      if (path !== '/rpc') return refuse(socket, 404, 'Not Found', req);
      if (!isAllowedOrigin(req.headers.origin, allowedHosts())) return refuse(socket, 403, 'Forbidden Origin', req);
      const presented = tokenFromProtocols(req.headers['sec-websocket-protocol']);
      if (!presented || !auth.verify(presented)) return refuse(socket, 401, 'Unauthorized', req);
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req, presented));
    },
    close() {
      clearInterval(sweep);
      unsubscribe();
      for (const ws of clients) ws.close(1001, 'server shutting down');
      wss.close();
    },
  };
}
