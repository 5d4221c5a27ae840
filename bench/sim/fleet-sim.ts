// A slice of simulated OpenClaw servers in one process (run by bench/sim/sim-fleet.ts via fork).
// Each server is its own ssh2 SSH endpoint on its own loopback port, with its own host key and
// public-key auth; its forwarded channels (direct-tcpip to the gateway port) reach this process's fake
// gateway, which speaks the HTTP + WebSocket subset the probes use and knows which server a channel
// belongs to by the loopback port the channel's socket comes from. The SSH commands the probes run are
// answered from the same per-server profile. Control and counters go over the fork IPC channel.
import { timingSafeEqual } from 'node:crypto';
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { connect as netConnect, type AddressInfo } from 'node:net';
import { Server as SshServer, utils, type Connection, type ParsedKey } from 'ssh2';
import { WebSocketServer, type WebSocket } from 'ws';
import { generateKeyPair } from '../../src/core/ssh/fake-ssh-server.ts';
import * as P from './payloads';
import type { SimCommand, SimCounters, SimReady, SimServerInfo, SimStart } from './sim-protocol';

const start = JSON.parse(process.argv[2] ?? '{}') as SimStart;
const counters: SimCounters = { handshakes: 0, execs: 0, forwards: 0, refusedForwards: 0, rpcs: 0, httpRequests: 0, wsOpen: 0 };

const down = new Set<number>();
const profiles = new Map<number, P.SimProfile>();
const socketsOf = new Map<number, Set<WebSocket>>();
/** Loopback port of a forwarding socket → the simulated server it belongs to. */
const serverByLocalPort = new Map<number, number>();

const acceptedKey: ParsedKey = (() => {
  const k = utils.parseKey(start.clientPublicKey);
  if (k instanceof Error) throw k;
  return Array.isArray(k) ? k[0]! : k;
})();
const acceptedBlob = acceptedKey.getPublicSSH();

// ---- the fake gateway (one listener for the whole slice) ----
const http = createHttpServer((req: IncomingMessage, res: ServerResponse) => {
  counters.httpRequests++;
  const index = serverByLocalPort.get(req.socket.remotePort ?? -1);
  if (index === undefined) return void res.writeHead(421).end();
  if (req.url === '/healthz') return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true,"status":"live"}');
  if (req.url === '/readyz') return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"ready":true,"failing":[]}');
  res.writeHead(404).end();
});
http.keepAliveTimeout = 1000;
const wss = new WebSocketServer({ server: http, maxPayload: 1024 * 1024 });

wss.on('connection', (ws, req) => {
  const index = serverByLocalPort.get(req.socket.remotePort ?? -1);
  if (index === undefined || down.has(index)) return ws.terminate();
  const profile = profiles.get(index)!;
  let set = socketsOf.get(index);
  if (!set) socketsOf.set(index, (set = new Set()));
  set.add(ws);
  counters.wsOpen++;
  ws.on('close', () => {
    set.delete(ws);
    counters.wsOpen--;
  });
  ws.on('error', () => {});
  ws.send(JSON.stringify({ type: 'event', event: 'connect.challenge', payload: { nonce: `n-${index}`, ts: Date.now() } }));
  ws.on('message', (raw) => {
    let f: { id?: string; method?: string; params?: { auth?: { token?: string }; minProtocol?: number; maxProtocol?: number } };
    try {
      f = JSON.parse(raw.toString());
    } catch {
      return ws.close(1002, 'bad frame');
    }
    counters.rpcs++;
    const reply = (payload: unknown) => ws.send(JSON.stringify({ type: 'res', id: f.id, ok: true, payload }));
    const fail = (code: string, message: string) => ws.send(JSON.stringify({ type: 'res', id: f.id, ok: false, error: { code, message } }));
    switch (f.method) {
      case 'connect':
        if ((f.params?.maxProtocol ?? 0) < 3 || (f.params?.minProtocol ?? 99) > 4) return ws.close(1002, 'protocol mismatch');
        if (f.params?.auth?.token !== profile.token) {
          ws.send(JSON.stringify({ type: 'res', id: f.id, ok: false, error: { code: 'INVALID_REQUEST', message: 'unauthorized', details: { code: 'AUTH_TOKEN_MISMATCH' } } }));
          return ws.close(1008);
        }
        return reply(P.helloPayload(profile, start.tickIntervalMs));
      case 'status':
        return reply(P.statusPayload(profile));
      case 'sessions.list':
        return reply(P.sessionsListPayload(profile));
      case 'cron.list':
        return reply(P.cronListPayload(profile));
      case 'config.get':
        return reply(P.configGetPayload(profile));
      case 'last-heartbeat':
        return reply(P.lastHeartbeatPayload(profile));
      default:
        return fail('FORBIDDEN', 'missing scope');
    }
  });
});

// Ticks to every open link, heartbeat events (one per agent per minute) and the odd config write.
setInterval(() => {
  const frame = JSON.stringify({ type: 'event', event: 'tick', payload: { ts: Date.now() } });
  for (const set of socketsOf.values()) for (const ws of set) ws.send(frame);
}, start.tickIntervalMs).unref();
let second = 0;
setInterval(() => {
  second++;
  for (const [index, set] of socketsOf) {
    if (set.size === 0) continue;
    const p = profiles.get(index)!;
    if ((index + second) % 60 === 0) {
      for (const agentId of p.agents) {
        const frame = JSON.stringify({ type: 'event', event: 'heartbeat', payload: { ts: Date.now(), status: 'ok-token', reason: null, agentId, preview: 'HEARTBEAT_OK' } });
        for (const ws of set) ws.send(frame);
      }
    }
    if (start.configChangeEverySec > 0 && (index * 37 + second) % start.configChangeEverySec === 0) {
      const frame = JSON.stringify({ type: 'event', event: 'config.changed', payload: { path: '/home/oc/.openclaw/openclaw.json', hash: `hmac-sha256:v1:${second}`, ts: Date.now() } });
      for (const ws of set) ws.send(frame);
    }
  }
}, 1000).unref();

