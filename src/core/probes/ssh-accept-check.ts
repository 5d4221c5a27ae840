// Does the server still accept NEW SSH connections? The probe reuses one pooled connection, so a
// stopped listener (Debian's ssh.service stops with KillMode=process: the listener exits, open
// sessions live on) goes unnoticed until that connection dies, and then nothing can reconnect.
// This check is cheap and sends nothing: a TCP connect and the server's identification line
// ("SSH-2.0-…", RFC 4253 §4.2), no key exchange, no login.
import { connect } from 'node:net';

export type AcceptVerdict =
  | { accepting: true; at: number }
  | { accepting: false; at: number; reason: 'refused' | 'timeout' | 'no-banner' | 'unreachable'; message: string };

const BANNER = /^SSH-\d+\.\d+-/;

export function checkSshAccepts(host: string, port: number, opts: { timeoutMs?: number; now?: () => number } = {}): Promise<AcceptVerdict> {
  const timeoutMs = opts.timeoutMs ?? 5_000;
  const now = opts.now ?? Date.now;
  const where = `${host}:${port}`;
  return new Promise((resolve) => {
    let received = '';
    let done = false;
    const socket = connect({ host, port });
    const finish = (v: AcceptVerdict) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(v);
    };
    const timer = setTimeout(
      () => finish({ accepting: false, at: now(), reason: 'timeout', message: `no SSH identification from ${where} within ${Math.round(timeoutMs / 1000)} s` }),
      timeoutMs,
    );
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => {
      received += chunk;
      // Servers may send other lines before the identification (RFC 4253 §4.2); 8 KiB is plenty.
      for (const line of received.split('\n').slice(0, -1)) if (BANNER.test(line)) return finish({ accepting: true, at: now() });
      if (received.length > 8192) finish({ accepting: false, at: now(), reason: 'no-banner', message: `${where} answered, but not with an SSH identification` });
    });
    socket.on('end', () => finish({ accepting: false, at: now(), reason: 'no-banner', message: `${where} closed the connection without an SSH identification` }));
    socket.on('error', (err: NodeJS.ErrnoException) => {
      const refused = err.code === 'ECONNREFUSED';
      finish({ accepting: false, at: now(), reason: refused ? 'refused' : 'unreachable', message: `${where}: ${refused ? 'connection refused' : (err.code ?? 'connect failed')}` });
    });
  });
}
