// A wrong gateway token on a real gateway: the gateway refuses Yardmaster's WebSocket, which is named
// (gateway-auth-failed, alert gateway-link-refused) while the server stays watched through the CLI;
// going back to the token from the server's own config restores the WebSocket and resolves the alert.
import { expect, test } from '@playwright/test';
import { attachFleet } from './fixture/fleet-client.ts';
import { addServer, expectStatus, serverRow } from './support/console-page.ts';
import { startHeadlessApp } from './support/headless-app.ts';

test('a wrong gateway token is named and alerted, the server stays watched via the CLI, the right one restores the WebSocket', async ({ page }) => {
  const s1 = attachFleet().server('s1');
  const app = await startHeadlessApp({ knownHosts: s1.knownHostsPath, extraArgs: ['--alert-hold-down', '3s'] });
  try {
    await page.goto(app.url);
    await addServer(page, 'tokened', s1);
    const row = serverRow(page, 'tokened');
    await expectStatus(row, 'UP');
    await expect(row.getByTestId('server-gateway')).toHaveAttribute('data-via', 'websocket');

    await page.getByRole('button', { name: 'Details of tokened' }).click();
    const access = page.getByTestId('gateway-access');
    await expect(access.getByTestId('gateway-ready')).toHaveAttribute('data-ready', 'true');
    await access.getByLabel('Gateway token', { exact: true }).fill('definitely-not-the-token-0123456789');
    await access.getByRole('button', { name: 'Use this token' }).click();

    const alert = page.locator('[data-testid="alert"][data-rule="gateway-link-refused"][data-server-name="tokened"]');
    await expect(alert).toContainText('gateway refused the WebSocket (gateway-auth-failed)');
    await expect(access.getByTestId('gateway-via')).toHaveAttribute('data-via', 'cli');
    await expect(access).toContainText('gateway-auth-failed');
    await expect(access).toContainText('typed by an operator');
    // Still watched: the CLI on the server uses its own (right) token.
    await expectStatus(row, 'UP');
    // The typed token is a secret: not in any file Yardmaster wrote.
    const { readdirSync, readFileSync } = await import('node:fs');
    for (const name of readdirSync(app.dataDir)) expect(readFileSync(`${app.dataDir}/${name}`).includes('definitely-not-the-token'), name).toBe(false);
    expect(app.output()).not.toContain('definitely-not-the-token');

    await access.getByRole('button', { name: 'Read it from the server again' }).click();
    await expect(access.getByTestId('gateway-via')).toHaveAttribute('data-via', 'websocket');
    await expect(alert).toHaveCount(0, { timeout: 30_000 });
    await page.locator('.alert-centre details.resolved summary').click();
    await expect(page.locator('[data-testid="resolved-alert"][data-rule="gateway-link-refused"]')).toBeVisible();
  } finally {
    await app.stop();
  }
});
