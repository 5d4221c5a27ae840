// The ops service as its systemd unit runs it: TLS with a certificate made here, tokens from the CLI,
// a viewer's browser that sees everything and is refused every change with a clear message, an
// operator's that changes things, revoked and wrong tokens refused, and a clean SIGTERM.
import { existsSync, statSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { attachFleet } from './fixture/fleet-client.ts';
import { addServer, expectStatus, serverRow } from './support/console-page.ts';
import { createToken, selfSignedCert, startService, writeServiceConfig, yardmaster } from './support/service-app.ts';

test('the service over https/wss: viewer reads with its changes disabled, operator changes, revoked and wrong tokens are refused', async ({ browser }) => {
  const s1 = attachFleet().server('s1');
  const { certPath, keyPath } = selfSignedCert();
  const dataDir = mkdtempSync(join(tmpdir(), 'ym-e2e-svc-'));
  const config = writeServiceConfig({ bind: '127.0.0.1', port: 0, dataDir, knownHosts: s1.knownHostsPath, tls: { cert: certPath, key: keyPath }, pollInterval: '2s', publicNames: ['localhost'] });
  expect(yardmaster(['check-config', '--config', config])).toContain('config ok');
  const operator = createToken(config, 'operator');
  const viewer = createToken(config, 'viewer');
  const service = await startService(config);
  expect(service.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/$/);
  const base = service.url.replace('127.0.0.1', 'localhost');
  const opCtx = await browser.newContext({ ignoreHTTPSErrors: true });
  const viewCtx = await browser.newContext({ ignoreHTTPSErrors: true });
  try {
    const health = await opCtx.request.get(`${base}healthz`);
    expect(health.status()).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok' });

    // Operator: adds the real server over wss.
    const op = await opCtx.newPage();
    const sockets: string[] = [];
    op.on('websocket', (ws) => sockets.push(ws.url()));
    await op.goto(`${base}#token=${operator.token}`);
    await addServer(op, 'crank-watched', s1);
    await expectStatus(serverRow(op, 'crank-watched'), 'UP');
    expect(sockets.every((u) => u.startsWith('wss://'))).toBe(true);
    await expect(op.getByTestId('access-role')).toHaveCount(0);

    // Viewer: sees the fleet, is told it is read-only, and its changes are disabled with the reason
    // before any click (the core refuses them too: src/core/access/method-access.test.ts).
    const view = await viewCtx.newPage();
    await view.goto(`${base}#token=${viewer.token}`);
    await expectStatus(serverRow(view, 'crank-watched'), 'UP');
    await expect(view.getByTestId('access-role')).toHaveText('Viewer · read-only');
    await expect(view.getByRole('button', { name: 'Add server' })).toBeDisabled();
    await expect(view.getByRole('button', { name: 'Add server' })).toHaveAttribute('title', /viewer token.*operator token/);
    const viewRow = serverRow(view, 'crank-watched');
    await viewRow.getByRole('button', { name: 'Actions for crank-watched' }).click();
    await expect(viewRow.getByRole('menuitem', { name: 'Maintenance' })).toBeDisabled();
    await view.keyboard.press('Escape');
    const metrics = await viewCtx.request.get(`${base}metrics`, { headers: { authorization: `Bearer ${viewer.token}` } });
    expect(await metrics.text()).toMatch(/^yardmaster_server_up\{server="crank-watched",[^}]*\} 1$/m);

    // Revoked while open: the viewer's window loses the connection and is then refused.
    expect(yardmaster(['token', 'revoke', viewer.id, '--config', config])).toContain(`revoked ${viewer.id}`);
    await expect(view.getByTestId('connection-banner')).toContainText('refused this window');
    // A wrong token never gets in.
    const wrong = await viewCtx.newPage();
    await wrong.goto(`${base}#token=ym_${'x'.repeat(43)}`);
    await expect(wrong.getByTestId('connection-banner')).toContainText('refused this window');
    expect((await viewCtx.request.get(`${base}metrics`, { headers: { authorization: `Bearer ${viewer.token}` } })).status()).toBe(401);
    // The operator was never disturbed.
    await expectStatus(serverRow(op, 'crank-watched'), 'UP');
  } finally {
    await opCtx.close();
    await viewCtx.close();
    expect(await service.signal('SIGTERM')).toBe(0);
  }
  expect(service.output()).toContain('stopped cleanly');
  // Closing SQLite checkpointed the WAL into the database.
  const wal = join(dataDir, 'history.sqlite-wal');
  expect(!existsSync(wal) || statSync(wal).size === 0).toBe(true);
});

test('the service refuses plain HTTP beyond loopback and names a bad config key', async () => {
  const bad = writeServiceConfig({ bind: '0.0.0.0', port: 0, dataDir: mkdtempSync(join(tmpdir(), 'ym-e2e-svc-')) });
  const refused = await startService(bad).then(
    () => 'started',
    (err: Error) => err.message,
  );
  expect(refused).toContain('service exited (2)');
  expect(refused).toContain('Refusing to serve on 0.0.0.0 over plain HTTP');
  const typo = writeServiceConfig({ bind: '127.0.0.1', pollIntervall: '5s' });
  expect(() => yardmaster(['check-config', '--config', typo])).toThrow(/pollIntervall: unknown key/);
});
