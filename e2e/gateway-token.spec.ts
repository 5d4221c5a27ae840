// A wrong gateway token on a real gateway: the gateway refuses Yardmaster's WebSocket, which is named
// (gateway-auth-failed, alert gateway-link-refused) while the server stays watched through the CLI;
// going back to the token from the server's own config restores the WebSocket and resolves the alert.
import { expect, test } from '@playwright/test';
import { attachFleet } from './fixture/fleet-client.ts';
import { activeAlert, addServer, expectStatus, gotoView, openServerPage, resolvedAlerts, serverRow } from './support/console-page.ts';
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

    await openServerPage(page, 'tokened');
    const access = page.getByTestId('gateway-access');
    await expect(access.getByTestId('gateway-ready')).toHaveAttribute('data-ready', 'true');
    await access.getByLabel('Gateway token', { exact: true }).fill('definitely-not-the-token-0123456789');
    await access.getByRole('button', { name: 'Use this token' }).click();

    await expect(access.getByTestId('gateway-via')).toHaveAttribute('data-via', 'cli');
    await expect(access).toContainText('gateway-auth-failed');
    // One explanation, not "read from the server" beside a refusal of the typed token (issue 12).
    await expect(access.getByTestId('gateway-refused')).toContainText('refused the token typed by an operator');
    await expect(access).not.toContainText("read over SSH from the server's OpenClaw config");
    const alert = await activeAlert(page, 'gateway-link-refused', 'tokened');
    await expect(alert).toContainText('gateway refused the WebSocket (gateway-auth-failed)');
    // Still watched: the CLI on the server uses its own (right) token.
    await gotoView(page, 'Fleet');
    await expectStatus(row, 'UP');
    await openServerPage(page, 'tokened');
    // The typed token is a secret: not in any file Yardmaster wrote.
    const { readdirSync, readFileSync } = await import('node:fs');
    for (const e of readdirSync(app.dataDir, { recursive: true, withFileTypes: true }).filter((f) => f.isFile())) {
      expect(readFileSync(`${e.parentPath}/${e.name}`).includes('definitely-not-the-token'), e.name).toBe(false);
    }
    expect(app.output()).not.toContain('definitely-not-the-token');

    await access.getByRole('button', { name: 'Read it from the server again' }).click();
    await expect(access.getByTestId('gateway-via')).toHaveAttribute('data-via', 'websocket');
    await gotoView(page, 'Alerts & incidents');
    await expect(alert).toHaveCount(0, { timeout: 30_000 });
    await expect(await resolvedAlerts(page, 'gateway-link-refused')).toBeVisible();
  } finally {
    await app.stop();
  }
});
