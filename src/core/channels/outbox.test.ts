// The durable outbox (defect 9): a console restarted between an alert's raise and its resolve still
// sends the resolution to the channels that were told, across a real reopen of the database file.
import { createServer, type Server } from 'node:http';
import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { testAlert } from '../alerts/test-alerts';
import { openConsoleDatabase } from '../db/console-database';
import { createMemoryLogger } from '../log';
import { MemorySecretStore } from '../secrets';
import { createMemorySettingsBackend, SettingsStore } from '../settings/settings-store';
import { WebhookService } from '../webhooks/webhook-service';

let http: Server | null = null;
afterEach(() => {
  http?.close();
  http = null;
});

async function receiver(): Promise<{ url: string; reasons: string[] }> {
  const reasons: string[] = [];
  http = createServer((req, res) => {
    let raw = '';
    req.on('data', (d) => (raw += d));
    req.on('end', () => {
      reasons.push((JSON.parse(raw) as { reason: string }).reason);
      res.end();
    });
  });
  await new Promise<void>((r) => http!.listen(0, '127.0.0.1', () => r()));
  return { url: `http://127.0.0.1:${(http.address() as AddressInfo).port}/hook`, reasons };
}

describe('channel outbox', () => {
  it('sends the resolution after a restart between raise and resolve', async () => {
    const r = await receiver();
    const path = join(mkdtempSync(join(tmpdir(), 'ym-outbox-')), 'history.sqlite');
    const settings = new SettingsStore(createMemorySettingsBackend(), createMemoryLogger());
    const secrets = new MemorySecretStore();
    const before = openConsoleDatabase(path);
    const first = new WebhookService(settings, secrets, createMemoryLogger(), () => {}, before.outbox, { backoffMs: () => 5 });
    first.add({ name: 'pager', kind: 'json', minSeverity: 'warning' }, r.url);
    first.notify(testAlert({ id: 'down-1' }), 'raised');
    first.notify(testAlert({ id: 'never-sent', severity: 'info' }), 'raised');
    await expect.poll(() => r.reasons).toEqual(['raised']);
    before.close();

    // A new process: same settings and secrets (the desktop vault), a reopened database file.
    const after = openConsoleDatabase(path);
    const second = new WebhookService(settings, secrets, createMemoryLogger(), () => {}, after.outbox, { backoffMs: () => 5 });
    second.resolved(testAlert({ id: 'down-1', resolvedAt: Date.now() }));
    second.resolved(testAlert({ id: 'never-sent', severity: 'info', resolvedAt: Date.now() }));
    await expect.poll(() => r.reasons).toEqual(['raised', 'resolved']);
    // Told once: a second resolve is not sent again.
    second.resolved(testAlert({ id: 'down-1', resolvedAt: Date.now() }));
    expect(after.outbox.owesResolution(`webhook:${settings.get().webhooks[0]!.id}`, 'down-1')).toBe(false);
    after.close();
  });

  it('delivers a message the console wrote but stopped before sending', async () => {
    const r = await receiver();
    const path = join(mkdtempSync(join(tmpdir(), 'ym-outbox-')), 'history.sqlite');
    const settings = new SettingsStore(createMemorySettingsBackend(), createMemoryLogger());
    const secrets = new MemorySecretStore();
    const db = openConsoleDatabase(path);
    const service = new WebhookService(settings, secrets, createMemoryLogger(), () => {}, db.outbox, { backoffMs: () => 5 });
    const hook = service.add({ name: 'pager', kind: 'json', minSeverity: 'warning' }, r.url);
    // As if the process died between writing the message and sending it.
    db.outbox.enqueue(`webhook:${hook.id}`, testAlert({ id: 'cut-off' }), 'raised');
    db.close();
    const reopened = openConsoleDatabase(path);
    new WebhookService(settings, secrets, createMemoryLogger(), () => {}, reopened.outbox, { backoffMs: () => 5 }).resumeUnfinished();
    await expect.poll(() => r.reasons).toEqual(['raised']);
    await expect.poll(() => reopened.outbox.unfinished()).toEqual([]);
    reopened.close();
  });
});
