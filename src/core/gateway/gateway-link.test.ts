// GatewayLink against an in-process WebSocket server speaking the gateway's handshake.
import { connect, type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import { ProbeFailure } from '../ssh/ssh-errors';
import { GatewayLink } from './gateway-link';

interface FakeGateway {
  port: number;
  connectParams: Array<Record<string, unknown>>;
  sockets: WebSocket[];
  close(): Promise<void>;
}

async function fakeGateway(opts: { token?: string; tickIntervalMs?: number; closeWith?: number; closeReason?: string; refusal?: string; answerPings?: () => boolean } = {}): Promise<FakeGateway> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', autoPong: !opts.answerPings });
  const g: FakeGateway = { port: 0, connectParams: [], sockets: [], close: () => new Promise((r) => wss.close(() => r())) };
  wss.on('connection', (ws) => {
    g.sockets.push(ws);
    // A gateway that can be made to stop answering pings, as a stopped process does.
    if (opts.answerPings) ws.on('ping', (data) => opts.answerPings!() && ws.pong(data));
    if (opts.closeWith) return ws.close(opts.closeWith, opts.closeReason ?? 'protocol mismatch');
    ws.send(JSON.stringify({ type: 'event', event: 'connect.challenge', payload: { nonce: 'n', ts: 1 } }));
    ws.on('message', (raw) => {
      const f = JSON.parse(raw.toString());
      if (f.method === 'connect') {
        g.connectParams.push(f.params);
        if (opts.token && f.params.auth?.token !== opts.token) {
          ws.send(JSON.stringify({ type: 'res', id: f.id, ok: false, error: { code: 'INVALID_REQUEST', message: opts.refusal ?? 'unauthorized', details: { code: 'AUTH_TOKEN_MISMATCH' } } }));
          return ws.close(1008);
        }
        ws.send(
          JSON.stringify({
            type: 'res',
            id: f.id,
            ok: true,
            payload: {
              protocol: 4,
              server: { version: '2026.9.6', buildId: 'b', bootId: 'boot-1' },
              snapshot: { uptimeMs: 1234 },
              auth: { scopes: ['operator.read'] },
              policy: { tickIntervalMs: opts.tickIntervalMs ?? 30_000 },
            },
          }),
        );
        // Content-bearing events a read connection may see: the link must ignore them.
        ws.send(JSON.stringify({ type: 'event', event: 'chat', payload: { text: 'SENTINEL' } }));
        return;
      }
      if (f.method === 'status') ws.send(JSON.stringify({ type: 'res', id: f.id, ok: true, payload: { runtimeVersion: '2026.9.6' } }));
      if (f.method === 'sessions.list') ws.send(JSON.stringify({ type: 'res', id: f.id, ok: false, error: { code: 'UNAVAILABLE', message: 'provider said: SENTINEL-c0ffee rate limit', details: { code: 'SENTINEL words here' } } }));
      if (f.method === 'config.set') ws.send(JSON.stringify({ type: 'res', id: f.id, ok: false, error: { code: 'FORBIDDEN', message: 'missing scope', details: { code: 'MISSING_SCOPE' } } }));
    });
  });
  await new Promise<void>((r) => wss.once('listening', () => r()));
  g.port = (wss.address() as AddressInfo).port;
  return g;
}

let gateway: FakeGateway | null = null;
afterEach(async () => {
  for (const s of gateway?.sockets ?? []) s.terminate();
  await gateway?.close();
  gateway = null;
});

const streamTo = (port: number) => connect(port, '127.0.0.1');

