// One pass through the Rollouts wizard in Chromium against a real gateway behind a real sshd, with a
// screenshot of each page: target → servers (service manager form, shell syntax refused) → plan →
// typed confirmation → live progress → halted. The canary's stop command fails on purpose, so the
// pass is cheap (no real update) and shows a failing canary halting the rollout.
import fs from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gotoView } from './support/console-page.ts';
import { expect, test } from '@playwright/test';
import { startTestFleet, type TestFleet } from './fixture/test-fleet.ts';
import type { ServerConfig, ServerView } from '../src/shared/domain.ts';
import { startHeadlessApp, type HeadlessApp } from './support/headless-app.ts';
import { connectRpc, type RpcClient } from './support/rpc-client.ts';
import { makeServiceManaged, type ManagedServer } from './support/service-managed.ts';

let fleet: TestFleet;
let managed: ManagedServer;
let app: HeadlessApp;
let rpc: RpcClient;

test.beforeAll(async () => {
  test.setTimeout(600_000);
  const root = mkdtempSync(path.join(tmpdir(), 'ym-e2e-rollout-ui-'));
  fs.chmodSync(root, 0o755);
  fleet = await startTestFleet({ root, servers: [{ name: 'rui', openclawVersion: '2026.9.5' }] });
  managed = await makeServiceManaged(fleet.server('rui'), '2026.9.5');
  app = await startHeadlessApp({ knownHosts: fleet.server('rui').info.knownHostsPath, pollInterval: '5s' });
  rpc = await connectRpc(app);
});

test.afterAll(async () => {
  rpc?.close();
  await app?.stop().catch(() => {});
  await fleet?.stop();
});

test('the rollout wizard: plan, typed confirmation, live progress, a failing canary halts', async ({ page }) => {
  test.setTimeout(600_000);
  const shot = (name: string) => page.screenshot({ path: test.info().outputPath(`rollout-${name}.png`), fullPage: true });
  const s = fleet.server('rui').info;
  const added = await rpc.ok<ServerConfig>('servers.add', { name: 'rui', host: '127.0.0.1', sshPort: s.sshPort, sshUser: s.sshUser, privateKeyPath: s.privateKeyPath, gatewayPort: s.gatewayPort });
  await expect.poll(async () => (await rpc.ok<ServerView[]>('servers.list')).find((v) => v.config.id === added.id)?.snapshot?.status, { timeout: 120_000 }).toBe('UP');

  await page.goto(app.url);
  await gotoView(page, 'Rollouts');
  await page.getByRole('button', { name: 'New rollout' }).click();
  const wizard = page.getByTestId('rollout-wizard');
  await expect(wizard.getByRole('cell', { name: '2026.9.5' })).toBeVisible();
  await wizard.getByLabel('Target version').fill('2026.9.6');
  await shot('1-target');
  await wizard.getByRole('button', { name: 'Next: servers' }).click();

  // How the gateway is run: shell syntax is refused with the field named, then plain commands are kept.
  await wizard.getByRole('button', { name: 'Set how rui is run' }).click();
  const form = wizard.getByRole('form', { name: 'Service manager of rui' });
  await form.getByLabel('start command').fill(`${managed.service.start}; curl evil`);
  await form.getByLabel('stop command').fill('/bin/false');
  await form.getByLabel('status command').fill(managed.service.status);
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByText(/shell syntax/)).toBeVisible();
  await shot('2-servers-refused');
  await form.getByLabel('start command').fill(managed.service.start);
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(wizard.getByText(`custom: ${managed.service.start}`)).toBeVisible();
  await wizard.getByLabel('Bake per wave (min)').fill('0');
  await shot('2-servers');
  await wizard.getByRole('button', { name: 'Next: plan' }).click();

  const plan = page.getByTestId('rollout-plan');
  await expect(plan.getByTestId('plan-row')).toHaveCount(1);
  await expect(plan.getByText(/Reinstalls 2026\.9\.5 and restores the state backup/)).toBeVisible();
  await expect(plan.getByTestId('rollout-estimate')).toContainText('min');
  await shot('3-plan');
  await wizard.getByRole('button', { name: 'Next: confirm' }).click();

  const startButton = wizard.getByRole('button', { name: 'Start rollout' });
  await wizard.getByLabel('Confirmation').fill('update 1 server');
  await expect(startButton).toBeDisabled();
  await wizard.getByLabel('Confirmation').fill('update 1 server to 2026.9.6');
  await shot('4-confirm');
  await startButton.click();

  const progress = page.getByTestId('rollout-progress');
  await expect(progress).toBeVisible();
  await shot('5-progress');
  await expect(progress).toHaveAttribute('data-state', 'halted', { timeout: 180_000 });
  const row = progress.getByTestId('rollout-server');
  await expect(row).toHaveAttribute('data-state', 'failed');
  await expect(row).toContainText('stop-failed');
  await expect(progress.getByRole('button', { name: 'Retry' })).toBeVisible();
  await page.getByText(/Every step/).click();
  await expect(page.getByTestId('rollout-steps')).toContainText('precheck');
  await shot('6-halted');

  // Nothing was changed on the server: same version, the gateway still running.
  const snap = await rpc.ok<{ status: string; version: string | null }>('servers.probeNow', { id: added.id });
  expect([snap.status, snap.version]).toEqual(['UP', '2026.9.5']);
  // Abort (two clicks) and the history shows it.
  await progress.getByRole('button', { name: 'Abort' }).click();
  await progress.getByRole('button', { name: 'Confirm: Abort' }).click();
  await expect(page.getByTestId('rollout-history')).toContainText('aborted');
  await shot('7-history');
});
