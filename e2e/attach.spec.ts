// A personal console attached to an ops server, both real processes: `yardmaster serve` (as its
// systemd unit runs it, TLS, tokens) watches the fleet's s1; a second, local headless console first
// watches s1 itself, then attaches to the ops server from its Settings. Attached, its window shows
// the ops server's fleet, its own SSH connection is gone (read from /proc, not from its log), wrong
// tokens and TLS failures are refused in words, a viewer token's controls are disabled with the
// reason, an operator token acknowledges the ops server's alert, and the same works through an SSH
// tunnel to the service's loopback port.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { attachFleet } from './fixture/fleet-client.ts';
import { addServer, expectStatus, gotoView, serverRow } from './support/console-page.ts';
import { startHeadlessApp } from './support/headless-app.ts';
import { tcpPeersOf } from './support/process-sockets.ts';
import { createToken, selfSignedCert, startService, writeServiceConfig } from './support/service-app.ts';

async function attachFromSettings(page: Page, url: string, token: string, ca: string | null): Promise<void> {
  const panel = page.getByTestId('attach-panel');
  await panel.getByLabel('Attach to an ops server').check();
  await panel.getByLabel('Ops server URL').fill(url);
  await panel.getByLabel('Access token').fill(token);
  await panel.getByLabel('Service certificate (PEM, only for a self-signed service)').fill(ca ?? '');
  await panel.getByRole('button', { name: /^Attach/ }).click();
}