describe('gateway link', () => {
  it('connects read-only with session-scoped events and answers RPCs', async () => {
    gateway = await fakeGateway({ token: 'secret-token' });
    const link = await GatewayLink.open({ stream: streamTo(gateway.port), token: 'secret-token', clientVersion: '1.0.0' });
    expect(gateway.connectParams[0]).toMatchObject({
      minProtocol: 3,
      maxProtocol: 4,
      role: 'operator',
      scopes: ['operator.read'],
      caps: ['session-scoped-events'],
      client: { id: 'cli', mode: 'cli' },
    });
    expect(link.hello).toMatchObject({ protocol: 4, version: '2026.9.6', bootId: 'boot-1', uptimeMs: 1234, scopes: ['operator.read'] });
    expect(await link.call('status', {})).toEqual({ runtimeVersion: '2026.9.6' });
    await expect(link.call('config.set', {})).rejects.toThrow(/FORBIDDEN\/MISSING_SCOPE/);
    link.close();
    expect(link.isOpen()).toBe(false);
  });

  it('names a wrong token', async () => {
    gateway = await fakeGateway({ token: 'right-token' });
    const err = await GatewayLink.open({ stream: streamTo(gateway.port), token: 'wrong-token', clientVersion: '1' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProbeFailure);
    expect((err as ProbeFailure).probeError.kind).toBe('gateway-auth-failed');
    expect((err as ProbeFailure).message).toContain('AUTH_TOKEN_MISMATCH');
  });

  it('keeps only kinds and id-shaped codes of what the gateway says in its errors', async () => {
    gateway = await fakeGateway({ token: 'right-token', refusal: 'SENTINEL-c0ffee: token mismatch for +15551234567' });
    const refused = (await GatewayLink.open({ stream: streamTo(gateway.port), token: 'wrong', clientVersion: '1' }).catch((e: unknown) => e)) as ProbeFailure;
    expect(refused.probeError).toEqual({ kind: 'gateway-auth-failed', message: 'Gateway refused the connection: authentication failed (INVALID_REQUEST/AUTH_TOKEN_MISMATCH).' });
    await gateway.close();
    gateway = await fakeGateway();
    const link = await GatewayLink.open({ stream: streamTo(gateway.port), token: 't', clientVersion: '1' });
    const err = (await link.call('sessions.list', {}).catch((e: unknown) => e)) as Error;
    expect(err.message).toBe('sessions.list: UNAVAILABLE: rate limited');
    link.close();
    await gateway.close();
    gateway = await fakeGateway({ closeWith: 1002, closeReason: 'SENTINEL-c0ffee' });
    const closed = (await GatewayLink.open({ stream: streamTo(gateway.port), token: 't', clientVersion: '1' }).catch((e: unknown) => e)) as ProbeFailure;
    expect(closed.message).not.toContain('SENTINEL');
  });

  it('names a protocol mismatch', async () => {
    gateway = await fakeGateway({ closeWith: 1002 });
    const err = await GatewayLink.open({ stream: streamTo(gateway.port), token: 't', clientVersion: '1' }).catch((e: unknown) => e);
    expect((err as ProbeFailure).probeError.kind).toBe('gateway-protocol-mismatch');
  });

  it('reports a gateway that dies as closed', async () => {
    gateway = await fakeGateway();
    const losses: string[] = [];
    const died = await GatewayLink.open({ stream: streamTo(gateway.port), token: 't', clientVersion: '1', onClose: (r, loss) => losses.push(`${loss}: ${r}`) });
    gateway.sockets[0]!.terminate();
    await expect.poll(() => losses).toEqual([expect.stringMatching(/^closed: closed/)]);
    expect(died.isOpen()).toBe(false);
  });

  it('stays linked to a gateway that answers its pings (no ticks needed), and reports it unresponsive once it stops', async () => {
    let answering = true;
    // Ticks far apart: only the pings keep the link alive.
    gateway = await fakeGateway({ tickIntervalMs: 600_000, answerPings: () => answering });
    const losses: string[] = [];
    const link = await GatewayLink.open({ stream: streamTo(gateway.port), token: 't', clientVersion: '1', pingIntervalMs: 100, onClose: (r, loss) => losses.push(`${loss}: ${r}`) });
    await new Promise((r) => setTimeout(r, 1_500)); // past the 1.1 s silence limit (interval + 1 s slack)
    expect(link.isOpen()).toBe(true);
    expect(losses).toEqual([]);
    answering = false; // the process is stopped: the TCP connection stays, nothing answers
    await expect.poll(() => losses, { timeout: 3_000 }).toEqual([expect.stringMatching(/^unresponsive: no answer to pings/)]);
    expect(link.isOpen()).toBe(false);
    await expect(link.call('status', {})).rejects.toThrow(/CLOSED/);
  });

  it('passes heartbeat outcomes on with status and reason only (the preview never passes)', async () => {
    gateway = await fakeGateway();
    const seen: unknown[] = [];
    const link = await GatewayLink.open({ stream: streamTo(gateway.port), token: 't', clientVersion: '1', onHeartbeat: (o) => seen.push(o) });
    gateway.sockets[0]!.send(JSON.stringify({ type: 'event', event: 'heartbeat', payload: { ts: 5, status: 'skipped', reason: 'target-none', preview: 'SENTINEL', message: 'SENTINEL' } }));
    await expect.poll(() => seen).toEqual([{ ts: 5, status: 'skipped', reason: 'target-none', targeted: false }]);
    link.close();
  });

  it('tells when the gateway announces a config write (the config audit re-reads)', async () => {
    gateway = await fakeGateway();
    let changes = 0;
    const link = await GatewayLink.open({ stream: streamTo(gateway.port), token: 't', clientVersion: '1', onConfigChanged: () => changes++ });
    gateway.sockets[0]!.send(JSON.stringify({ type: 'event', event: 'config.changed', payload: { path: '/h/.openclaw/openclaw.json', hash: 'hmac-sha256:v1:x', ts: 1 } }));
    gateway.sockets[0]!.send(JSON.stringify({ type: 'event', event: 'health', payload: {} }));
    await expect.poll(() => changes).toBe(1);
    link.close();
  });
});
