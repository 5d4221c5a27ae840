// The headless host: node:http serving the built renderer, plus the WebSocket /rpc endpoint.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Core } from '../core/create-core';
import type { Logger } from '../core/log';
import { allowedHostNames, isAllowedHost, tokensEqual } from './access-control';
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
    if (req.url === '/metrics' || req.url?.startsWith('/metrics?')) {
      serveMetrics(req, res);
      return;
    }
    void serveStatic(o.rendererDir, req, res);
  });
  // Prometheus scrapes with the same token, as a bearer token (scrape config: authorization.credentials).
  const serveMetrics = (req: IncomingMessage, res: ServerResponse) => {
    const auth = req.headers.authorization ?? '';
    const presented = auth.startsWith('Bearer ') ? auth.slice('Bearer '.length).trim() : '';
    if (req.method !== 'GET' || !tokensEqual(o.token, presented)) {
      res.writeHead(req.method !== 'GET' ? 405 : 401, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain', 'WWW-Authenticate': 'Bearer realm="yardmaster"' });
      res.end(req.method !== 'GET' ? 'GET only\n' : 'Bearer token required (the console token)\n');
      return;
    }
    res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(o.core.metricsText());
  };
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
