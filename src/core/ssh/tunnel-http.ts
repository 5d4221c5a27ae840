// Plain HTTP GET over an SSH-forwarded stream (createConnection with no agent option: Node then uses
// our stream instead of opening a socket), for the gateway's unauthenticated /healthz and /readyz.
// The gateway sees the tunnel as a loopback caller, so it answers with full detail.
import { request } from 'node:http';
import type { Duplex } from 'node:stream';

export interface TunnelResponse {
  status: number;
  body: string;
}

export function httpGetOverStream(stream: Duplex, path: string, timeoutMs: number, maxBytes = 256 * 1024): Promise<TunnelResponse> {
  return new Promise((resolve, reject) => {
    const req = request(
      { createConnection: () => stream as never, path, method: 'GET', headers: { host: '127.0.0.1', connection: 'close' } },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > maxBytes) {
            req.destroy(new Error(`response larger than ${maxBytes} bytes`));
            return;
          }
          chunks.push(c);
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    // Our own timer rather than req.setTimeout, which would arm a socket timeout on the channel.
    const timer = setTimeout(() => req.destroy(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    req.on('close', () => clearTimeout(timer));
    req.on('error', reject);
    req.end();
  });
}
