// The headless host: node:http (or node:https when a certificate is configured) serving the built
// renderer, the WebSocket /rpc endpoint, Prometheus /metrics and the service's own /healthz.
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { ConsoleEndpoint } from '../core/core-options';
import type { Logger } from '../core/log';
import { allowedHostNames, isAllowedHost } from './access-control';
import { SECURITY_HEADERS } from '../core/web/static-paths';
import { serveStatic } from './static-files';
import { createWsTransport } from './ws-transport';
import { createAuthenticator, type Authenticator } from './service/authenticator';

export interface HttpHostOptions {
  core: ConsoleEndpoint;
  rendererDir: string;
  host: string;
  port: number;
  /** A single operator token (development, tests); printed in the URL. Ignored for access when `auth` is set. */
  token?: string;
  /** Token file and roles (the ops service); wins over `token` when both are set. */
  auth?: Authenticator;
  /** PEM certificate chain and key: HTTPS and WSS only. */
  tls?: { cert: Buffer; key: Buffer } | null;
  /** More names to accept in Host/Origin (public names, reverse proxy). */
  extraHosts?: string[];
  /** What /healthz reports beyond "the process answers". */
  health?: () => { ok: boolean; details: Record<string, unknown> };
  logger: Logger;
}

export interface HttpHost {
  server: Server;
  port: number;
  url: string;
  /** Stops accepting new connections and WebSocket frames; /healthz answers 503 meanwhile. */
  close(): Promise<void>;
}

export async function startHttpHost(o: HttpHostOptions): Promise<HttpHost> {
  let allowed = new Set<string>();
  let closing = false;
  const auth = o.auth ?? createAuthenticator({ fixedToken: o.token ?? null });
  const ws = createWsTransport(o.core, auth, () => allowed, o.logger);
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0];
    // Before the Host check: load balancers and systemd watchdogs probe by IP. It says nothing about the fleet.
    if (path === '/healthz') return serveHealth(res);
    if (!isAllowedHost(req.headers.host, allowed)) {
      res.writeHead(421, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain' });
      res.end('Misdirected request');
      return;
    }
    if (path === '/metrics') return serveMetrics(req, res);
    void serveStatic(o.rendererDir, req, res);
  };
  const server: Server = o.tls ? (createHttpsServer({ cert: o.tls.cert, key: o.tls.key }, handler) as unknown as Server) : createHttpServer(handler);
  const serveHealth = (res: ServerResponse) => {
    const h = closing ? { ok: false, details: { stopping: true } } : (o.health?.() ?? { ok: true, details: {} });
    res.writeHead(h.ok ? 200 : 503, { ...SECURITY_HEADERS, 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
    res.end(JSON.stringify({ status: h.ok ? 'ok' : 'unavailable', ...h.details }) + '\n');
  };
  // Prometheus scrapes with a console token (any role), as a bearer token (scrape config: authorization.credentials).
  const serveMetrics = (req: IncomingMessage, res: ServerResponse) => {
    const header = req.headers.authorization ?? '';
    const presented = header.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : '';
    if (req.method !== 'GET' || !auth.verify(presented)) {
      res.writeHead(req.method !== 'GET' ? 405 : 401, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain', 'WWW-Authenticate': 'Bearer realm="yardmaster"' });
      res.end(req.method !== 'GET' ? 'GET only\n' : 'Bearer token required (a console token)\n');
      return;
    }
    res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; version=0.0.4; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(o.core.metricsText());
  };
  server.on('upgrade', (req, socket, head) => ws.handleUpgrade(req, socket, head));
  server.on('clientError', (_err, socket) => socket.destroy());
  // A client that never finishes the TLS handshake must not hold a socket forever.
  server.on('tlsClientError', (_err: Error, socket: { destroy(): void }) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, o.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  allowed = allowedHostNames(o.host, port, o.extraHosts);
  const shownHost = o.host === '0.0.0.0' || o.host === '::' ? '127.0.0.1' : o.host.includes(':') ? `[${o.host}]` : o.host;
  const scheme = o.tls ? 'https' : 'http';
  return {
    server,
    port,
    // The token travels in the fragment: it never reaches a server log or a Referer header.
    url: o.token ? `${scheme}://${shownHost}:${port}/#token=${o.token}` : `${scheme}://${shownHost}:${port}/`,
    close: () =>
      new Promise((resolve) => {
        closing = true;
        ws.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
