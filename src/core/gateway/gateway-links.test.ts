// GatewayLinks' ownership of links: one dropped while it was still opening must not survive.
import { connect, type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ServerConfig } from '../../shared/domain';
import type { SshSession } from '../ssh/ssh-session';
import { GatewayLinks } from './gateway-links';

const server: ServerConfig = { id: 's', name: 's', host: 'h', sshPort: 22, sshUser: 'u', privateKeyPath: '/k', gatewayPort: 1, enabled: true, createdAt: 0 };

/** A gateway that holds its hello until release() is called, so a test can act mid-handshake. */
async function slowGateway() {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  const sockets: WebSocket[] = [];
  const held: Array<() => void> = [];
  wss.on('connection', (ws) => {
    sockets.push(ws);
    ws.send(JSON.stringify({ type: 'event', event: 'connect.challenge', payload: { nonce: 'n', ts: 1 } }));
    ws.on('message', (raw) => {
      const f = JSON.parse(raw.toString());
      if (f.method !== 'connect') return;
      held.push(() =>
        ws.send(
          JSON.stringify({
            type: 'res',
            id: f.id,
            ok: true,
            payload: { protocol: 4, server: { version: '2026.9.6', buildId: 'b', bootId: 'boot-1' }, snapshot: { uptimeMs: 1 }, auth: { scopes: ['operator.read'] }, policy: { tickIntervalMs: 30_000 } },
          }),
        ),
      );
    });
  });
  await new Promise<void>((r) => wss.once('listening', () => r()));
  const port = (wss.address() as AddressInfo).port;
  return {
    port,
    sockets,
    held,
    close: () => {
      for (const s of sockets) s.terminate();
      return new Promise<void>((r) => wss.close(() => r()));
    },
  };
}

const sessionTo = (port: number): SshSession => ({
  isOpen: () => true,
  exec: async () => ({ code: 1, signal: null, stdout: '', stderr: '', truncated: false, timedOut: false }),
  forwardToLoopback: async () => connect(port, '127.0.0.1'),
  close: () => {},
});

let gateway: Awaited<ReturnType<typeof slowGateway>> | null = null;
afterEach(async () => {
  await gateway?.close();
  gateway = null;
});

describe('gateway links', () => {
  it('closes a link that finished opening after the server was dropped (defect 5)', async () => {
    gateway = await slowGateway();
    const links = new GatewayLinks('test', () => {});
    const opening = links.ensure(server, sessionTo(gateway.port), 'typed-token');
    await expect.poll(() => gateway!.held.length).toBe(1);
    links.drop('s');
    gateway.held[0]!();
    const result = await opening;
    expect(result.link?.isOpen() ?? false).toBe(false);
    // The gateway sees the orphan go away (the WebSocket, and with it the link's watchdog, is closed).
    await expect.poll(() => gateway!.sockets[0]!.readyState).toBe(3);
    links.closeAll();
  });

  it('marks the config due when a lost link is replaced: changes made while it was down sent no event', async () => {
    gateway = await slowGateway();
    const links = new GatewayLinks('test', () => {});
    const due: string[] = [];
    links.configChanged = (id) => due.push(id);
    const first = links.ensure(server, sessionTo(gateway.port), 'typed-token');
    await expect.poll(() => gateway!.held.length).toBe(1);
    gateway.held[0]!();
    expect((await first).link?.isOpen()).toBe(true);
    expect(due).toEqual([]); // the first link reads the config anyway
    gateway.sockets[0]!.terminate();
    await expect.poll(() => gateway!.sockets[0]!.readyState).toBe(3);
    const second = links.ensure(server, sessionTo(gateway.port), 'typed-token');
    await expect.poll(() => gateway!.held.length).toBe(2);
    gateway.held[1]!();
    expect((await second).link?.isOpen()).toBe(true);
    expect(due).toEqual(['s']);
    links.closeAll();
  });

  it('tells the core how a link was lost (closed by the gateway), and never for its own close', async () => {
    gateway = await slowGateway();
    const lost: string[] = [];
    const links = new GatewayLinks('test', (id, _reason, loss) => lost.push(`${id}:${loss}`), 100);
    const first = links.ensure(server, sessionTo(gateway.port), 'typed-token');
    await expect.poll(() => gateway!.held.length).toBe(1);
    gateway.held[0]!();
    expect((await first).link?.isOpen()).toBe(true);
    gateway.sockets[0]!.terminate();
    await expect.poll(() => lost).toEqual(['s:closed']);
    const second = links.ensure(server, sessionTo(gateway.port), 'typed-token');
    await expect.poll(() => gateway!.held.length).toBe(2);
    gateway.held[1]!();
    expect((await second).link?.isOpen()).toBe(true);
    links.drop('s');
    await new Promise((r) => setTimeout(r, 1_500)); // past the silence limit: nothing more is told
    expect(lost).toEqual(['s:closed']);
  });
});
