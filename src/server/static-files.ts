// Serves the built renderer (out/renderer) and nothing else, with the strict security headers.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname } from 'node:path';
import { CONTENT_TYPES, resolveStaticPath, SECURITY_HEADERS } from '../core/web/static-paths';

export async function serveStatic(root: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const send = (status: number, body: string) => {
    res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8' });
    res.end(body);
  };
  if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'Method not allowed');
  const file = resolveStaticPath(root, req.url ?? '/');
  if (!file) return send(400, 'Bad path');
  try {
    const info = await stat(file);
    if (!info.isFile()) return send(404, 'Not found');
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Length': info.size,
      'Cache-Control': extname(file) === '.html' ? 'no-store' : 'public, max-age=3600',
    });
    if (req.method === 'HEAD') return void res.end();
    createReadStream(file).on('error', () => res.destroy()).pipe(res);
  } catch {
    send(404, 'Not found');
  }
}