// ---- the SSH endpoints ----
function execReply(index: number, command: string): { stdout?: string; stderr?: string; code: number } {
  const p = profiles.get(index)!;
  if (command.includes('node:sqlite')) return { stdout: P.storeMetaOutput(p), code: 0 };
  if (command.includes('openclaw-agent.sqlite-wal')) return { stdout: P.storeSizesOutput(p), code: 0 };
  // The narrow token read (the config is parsed on the server; only auth mode and token leave it).
  if (command.includes('runInNewContext')) return { stdout: JSON.stringify({ mode: 'token', token: p.token }), code: 0 };
  if (command.includes('openclaw.json')) return { stdout: JSON.stringify(P.openclawConfig(p, false), null, 2), code: 0 };
  if (command.includes('OPENCLAW_GATEWAY_TOKEN')) return { stdout: '', code: 0 };
  if (command.includes('memory') && command.includes('status')) return { stdout: P.memoryStatusOutput(p), code: 0 };
  if (command.includes('--version')) return { stdout: `OpenClaw ${P.SIM_VERSION} (${P.SIM_BUILD})\n`, code: 0 };
  if (command.includes('command -v openclaw')) return { stdout: '/usr/local/bin/openclaw\n', code: 0 };
  return { stderr: 'sim: command not simulated\n', code: 127 };
}

function onConnection(index: number, conn: Connection): void {
  conn.on('error', () => {});
  conn.on('authentication', (ctx) => {
    if (ctx.method !== 'publickey') return ctx.reject(['publickey']);
    const offered = ctx.key.data;
    if (offered.length !== acceptedBlob.length || !timingSafeEqual(offered, acceptedBlob)) return ctx.reject(['publickey']);
    if (ctx.signature && ctx.blob && acceptedKey.verify(ctx.blob, ctx.signature, ctx.hashAlgo) !== true) return ctx.reject(['publickey']);
    ctx.accept();
  });
  conn.on('ready', () => {
    counters.handshakes++;
    conn.on('tcpip', (accept, reject, info) => {
      if (down.has(index) || info.destPort !== start.gatewayPort) {
        counters.refusedForwards++;
        return reject();
      }
      counters.forwards++;
      const sock = netConnect(gatewayListenPort, '127.0.0.1');
      sock.once('error', () => reject());
      sock.once('connect', () => {
        const localPort = sock.localPort!;
        serverByLocalPort.set(localPort, index);
        sock.once('close', () => serverByLocalPort.delete(localPort));
        const ch = accept();
        ch.on('error', () => sock.destroy());
        sock.on('error', () => ch.destroy());
        ch.pipe(sock).pipe(ch);
      });
    });
    conn.on('session', (acceptSession) => {
      const session = acceptSession();
      session.on('exec', (acceptExec, _reject, info) => {
        counters.execs++;
        const ch = acceptExec();
        ch.on('error', () => {});
        const r = execReply(index, info.command);
        if (r.stdout) ch.write(r.stdout);
        if (r.stderr) ch.stderr.write(r.stderr);
        ch.exit(r.code);
        ch.end();
      });
    });
  });
}

let gatewayListenPort = 0;

async function main(): Promise<void> {
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', () => resolve()));
  gatewayListenPort = (http.address() as AddressInfo).port;
  const servers: SimServerInfo[] = [];
  for (let index = start.firstIndex; index < start.firstIndex + start.count; index++) {
    profiles.set(index, P.simProfile(index));
    // Retries the pure-JS generator's occasional unparsable pair.
    const host = generateKeyPair();
    const ssh = new SshServer({ hostKeys: [host.privateKey] }, (conn) => onConnection(index, conn));
    await new Promise<void>((resolve, reject) => {
      ssh.once('error', reject);
      ssh.listen(start.basePort ? start.basePort + index : 0, '127.0.0.1', () => resolve());
    });
    servers.push({ index, port: (ssh.address() as AddressInfo).port, hostPublicKey: host.publicKey.split(' ').slice(0, 2).join(' '), gatewayPort: start.gatewayPort });
  }
  const ready: SimReady = { type: 'ready', servers };
  process.send!(ready);
}

process.on('message', (m: SimCommand) => {
  if (m.type === 'down') {
    for (const i of m.indices) {
      down.add(i);
      // A crash: the gateway's sockets die without a close frame.
      for (const ws of socketsOf.get(i) ?? []) ws.terminate();
    }
  } else if (m.type === 'up') {
    for (const i of m.indices) {
      down.delete(i);
      const p = profiles.get(i);
      if (p) profiles.set(i, { ...p, bootId: `boot-${i}-${Date.now().toString(36)}`, startedAt: Date.now() });
    }
  } else if (m.type === 'counters') {
    process.send!({ type: 'counters', counters: { ...counters }, cpu: process.cpuUsage(), rssBytes: process.memoryUsage().rss });
  }
});
process.on('disconnect', () => process.exit(0));

main().catch((err: unknown) => {
  process.send!({ type: 'failed', message: String(err) });
  process.exit(1);
});
