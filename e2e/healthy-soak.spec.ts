// The other half of alerting: real, healthy gateways watched closely for several minutes raise
// nothing at all. A watcher that cries wolf gets muted, and then it misses the real thing.
import { expect, test } from '@playwright/test';
import { attachFleet } from './fixture/fleet-client.ts';
import { addServersUp, gotoView, knownHostsFor, serverRow } from './support/console-page.ts';
import { startHeadlessApp } from './support/headless-app.ts';

const SOAK_MS = 4 * 60_000;

test(`healthy gateways watched for ${SOAK_MS / 60_000} minutes raise no alert`, async ({ page }) => {
  test.setTimeout(SOAK_MS + 4 * 60_000);
  const fleet = attachFleet();
  const s1 = fleet.server('s1');
  const s2 = fleet.server('s2');
  const kh = knownHostsFor(s1, s2);
  // Polling and RPC reads far more often than the defaults: more chances to trip over noise.
  const app = await startHeadlessApp({ knownHosts: kh, pollInterval: '2s', extraArgs: ['--rpc-interval', '5s'] });
  try {
    await page.goto(app.url);
    await addServersUp(page, [['calm-1', s1], ['calm-2', s2]]);
    const before = await fleet.modelStats();
    const deadline = Date.now() + SOAK_MS;
    while (Date.now() < deadline) {
      // Any alert, active or already resolved, is a false alarm here.
      await expect(page.getByTestId('alert-bar')).toContainText('No active alerts', { timeout: 5_000 });
      await expect(serverRow(page, 'calm-1').getByTestId('server-status')).toHaveAttribute('data-status', 'UP');
      await expect(serverRow(page, 'calm-2').getByTestId('server-status')).toHaveAttribute('data-status', 'UP');
      await page.waitForTimeout(10_000);
    }
    // Nothing was raised and resolved between two looks either: the alert history of the run is empty.
    await gotoView(page, 'Alerts & incidents');
    await expect(page.getByTestId('no-alerts')).toBeVisible();
    await expect(page.getByTestId('history-count')).toHaveText('0 of 0');
    // The gateways really worked meanwhile (heartbeats reached the model), so the quiet is earned.
    const after = await fleet.modelStats();
    const heartbeats = (stats: typeof after) => Object.values(stats).reduce((n, c) => n + (c.heartbeats ?? 0), 0);
    expect(heartbeats(after)).toBeGreaterThan(heartbeats(before));
    expect(app.output()).not.toMatch(/"level":"warn","msg":"alert"/);
  } finally {
    await app.stop();
  }
});