test('a local console attaches to the ops server: shows its fleet, polls nothing itself, viewer controls disabled, operator acknowledges', async ({ browser }) => {
  const fleet = attachFleet();
  const s1 = fleet.server('s1');
  const { certPath, keyPath } = selfSignedCert();
  const ca = readFileSync(certPath, 'utf8');
  const config = writeServiceConfig({ bind: '127.0.0.1', port: 0, dataDir: mkdtempSync(join(tmpdir(), 'ym-e2e-ops-')), knownHosts: s1.knownHostsPath, tls: { cert: certPath, key: keyPath }, pollInterval: '2s', publicNames: ['localhost'] });
  const operator = createToken(config, 'operator');
  const viewer = createToken(config, 'viewer');
  const service = await startService(config);
  const opsUrl = service.url.replace('127.0.0.1', 'localhost');
  const desk = await startHeadlessApp({ knownHosts: s1.knownHostsPath });
  const opsCtx = await browser.newContext({ ignoreHTTPSErrors: true });
  const deskCtx = await browser.newContext();
  let gatewayStopped = false;
  try {
    // The ops server watches s1.
    const ops = await opsCtx.newPage();
    await ops.goto(`${opsUrl}#token=${operator.token}`);
    await addServer(ops, 'crank-watched', s1);
    await expectStatus(serverRow(ops, 'crank-watched'), 'UP');

    // The desk console first watches s1 itself, over its own SSH connection.
    const page = await deskCtx.newPage();
    await page.goto(desk.url);
    await expect(page.getByTestId('first-run').getByTestId('attach-panel')).toBeVisible();
    await addServer(page, 'desk-own', s1);
    await expectStatus(serverRow(page, 'desk-own'), 'UP');
    expect(tcpPeersOf(desk.pid).map((p) => p.remotePort)).toContain(s1.sshPort);
    await gotoView(page, 'Settings');
    await expect(page.getByTestId('attach-current')).toContainText('Watching from this computer');

    // Refusals, each in words, and nothing changes.
    await attachFromSettings(page, opsUrl, `ym_${'x'.repeat(43)}`, ca);
    await expect(page.getByTestId('attach-error')).toContainText('The ops server refused this token');
    await attachFromSettings(page, opsUrl, viewer.token, null);
    await expect(page.getByTestId('attach-error')).toContainText(`TLS failed with localhost:${new URL(opsUrl).port}`);
    await attachFromSettings(page, 'crank:4870', viewer.token, ca);
    await expect(page.getByTestId('attach-error')).toContainText('URL: an http(s) URL');
    await expect(page.getByTestId('attach-current')).toContainText('Watching from this computer');
    await expect(page.getByTestId('attach-badge')).toHaveCount(0);

    // Attached with a viewer token: the ops server's fleet, no SSH from this console.
    await attachFromSettings(page, opsUrl, viewer.token, ca);
    await expect(page.getByTestId('attach-badge')).toHaveText(`Ops server localhost:${new URL(opsUrl).port} · connected · viewer`);
    await expect(page.getByTestId('attach-current')).toContainText('as viewer (open). This computer polls nothing.');
    await gotoView(page, 'Fleet');
    await expectStatus(serverRow(page, 'crank-watched'), 'UP');
    await expect(serverRow(page, 'desk-own')).toHaveCount(0);
    await expect.poll(() => tcpPeersOf(desk.pid).map((p) => p.remotePort)).not.toContain(s1.sshPort);
    expect(tcpPeersOf(desk.pid).map((p) => p.remotePort)).toContain(Number(new URL(opsUrl).port));

    // A viewer's limits, before any click: disabled, with the reason.
    await expect(page.getByTestId('access-role')).toHaveText('Viewer · read-only');
    const addButton = page.getByRole('button', { name: 'Add server' });
    await expect(addButton).toBeDisabled();
    await expect(addButton).toHaveAttribute('title', /viewer token.*operator token/);
    const row = serverRow(page, 'crank-watched');
    await expect(row.getByRole('button', { name: 'Check now' })).toBeDisabled();
    await row.getByRole('button', { name: 'Actions for crank-watched' }).click();
    await expect(row.getByRole('menuitem', { name: 'Maintenance' })).toBeDisabled();
    await expect(row.getByRole('menuitem', { name: 'Remove' })).toBeDisabled();
    await expect(row.getByRole('menuitem', { name: 'Open server page' })).toBeEnabled();
    await page.keyboard.press('Escape');

    // The ops server raises server-down; the attached window shows it, Silence is the operator's.
    await fleet.stopGateway('s1', 'SIGKILL');
    gatewayStopped = true;
    await gotoView(page, 'Alerts & incidents');
    const alert = page.locator('[data-testid="alert"][data-rule="server-down"][data-server-name="crank-watched"]');
    await expect(alert).toBeVisible({ timeout: 90_000 });
    await expect(alert.getByRole('button', { name: 'Silence…' })).toBeDisabled();

    // Re-attached with an operator token: changes are allowed, and the acknowledgement lands on the ops server.
    await gotoView(page, 'Settings');
    await attachFromSettings(page, opsUrl, operator.token, ca);
    await expect(page.getByTestId('attach-badge')).toHaveText(`Ops server localhost:${new URL(opsUrl).port} · connected · operator`);
    await expect(page.getByTestId('access-role')).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Add server' })).toBeEnabled();
    await gotoView(page, 'Alerts & incidents');
    await expect(alert.getByRole('button', { name: 'Silence…' })).toBeEnabled();
    await alert.getByRole('button', { name: 'Acknowledge' }).click();
    await expect(alert.getByTestId('alert-acked')).toContainText('acknowledged by');
    await gotoView(ops, 'Alerts & incidents');
    await expect(ops.locator('[data-testid="alert"][data-rule="server-down"][data-server-name="crank-watched"]').getByTestId('alert-acked')).toContainText('acknowledged by');
    await expect.poll(() => tcpPeersOf(desk.pid).map((p) => p.remotePort)).not.toContain(s1.sshPort);

    // Through an SSH tunnel instead (s1's sshd, host key from known_hosts) to the service's loopback port.
    await gotoView(page, 'Settings');
    const panel = page.getByTestId('attach-panel');
    await panel.getByLabel(/Through an SSH tunnel/).check();
    await panel.getByLabel('SSH host').fill(s1.host);
    await panel.getByLabel('SSH port').fill(String(s1.sshPort));
    await panel.getByLabel('SSH user').fill(s1.sshUser);
    await panel.getByLabel('Private key file (empty: ssh-agent)').fill(s1.privateKeyPath);
    await attachFromSettings(page, opsUrl, viewer.token, ca);
    await expect(page.getByTestId('attach-badge')).toHaveText(`Ops server localhost:${new URL(opsUrl).port} via ${s1.host} · connected · viewer`);
    await gotoView(page, 'Fleet');
    await expect(serverRow(page, 'crank-watched')).toBeVisible();
    // Now its one SSH connection is the tunnel, and it no longer talks to the service's port directly.
    await expect.poll(() => tcpPeersOf(desk.pid).map((p) => p.remotePort)).not.toContain(Number(new URL(opsUrl).port));
    expect(tcpPeersOf(desk.pid).filter((p) => p.remotePort === s1.sshPort)).toHaveLength(1);
  } finally {
    if (gatewayStopped) await fleet.startGateway('s1');
    await opsCtx.close();
    await deskCtx.close();
    await desk.stop();
    await service.signal('SIGTERM');
  }
});
