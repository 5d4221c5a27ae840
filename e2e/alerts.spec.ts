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
    await page.locator('.alert-centre summary').click();
    await expect(page.locator('[data-testid="resolved-alert"][data-rule="server-down"]')).toContainText(/lasted \d+/);
  } finally {
    await app.stop();
  }
});
