// The host with the token file and roles, over TLS: a viewer reads and acknowledges but is refused
// mutations; a revoked token is cut off while connected; /healthz answers without a token.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createCore, type Core } from '../../core/create-core';
import { createMemoryLogger } from '../../core/log';
import { createMemorySettingsBackend } from '../../core/settings/settings-store';
import { okOutcome } from '../../core/probes/test-outcomes';
import { WS_PROTOCOL, WS_TOKEN_PREFIX, type ServerFrame } from '../../shared/contract';
import type { Result } from '../../shared/result';
import { startHttpHost, type HttpHost } from '../http-host';
import { WS_CLOSE_REVOKED } from '../ws-transport';
import { createAuthenticator } from './authenticator';
import { selfSignedCert } from './test-cert';
import { TokenStore } from './token-store';

let core: Core;
let host: HttpHost;
let store: TokenStore;
let cert: ReturnType<typeof selfSignedCert>;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ym-svc-'));
  cert = selfSignedCert();
  store = new TokenStore(join(dir, 'tokens.json'));
  core = createCore({ host: 'headless', appVersion: '0.0.0-test', dataDir: dir, historyPath: ':memory:', settingsBackend: createMemorySettingsBackend(), logger: createMemoryLogger(), probe: async () => okOutcome(), pollIntervalMs: 60_000 });
  core.start();
  host = await startHttpHost({ core, rendererDir: dir, host: '127.0.0.1', port: 0, auth: createAuthenticator({ store }), tls: { cert: cert.cert, key: cert.key }, health: () => ({ ok: true, details: { version: 't' } }), logger: createMemoryLogger() });
});
afterAll(async () => {
  await host.close();
  await core.stop();
});

function open(token: string): Promise<WebSocket> {
  const ws = new WebSocket(`wss://localhost:${host.port}/rpc`, [WS_PROTOCOL, WS_TOKEN_PREFIX + token], { origin: `https://localhost:${host.port}`, ca: cert.cert });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

let nextId = 1;
function call(ws: WebSocket, method: string, payload: unknown): Promise<Result<unknown>> {
  const id = nextId++;
  return new Promise((resolve) => {
    const onMessage = (raw: WebSocket.RawData) => {
      const f = JSON.parse(raw.toString()) as ServerFrame;
      if (f.type === 'result' && f.id === id) {
        ws.off('message', onMessage);
        resolve(f.result);
      }
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ type: 'invoke', id, method, payload }));
  });
}

const server = { name: 'a', host: '127.0.0.1', sshPort: 22, sshUser: 'u', privateKeyPath: '/k', gatewayPort: 18789 };

describe('ops service host', () => {
  it('answers /healthz over TLS without a token', async () => {
    const { request } = await import('node:https');
    const body = await new Promise<{ status: number; json: unknown }>((resolve, reject) => {
      request({ host: '127.0.0.1', port: host.port, path: '/healthz', ca: cert.cert, servername: 'localhost' }, (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(text) }));
      })
        .on('error', reject)
        .end();
    });
    expect(body).toEqual({ status: 200, json: { status: 'ok', version: 't' } });
  });

  it('lets a viewer read and acknowledge, refuses its mutations with a clear error, and lets an operator change things', async () => {
    const viewer = await open(store.create('viewer', 'v').token);
    const operator = await open(store.create('operator', 'o').token);
    expect(await call(viewer, 'access.whoami', {})).toEqual({ ok: true, value: { role: 'viewer' } });
    expect((await call(viewer, 'servers.list', {})).ok).toBe(true);
    const refused = await call(viewer, 'servers.add', server);
    expect(refused).toEqual({ ok: false, error: { code: 'forbidden', message: 'Not allowed: servers.add needs the operator role; this connection is a viewer.' } });
    const ack = await call(viewer, 'alerts.ack', { id: 'no-such-alert' });
    expect(!ack.ok && ack.error.code).toBe('not-found'); // allowed through to the handler
    expect((await call(operator, 'servers.add', server)).ok).toBe(true);
    viewer.close();
    operator.close();
  });

  it('refuses a wrong token and cuts off a token revoked while connected', async () => {
    await expect(open('ym_' + 'x'.repeat(43))).rejects.toThrow('HTTP 401');
    const { token, entry } = store.create('operator', 'soon revoked');
    const ws = await open(token);
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    new TokenStore(store.path).revoke(entry.id); // as `yardmaster token revoke` does, from another process
    expect(await closed).toBe(WS_CLOSE_REVOKED);
    await expect(open(token)).rejects.toThrow('HTTP 401');
  });

  it('serves /metrics to any valid token as a bearer token', async () => {
    const { request } = await import('node:https');
    const get = (auth: string) =>
      new Promise<number>((resolve, reject) =>
        request({ host: 'localhost', port: host.port, path: '/metrics', ca: cert.cert, headers: { authorization: auth } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        })
          .on('error', reject)
          .end(),
      );
    expect(await get(`Bearer ${store.create('viewer', 'prom').token}`)).toBe(200);
    expect(await get('Bearer ym_nope')).toBe(401);
  });
});
