// Webhook formats, delivery with retries against a real local HTTP receiver, and the service rules.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Alert } from '../../shared/domain';
import { createMemoryLogger } from '../log';
import { MemorySecretStore } from '../secrets';
import { createMemorySettingsBackend, SettingsStore } from '../settings/settings-store';
import { testAlert } from '../alerts/test-alerts';
import { webhookBody } from './webhook-format';
import { sendWebhook } from './webhook-sender';
import { webhookUrlProblem } from '../../shared/webhook-url';
import { methodInputs } from '../../shared/contract';
import { WebhookService } from './webhook-service';
import { openConsoleDatabase } from '../db/console-database';

const alert = (over: Partial<Alert> = {}): Alert =>
  testAlert({ summary: 'ops-1 is DOWN (gateway-unreachable) <@here> *bold*', startedAt: Date.UTC(2026, 10, 25, 3, 0, 0), ...over });

const outbox = () => openConsoleDatabase(':memory:').outbox;

let server: Server | null = null;
afterEach(() => {
  server?.close();
  server = null;
});

async function receiver(statuses: number[]): Promise<{ url: string; bodies: unknown[] }> {
  const bodies: unknown[] = [];
  server = createServer((req, res) => {
    let raw = '';
    req.on('data', (d) => (raw += d));
    req.on('end', () => {
      bodies.push(JSON.parse(raw));
      res.writeHead(statuses.shift() ?? 200);
      res.end();
    });
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, bodies };
}

describe('webhook formats', () => {
  it('escape chat markup so an alert cannot ping or format', () => {
    expect(webhookBody('slack', { alert: alert(), reason: 'raised' })).toEqual({ text: 'CRITICAL: ops-1 is DOWN (gateway-unreachable) &lt;@here&gt; *bold*' });
    const discord = webhookBody('discord', { alert: alert(), reason: 'repeat' }) as { content: string; allowed_mentions: unknown };
    expect(discord.content).toBe('CRITICAL (still unacknowledged): ops-1 is DOWN (gateway-unreachable) <\\@here\\> \\*bold\\*');
    expect(discord.allowed_mentions).toEqual({ parse: [] });
    expect(webhookBody('json', { alert: alert({ resolvedAt: Date.UTC(2026, 10, 25, 3, 5, 0) }), reason: 'resolved' })).toMatchObject({
      source: 'yardmaster',
      reason: 'resolved',
      alert: { rule: 'server-down', startedAt: '2026-11-25T03:00:00.000Z', resolvedAt: '2026-11-25T03:05:00.000Z' },
      text: expect.stringMatching(/^RESOLVED after 300 s/),
    });
  });
});

describe('webhook delivery', () => {
  it('retries server errors and succeeds', async () => {
    const r = await receiver([500, 503, 200]);
    const result = await sendWebhook(r.url, 'json', { alert: alert(), reason: 'raised' }, { backoffMs: () => 10 });
    expect(result).toEqual({ ok: true, attempts: 3, status: 200, error: null });
    expect(r.bodies).toHaveLength(3);
  });

  it('goes over plain http only to this machine: alert text is not sent readable across a network', async () => {
    expect(webhookUrlProblem('http://hooks.example.com/x')).toMatch(/plain http only to this machine/);
    for (const ok of ['https://hooks.example.com/x', 'http://127.0.0.1:9/x', 'http://localhost/x', 'http://[::1]:8/x']) expect(webhookUrlProblem(ok), ok).toBeNull();
    expect(methodInputs['webhooks.setUrl'].safeParse({ id: 'h', url: 'http://10.0.0.5/hook' }).success).toBe(false);
    expect(methodInputs['webhooks.setUrl'].safeParse({ id: 'h', url: 'https://10.0.0.5/hook' }).success).toBe(true);
    const sent = await sendWebhook('http://192.0.2.1/hook', 'json', { alert: alert(), reason: 'raised' }, { fetchImpl: () => Promise.reject(new Error('must not be called')) });
    expect(sent).toMatchObject({ ok: false, attempts: 0, error: expect.stringContaining('plain http only to this machine') });
  });

  it('does not retry a client error, and gives up after the retries', async () => {
    const r = await receiver([404, 500, 500, 500, 500]);
    expect(await sendWebhook(r.url, 'slack', { alert: alert(), reason: 'raised' }, { backoffMs: () => 5 })).toMatchObject({ ok: false, attempts: 1, status: 404 });
    expect(await sendWebhook(r.url, 'slack', { alert: alert(), reason: 'raised' }, { backoffMs: () => 5, retries: 2 })).toMatchObject({ ok: false, attempts: 3, error: 'HTTP 500' });
  });
});

describe('webhook service', () => {
  it('sends by severity, sends the resolution only where the alert went, keeps the URL out of settings', async () => {
    const r = await receiver([]);
    const backend = createMemorySettingsBackend();
    const settings = new SettingsStore(backend, createMemoryLogger());
    const service = new WebhookService(settings, new MemorySecretStore(), createMemoryLogger(), () => {}, outbox(), { backoffMs: () => 5 });
    const critOnly = service.add({ name: 'pager', kind: 'json', minSeverity: 'critical' }, `${r.url}?crit`);
    service.add({ name: 'chat', kind: 'json', minSeverity: 'warning' }, `${r.url}?warn`);
    expect(JSON.stringify(backend.doc)).not.toContain('127.0.0.1');
    service.notify(alert({ id: 'w', severity: 'warning' }), 'raised');
    service.notify(alert(), 'raised');
    await expect.poll(() => r.bodies.length).toBe(3);
    service.resolved(alert({ id: 'w', severity: 'warning', resolvedAt: Date.now() }));
    await expect.poll(() => r.bodies.length).toBe(4);
    expect(service.list().find((w) => w.id === critOnly.id)).toMatchObject({ hasUrl: true, lastDelivery: { ok: true } });
  });

  it('says so when the URL is gone (memory-only secrets after a restart)', async () => {
    const settings = new SettingsStore(createMemorySettingsBackend(), createMemoryLogger());
    const first = new WebhookService(settings, new MemorySecretStore(), createMemoryLogger(), () => {}, outbox());
    const hook = first.add({ name: 'pager', kind: 'slack', minSeverity: 'critical' }, 'http://127.0.0.1:9/x');
    const restarted = new WebhookService(settings, new MemorySecretStore(), createMemoryLogger(), () => {}, outbox());
    expect(restarted.list()[0]).toMatchObject({ id: hook.id, hasUrl: false });
    expect(await restarted.test(hook.id)).toMatchObject({ ok: false, error: expect.stringMatching(/no URL/) });
  });
});
