// Who may talk to the headless host. A page on any site can open a WebSocket to localhost (browsers
// apply no CORS to WebSockets), so the upgrade needs both a per-run token and a same-origin Origin;
// the Host header is checked too, against DNS-rebinding pages that resolve their name to 127.0.0.1.
import { timingSafeEqual } from 'node:crypto';
import { WS_PROTOCOL, WS_TOKEN_PREFIX } from '../shared/contract';

export function tokensEqual(expected: string, presented: string): boolean {
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(presented, 'utf8');
  // timingSafeEqual needs equal lengths; compare against itself to spend the same time anyway.
  if (a.length !== b.length) {
    timingSafeEqual(a, a);
    return false;
  }
  return timingSafeEqual(a, b);
}

/**
 * host:port names this server answers to. An extra name without a port (a public name such as
 * `crank.example.net`) is accepted with this port and without one (browsers omit :443, and a proxy's
 * public port is not ours).
 */
export function allowedHostNames(bindHost: string, port: number, extraHosts: readonly string[] = []): Set<string> {
  const names = new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
  for (const raw of extraHosts) {
    const name = raw.toLowerCase();
    if (/:\d+$/.test(name)) names.add(name);
    else names.add(name).add(`${name}:${port}`);
  }
  if (bindHost !== '0.0.0.0' && bindHost !== '::') names.add(bindHost.includes(':') ? `[${bindHost}]:${port}` : `${bindHost}:${port}`);
  return names;
}

export function isAllowedHost(hostHeader: string | undefined, allowed: Set<string>): boolean {
  return !!hostHeader && allowed.has(hostHeader.toLowerCase());
}

export function isAllowedOrigin(origin: string | undefined, allowed: Set<string>): boolean {
  if (!origin) return false;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  return (url.protocol === 'http:' || url.protocol === 'https:') && url.pathname === '/' && allowed.has(url.host.toLowerCase());
}

/** Extracts the token from `Sec-WebSocket-Protocol: yardmaster.v1, yardmaster.token.<token>`. */
export function tokenFromProtocols(header: string | undefined): string | null {
  if (!header) return null;
  const parts = header.split(',').map((p) => p.trim());
  if (!parts.includes(WS_PROTOCOL)) return null;
  const tokenPart = parts.find((p) => p.startsWith(WS_TOKEN_PREFIX));
  return tokenPart ? tokenPart.slice(WS_TOKEN_PREFIX.length) : null;
}
