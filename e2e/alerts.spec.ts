// The alert centre against a real gateway: quiet while healthy, server-down raised when the gateway
// dies, acknowledged by the operator, resolved with its duration when the gateway is back.
import { expect, test } from '@playwright/test';
import { attachFleet } from './fixture/fleet-client.ts';
import { addServer, expectStatus, serverRow } from './support/console-page.ts';
import { startHeadlessApp } from './support/headless-app.ts';

test('gateway crash raises server-down, the operator acknowledges it, recovery resolves it', async ({ page }) => {
  const fleet = attachFleet();
  const s1 = fleet.server('s1');
  const app = await startHeadlessApp({ knownHosts: s1.knownHostsPath, extraArgs: ['--alert-hold-down', '3s'] });
  try {
    await page.goto(app.url);
    await addServer(page, 'alerting', s1);
    const row = serverRow(page, 'alerting');
    await expectStatus(row, 'UP');
    await expect(page.getByTestId('no-alerts')).toBeVisible();

    await fleet.stopGateway('s1', 'SIGKILL');
    try {
      const alert = page.locator('[data-testid="alert"][data-rule="server-down"][data-server-name="alerting"]');
      await expect(alert).toContainText('alerting is DOWN (gateway-unreachable)');
      await alert.getByRole('button', { name: 'Acknowledge' }).click();
      await expect(alert.getByTestId('alert-acked')).toContainText('acknowledged by console');
      // The acknowledgement is the core's, not the page's: it survives a reload.
      await page.reload();
      const reloaded = page.locator('[data-testid="alert"][data-rule="server-down"]');
      await expect(reloaded.getByTestId('alert-acked')).toBeVisible();
      // Silence it for an hour, then end the silence early.
      await reloaded.getByRole('button', { name: 'Silence 1 h' }).click();
      await expect(reloaded.getByTestId('alert-silenced')).toBeVisible();
      await expect(page.getByTestId('silence')).toContainText('server-down on alerting');
      await page.getByTestId('silence').getByRole('button', { name: 'End silence' }).click();
      await expect(reloaded.getByTestId('alert-silenced')).toHaveCount(0);
    } finally {
      await fleet.startGateway('s1');
    }
    await expectStatus(serverRow(page, 'alerting'), 'UP');
    await expect(page.getByTestId('no-alerts')).toBeVisible({ timeout: 30_000 });
    await page.locator('.alert-centre details.resolved summary').click();
    await expect(page.locator('[data-testid="resolved-alert"][data-rule="server-down"]')).toContainText(/lasted \d+/);
  } finally {
    await app.stop();
  }
});

test('a webhook gets a test message, the server-down alert, and its resolution', async ({ page }) => {
  const fleet = attachFleet();
  const s1 = fleet.server('s1');
  const { createServer } = await import('node:http');
  const received: Array<{ reason: string; alert: { rule: string; summary: string } }> = [];
  const hook = createServer((req, res) => {
    let raw = '';
    req.on('data', (d) => (raw += d));
    req.on('end', () => {
      received.push(JSON.parse(raw));
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => hook.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(hook.address() as { port: number }).port}/incoming`;
  const app = await startHeadlessApp({ knownHosts: s1.knownHostsPath, extraArgs: ['--alert-hold-down', '3s'] });
  try {
    await page.goto(app.url);
    await addServer(page, 'hooked', s1);
    await expectStatus(serverRow(page, 'hooked'), 'UP');
    await page.locator('.webhooks summary').click();
    const form = page.getByRole('form', { name: 'Add webhook' });
    await form.getByLabel('Name').fill('ops-pager');
    await form.getByLabel('Kind').selectOption('json');
    await form.getByLabel('Send').selectOption('warning');
    await form.getByLabel('URL').fill(url);
    await form.getByRole('button', { name: 'Add webhook' }).click();
    const row = page.locator('[data-testid="webhook"][data-name="ops-pager"]');
    await row.getByRole('button', { name: 'Send test' }).click();
    await expect(row.getByTestId('webhook-delivery')).toContainText('last delivery ok');
    expect(received.map((r) => r.reason)).toEqual(['test']);

    await fleet.stopGateway('s1', 'SIGKILL');
    try {
      await expect.poll(() => received.map((r) => `${r.reason}:${r.alert.rule}`), { timeout: 60_000 }).toContain('raised:server-down');
    } finally {
      await fleet.startGateway('s1');
    }
    await expect.poll(() => received.map((r) => `${r.reason}:${r.alert.rule}`), { timeout: 60_000 }).toContain('resolved:server-down');
    // The URL is a secret: it is in no file Yardmaster wrote.
    const { readdirSync, readFileSync } = await import('node:fs');
    for (const name of readdirSync(app.dataDir)) expect(readFileSync(`${app.dataDir}/${name}`).includes(url), name).toBe(false);
  } finally {
    await app.stop();
    hook.close();
  }
});
