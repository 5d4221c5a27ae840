// An in-process SSH server (ssh2.Server) for unit tests: scriptable command replies, hangs, floods
// and direct-tcpip forwarding to local ports. Tests only; never used by the app.
import { timingSafeEqual } from 'node:crypto';
import { connect as netConnect, type AddressInfo } from 'node:net';
import { Server, utils, type ServerChannel } from 'ssh2';

export type CommandReply =
  | { stdout?: string; stderr?: string; code?: number }
  | { hang: true }
  | { floodBytes: number };

export interface FakeSshServer {
  port: number;
  hostPublicKey: string; // "ssh-ed25519 AAAA…"
  clientPrivateKey: string;
  commands: string[];
  /** SSH connections open right now (a closed session must leave none behind). */
  openConnections(): number;
  close(): Promise<void>;
}

export interface FakeSshOptions {
  reply: (command: string) => CommandReply;
  /** Accept this client public key (OpenSSH format); defaults to a generated pair's. */
  acceptedClientPublicKey?: string;
  /**
   * Log in, then never answer a channel request (neither accept nor refuse): a host whose link went
   * down or that froze after the connection was made.
   */
  silentAfterLogin?: () => boolean;
  /** The server's host key type (default ed25519); rsa plays a host-key type downgrade. */
  hostKeyType?: 'ed25519' | 'rsa';
}

export function generateKeyPair(): { privateKey: string; publicKey: string } {
  // ssh2's pure-JS generator now and then emits an ed25519 pair its own parser rejects
  // ("Malformed OpenSSH public key"); draw again until both halves parse.
  for (let attempt = 0; attempt < 20; attempt++) {
    const pair = utils.generateKeyPairSync('ed25519');
    if (!(utils.parseKey(pair.private) instanceof Error) && !(utils.parseKey(pair.public) instanceof Error)) {
      return { privateKey: pair.private, publicKey: pair.public };
    }
  }
  throw new Error('could not generate a usable ed25519 key pair');
}

function rsaKeyPair(): { privateKey: string; publicKey: string } {
  const pair = utils.generateKeyPairSync('rsa', { bits: 2048 });
  return { privateKey: pair.private, publicKey: pair.public };
}

export async function startFakeSshServer(o: FakeSshOptions): Promise<FakeSshServer> {
  const host = o.hostKeyType === 'rsa' ? rsaKeyPair() : generateKeyPair();
  const client = generateKeyPair();
  const accepted = utils.parseKey(o.acceptedClientPublicKey ?? client.publicKey);
  if (accepted instanceof Error) throw accepted;
  const acceptedBlob = accepted.getPublicSSH();
  const commands: string[] = [];
  const openChannels = new Set<ServerChannel>();
  const connections = new Set<{ end(): void }>();

  const server = new Server({ hostKeys: [host.privateKey] }, (conn) => {
    conn.on('error', () => {});
    connections.add(conn);
    conn.on('close', () => connections.delete(conn));
    conn.on('authentication', (ctx) => {
      if (ctx.method !== 'publickey') return ctx.reject(['publickey']);
      const offered = ctx.key.data;
      if (offered.length !== acceptedBlob.length || !timingSafeEqual(offered, acceptedBlob)) return ctx.reject(['publickey']);
      if (ctx.signature && ctx.blob && accepted.verify(ctx.blob, ctx.signature, ctx.hashAlgo) !== true) return ctx.reject(['publickey']);
      ctx.accept();
    });
    conn.on('ready', () => {
      conn.on('tcpip', (accept, reject, info) => {
        if (o.silentAfterLogin?.()) return;
        const sock = netConnect(info.destPort, '127.0.0.1');
        sock.once('error', () => reject());
        sock.once('connect', () => {
          const ch = accept();
          ch.on('error', () => sock.destroy());
          sock.on('error', () => ch.destroy());
          ch.pipe(sock).pipe(ch);
        });
      });
      conn.on('session', (acceptSession) => {
        if (o.silentAfterLogin?.()) return;
        const session = acceptSession();
        session.on('exec', (acceptExec, _reject, info) => {
          const ch = acceptExec();
          openChannels.add(ch);
          ch.on('close', () => openChannels.delete(ch));
          ch.on('error', () => {});
          commands.push(info.command);
          const r = o.reply(info.command);
          if ('hang' in r) return;
          if ('floodBytes' in r) {
            const chunk = Buffer.alloc(64 * 1024, 'x');
            let sent = 0;
            const pump = () => {
              while (sent < r.floodBytes) {
                sent += chunk.length;
                if (!ch.write(chunk)) return void ch.once('drain', pump);
              }
              ch.exit(0);
              ch.end();
            };
            ch.on('close', () => {
              sent = Number.POSITIVE_INFINITY;
            });
            return pump();
          }
          if (r.stdout) ch.write(r.stdout);
          if (r.stderr) ch.stderr.write(r.stderr);
          ch.exit(r.code ?? 0);
          ch.end();
        });
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    port: (server.address() as AddressInfo).port,
    hostPublicKey: host.publicKey.split(' ').slice(0, 2).join(' '),
    clientPrivateKey: client.privateKey,
    commands,
    openConnections: () => connections.size,
    close: () =>
      new Promise((resolve) => {
        for (const ch of openChannels) ch.destroy();
        for (const c of connections) c.end();
        server.close(() => resolve());
      }),
  };
}
