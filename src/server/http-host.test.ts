// The headless host for real: HTTP + WebSocket on a random loopback port, with a core whose probe is
// scripted. Checks the token, the Origin, the Host header, path confinement and the happy path.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createCore, type Core } from '../core/create-core';
import { createMemoryLogger } from '../core/log';
import { createMemorySettingsBackend } from '../core/settings/settings-store';
import { okOutcome } from '../core/probes/test-outcomes';
import { WS_PROTOCOL, WS_TOKEN_PREFIX, type ServerFrame } from '../shared/contract';
import { startHttpHost, type HttpHost } from './http-host';

const TOKEN = 'test-token-0123456789abcdef';
let core: Core;
let host: HttpHost;
let base: string;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'ym-host-'));
  const rendererDir = join(dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>ym</title>');
  writeFileSync(join(dir, 'secret.txt'), 'outside the renderer');
  core = createCore({
    host: 'headless',
    appVersion: '0.0.0-test',
    dataDir: dir,
    historyPath: ':memory:',
    settingsBackend: createMemorySettingsBackend(),
    logger: createMemoryLogger(),
    probe: async () => okOutcome(),
    pollIntervalMs: 60_000,
  });
  core.start();
  host = await startHttpHost({ core, rendererDir, host: '127.0.0.1', port: 0, token: TOKEN, logger: createMemoryLogger() });
  base = `http://127.0.0.1:${host.port}`;
});
afterAll(async () => {
  await host.close();
  await core.stop();
});

function open(opts: { token?: string; origin?: string; protocols?: string[] } = {}): Promise<WebSocket> {
  const protocols = opts.protocols ?? [WS_PROTOCOL, WS_TOKEN_PREFIX + (opts.token ?? TOKEN)];
  const ws = new WebSocket(`ws://127.0.0.1:${host.port}/rpc`, protocols, { origin: opts.origin ?? base });
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(ws));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
}

function nextFrame(ws: WebSocket, match: (f: ServerFrame) => boolean): Promise<ServerFrame> {
  return new Promise((resolve) => {
    const onMessage = (raw: WebSocket.RawData) => {
      const f = JSON.parse(raw.toString()) as ServerFrame;
      if (match(f)) {
        ws.off('message', onMessage);
        resolve(f);
      }
    };
    ws.on('message', onMessage);
  });
}

describe('headless host', () => {
  it('serves the renderer with a strict CSP', async () => {
    const res = await fetch(`${base}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('x-frame-options')).toBe('DENY');
  });

  it('never serves files outside the renderer folder', async () => {
    for (const path of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/%00']) {
      const res = await fetch(`${base}${path}`);
      expect(res.status, path).not.toBe(200);
    }
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const res = await new Promise<number>((resolve) => {
      import('node:http').then(({ request }) => {
        const req = request({ host: '127.0.0.1', port: host.port, path: '/', headers: { host: `evil.example:${host.port}` } }, (r) => resolve(r.statusCode ?? 0));
        req.end();
      });
    });
    expect(res).toBe(421);
  });

  it('refuses a wrong token', async () => {
    await expect(open({ token: 'wrong-token-0123456789abcdef' })).rejects.toThrow('HTTP 401');
  });

  it('refuses a missing token', async () => {
    await expect(open({ protocols: [WS_PROTOCOL] })).rejects.toThrow('HTTP 401');
  });

  it('refuses a foreign Origin even with the right token', async () => {
    await expect(open({ origin: 'http://evil.example' })).rejects.toThrow('HTTP 403');
    await expect(open({ origin: `http://evil.example:${host.port}` })).rejects.toThrow('HTTP 403');
  });

  it('carries invokes and pushes snapshot events to an authenticated window', async () => {
    const ws = await open();
    const event = nextFrame(ws, (f) => f.type === 'event' && f.topic === 'server.snapshot');
    const added = nextFrame(ws, (f) => f.type === 'result' && f.id === 1);
    ws.send(
      JSON.stringify({
        type: 'invoke',
        id: 1,
        method: 'servers.add',
        payload: { name: 'a', host: '127.0.0.1', sshPort: 22, sshUser: 'u', privateKeyPath: '/k', gatewayPort: 18789 },
      }),
    );
    const res = await added;
    expect(res.type === 'result' && res.result.ok).toBe(true);
    const ev = await event;
    expect(ev.type === 'event' && (ev.data as { status: string }).status).toBe('UP');
    ws.close();
  });

  it('closes a connection that sends a frame over the size cap', async () => {
    const ws = await open();
    const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
    ws.send('x'.repeat(2 * 1024 * 1024));
    expect(await closed).toBe(1009);
  });
});

describe('prometheus /metrics', () => {
  it('needs the console token as a bearer token, then serves the fleet in the text format', async () => {
    expect((await fetch(`${base}/metrics`)).status).toBe(401);
    expect((await fetch(`${base}/metrics`, { headers: { authorization: 'Bearer wrong-token-0123456789abcd' } })).status).toBe(401);
    const r = await core.router.dispatch('servers.add', { name: 'metered', host: '10.9.9.9', sshPort: 22, sshUser: 'oc', privateKeyPath: '/k', gatewayPort: 18789 });
    expect(r.ok).toBe(true);
    await core.router.dispatch('servers.probeNow', { id: (r as { value: { id: string } }).value.id });
    const res = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = await res.text();
    expect(text).toMatch(/^yardmaster_server_up\{server="metered",server_id="[^"]+",role="unassigned"\} 1$/m);
    expect(text).toContain('yardmaster_polling_paused 0');
  });
});
