// Plain HTTP GET over an SSH-forwarded stream, for the gateway's unauthenticated /healthz and /readyz.
// The gateway sees the tunnel as a loopback caller, so it answers with full detail.
// (createConnection with no agent option: Node then uses our stream instead of opening a socket.)
import { request } from 'node:http';
import type { Duplex } from 'node:stream';

export interface TunnelResponse {
  status: number;
  body: string;
}

/** The peer accepted the connection but sent no answer in time (e.g. a stopped process). */
export class TunnelTimeout extends Error {}

export function httpGetOverStream(stream: Duplex, path: string, timeoutMs: number, maxBytes = 256 * 1024): Promise<TunnelResponse> {
  return new Promise((resolve, reject) => {
    let done = false;
    const finish = (err: Error | null, value?: TunnelResponse) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      if (err) reject(err);
      else resolve(value!);
    };
    const req = request(
      { createConnection: () => stream as never, path, method: 'GET', headers: { host: '127.0.0.1', connection: 'close' } },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > maxBytes) {
            finish(new Error(`response larger than ${maxBytes} bytes`));
            req.destroy();
            return;
          }
          chunks.push(c);
        });
        res.on('end', () => finish(null, { status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', (err) => finish(err));
      },
    );
    // Our own timer rather than req.setTimeout, which would arm a socket timeout on the channel. The
    // timeout is reported as such even though destroying the request also raises "socket hang up".
    const timer = setTimeout(() => {
      finish(new TunnelTimeout(`no answer within ${timeoutMs} ms`));
      req.destroy();
    }, timeoutMs);
    req.on('error', (err) => finish(err));
    req.end();
  });
}
