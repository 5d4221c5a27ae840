// Serves the built renderer under app://yardmaster/ instead of file://, so the page has a real
// origin, a CSP header and no access to the filesystem beyond out/renderer.
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { Protocol } from 'electron';
import { CONTENT_TYPES, resolveStaticPath, SECURITY_HEADERS } from '../core/web/static-paths';

export const APP_SCHEME = 'app';
export const APP_ORIGIN = 'app://yardmaster';
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** Must be registered before app 'ready'. */
export const privilegedSchemes = [{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }];

export function registerAppProtocol(protocol: Protocol, rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    if (url.host !== 'yardmaster') return new Response('Not found', { status: 404 });
    const file = resolveStaticPath(rendererDir, url.pathname);
    if (!file) return new Response('Bad path', { status: 400 });
    try {
      const body = await readFile(file);
      return new Response(body, { headers: { ...SECURITY_HEADERS, 'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream' } });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}
