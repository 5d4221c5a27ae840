// The headless host: node:http serving the built renderer, plus the WebSocket /rpc endpoint.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Core } from '../core/create-core';
import type { Logger } from '../core/log';
import { allowedHostNames, isAllowedHost } from './access-control';
import { SECURITY_HEADERS } from '../core/web/static-paths';
import { serveStatic } from './static-files';
import { createWsTransport } from './ws-transport';

export interface HttpHostOptions {
  core: Core;
  rendererDir: string;
  host: string;
  port: number;
  token: string;
  /** More host:port names to accept (e.g. behind a reverse proxy). */
  extraHosts?: string[];
  logger: Logger;
}

export interface HttpHost {
  server: Server;
  port: number;
  url: string;
  close(): Promise<void>;
}

export async function startHttpHost(o: HttpHostOptions): Promise<HttpHost> {
  let allowed = new Set<string>();
  const ws = createWsTransport(o.core, o.token, () => allowed, o.logger);
  const server = createServer((req, res) => {
    if (!isAllowedHost(req.headers.host, allowed)) {
      res.writeHead(421, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain' });
      res.end('Misdirected request');
      return;
    }
    void serveStatic(o.rendererDir, req, res);
  });
  server.on('upgrade', (req, socket, head) => ws.handleUpgrade(req, socket, head));
  server.on('clientError', (_err, socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  allowed = allowedHostNames(o.host, port, o.extraHosts);
  const shownHost = o.host === '0.0.0.0' || o.host === '::' ? '127.0.0.1' : o.host.includes(':') ? `[${o.host}]` : o.host;
  return {
    server,
    port,
    // The token travels in the fragment: it never reaches a server log or a Referer header.
    url: `http://${shownHost}:${port}/#token=${o.token}`,
    close: () =>
      new Promise((resolve) => {
        ws.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
