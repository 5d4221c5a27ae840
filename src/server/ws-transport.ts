// Carries the console contract over a WebSocket: invoke frames go to the core router, core events
// are broadcast to every authenticated window.
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { WS_MAX_PAYLOAD_BYTES, WS_PROTOCOL, type ClientFrame, type ServerFrame } from '../shared/contract';
import type { Core } from '../core/create-core';
import type { Logger } from '../core/log';
import { isAllowedOrigin, tokenFromProtocols, tokensEqual } from './access-control';

/** A slow window gets cut off rather than letting its unsent events pile up in our memory. */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

export interface WsTransport {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  close(): void;
}

export function createWsTransport(core: Core, token: string, allowedHosts: () => Set<string>, logger: Logger): WsTransport {
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: WS_MAX_PAYLOAD_BYTES,
    handleProtocols: (protocols) => (protocols.has(WS_PROTOCOL) ? WS_PROTOCOL : false),
  });
  const clients = new Set<WebSocket>();
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

  wss.on('connection', (ws) => {
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
      const result = await core.router.dispatch(frame.method, frame.payload);
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
      if (!presented || !tokensEqual(token, presented)) return refuse(socket, 401, 'Unauthorized', req);
      wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req));
    },
    close() {
      unsubscribe();
      for (const ws of clients) ws.close(1001, 'server shutting down');
      wss.close();
    },
  };
}
