// Issue 5 end to end, on the real headless console and the real fleet (s1 on 2026.9.6, s2 on
// 2026.9.5): first-run panel with "Watch this machine" (OpenClaw detected in the console's HOME),
// "Test connection" on typed values (all five steps, and a wrong gateway port failing at the gateway
// step), the new table columns from real data, version filter, keyboard navigation, the connection
// check in server detail, topology, the alert centre, and the dark theme. Screenshots of each view.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { attachFleet, type AttachedFleet } from './fixture/fleet-client.ts';
import type { TestServerInfo } from './fixture/test-server.ts';
import { activeAlert, expectStatus, gotoView, serverRow } from './support/console-page.ts';
import { startHeadlessApp, type HeadlessApp } from './support/headless-app.ts';

let fleet: AttachedFleet;
let app: HeadlessApp;
/** The gateway port written into the console machine's own (fake) OpenClaw config. */
const LOCAL_GATEWAY_PORT = 19555;

test.beforeAll(async () => {
  fleet = attachFleet();
  const dir = mkdtempSync(join(tmpdir(), 'ym-fv-'));
  const knownHosts = join(dir, 'known_hosts');
  writeFileSync(knownHosts, readFileSync(fleet.server('s1').knownHostsPath, 'utf8') + readFileSync(fleet.server('s2').knownHostsPath, 'utf8'));
  // The console's HOME holds an OpenClaw config, as on a machine where OpenClaw is installed.
  const home = join(dir, 'home');
  mkdirSync(join(home, '.openclaw'), { recursive: true });
  writeFileSync(join(home, '.openclaw', 'openclaw.json'), JSON.stringify({ gateway: { port: LOCAL_GATEWAY_PORT, auth: { mode: 'token', token: 'local-token-never-shown' } } }));
  app = await startHeadlessApp({ knownHosts, env: { HOME: home, OPENCLAW_STATE_DIR: '', OPENCLAW_CONFIG_PATH: '' } });
});
test.afterAll(async () => {
  await app?.stop();
});

async function fillServerForm(form: Locator, name: string, s: Pick<TestServerInfo, 'sshPort' | 'sshUser' | 'privateKeyPath' | 'gatewayPort'>) {
  await form.getByLabel('Name', { exact: true }).fill(name);
  await form.getByLabel('Host', { exact: true }).fill('127.0.0.1');
  await form.getByLabel('SSH port', { exact: true }).fill(String(s.sshPort));
  await form.getByLabel('SSH user', { exact: true }).fill(s.sshUser);
  await form.getByLabel('Private key file', { exact: true }).fill(s.privateKeyPath);
  await form.getByLabel('Gateway port', { exact: true }).fill(String(s.gatewayPort));
}

/** The check's steps as "step:ok" strings, once the expected number of steps is shown. */
async function checkSteps(scope: Locator): Promise<string[]> {
  const steps = scope.getByTestId('check-step');
  await expect(steps).toHaveCount(5, { timeout: 60_000 });
  return steps.evaluateAll((els) => els.map((e) => `${e.getAttribute('data-step')}:${e.getAttribute('data-ok')}`));
}

const shot = (page: Page, path: string) => page.screenshot({ path, fullPage: true });

test('first run, test connection, new columns, filters, keyboard, detail check, topology, alerts and dark theme', async ({ page }, testInfo) => {
  test.setTimeout(420_000); // includes waiting for the first real heartbeat run
  const s1 = fleet.server('s1');
  const s2 = fleet.server('s2');
  await page.goto(app.url);

  // First run: the panel says what is needed, and offers this machine (OpenClaw found in HOME).
  const firstRun = page.getByTestId('first-run');
  await expect(firstRun.getByRole('heading', { name: 'Add your first server' })).toBeVisible();
  await expect(firstRun).toContainText('SSH access');
  await expect(firstRun).toContainText('gateway port');
  await expect(page.getByRole('table', { name: 'Servers' })).toHaveCount(0);
  await expect(page.getByTestId('local-openclaw')).toContainText(`gateway port ${LOCAL_GATEWAY_PORT}`);
  await expect(page.locator('body')).not.toContainText('local-token-never-shown');
  await shot(page, testInfo.outputPath('1-first-run.png'));
  await page.getByRole('button', { name: 'Watch this machine' }).click();
  const form = page.getByRole('form', { name: 'Add server' });
  await expect(form.getByLabel('Host', { exact: true })).toHaveValue('127.0.0.1');
  await expect(form.getByLabel('SSH port', { exact: true })).toHaveValue('22');
  await expect(form.getByLabel('SSH user', { exact: true })).toHaveValue(userInfo().username);
  await expect(form.getByLabel('Gateway port', { exact: true })).toHaveValue(String(LOCAL_GATEWAY_PORT));

  // Test connection before saving: a wrong gateway port fails at the gateway step…
  await fillServerForm(form, 'fv-s1', { ...s1, gatewayPort: s1.gatewayPort + 1 });
  await form.getByRole('button', { name: 'Test connection' }).click();
  expect(await checkSteps(form)).toEqual(['tcp:true', 'host-key:true', 'auth:true', 'gateway:false', 'scopes:null']);
  await expect(form.locator('[data-step="gateway"]')).toContainText(`127.0.0.1:${s1.gatewayPort + 1}`);
  // …the right one passes all five, with the read scope granted by the real gateway.
  await form.getByLabel('Gateway port', { exact: true }).fill(String(s1.gatewayPort));
  await expect(form.getByTestId('check-steps')).toHaveCount(0); // old results went with the old values
  await form.getByRole('button', { name: 'Test connection' }).click();
  expect(await checkSteps(form)).toEqual(['tcp:true', 'host-key:true', 'auth:true', 'gateway:true', 'scopes:true']);
  await expect(form.locator('[data-step="scopes"]')).toContainText('operator.read');
  await shot(page, testInfo.outputPath('2-add-form-check.png'));
  await form.getByRole('button', { name: 'Add server' }).click();
  await expect(page.getByTestId('first-run')).toHaveCount(0); // the fleet shows once a server exists

  await page.getByRole('button', { name: 'Add server' }).click();
  await fillServerForm(page.getByRole('form', { name: 'Add server' }), 'fv-s2', s2);
  await page.getByRole('form', { name: 'Add server' }).getByRole('button', { name: 'Add server' }).click();

  // Both rows, the new columns filled from the real servers.
  const row1 = serverRow(page, 'fv-s1');
  const row2 = serverRow(page, 'fv-s2');
  await expectStatus(row1, 'UP');
  await expectStatus(row2, 'UP');
  await expect(row1.getByTestId('server-version')).toHaveText(/^2026\.9\.6/);
  await expect(row2.getByTestId('server-version')).toHaveText(/^2026\.9\.5/);
  for (const row of [row1, row2]) {
    await expect(row.getByTestId('server-sessions')).toHaveText(/^\d+$/);
    await expect(row.getByTestId('server-context')).toHaveText(/^(\d+ %( high| near full)?|—)$/);
    await expect(row.getByTestId('gateway-rss')).toContainText(/RSS \d+ MB/);
    await expect(row.getByTestId('server-last-probe')).toHaveText(/^\d+s ago$/);
    await expect(row.getByTestId('server-error')).toHaveText('');
    // Heartbeat cadence read from the gateway's cron jobs (every 1 min in the fixture); ran or not yet.
    const hb = row.getByTestId('server-heartbeat');
    await expect(hb).toHaveAttribute('data-every-ms', '60000');
    await expect(hb).toHaveText(/^(\d+[smh].* ago|not run yet)/);
  }
  // Last probe age ticks in the window.
  const age = async () => Number(/^(\d+)s/.exec((await row1.getByTestId('server-last-probe').textContent()) ?? '')?.[1]);
  const seen = new Set<number>();
  await expect.poll(async () => (seen.add(await age()), seen.size), { timeout: 10_000 }).toBeGreaterThan(1);

  // Version filter.
  const names = () => page.getByTestId('server-row').evaluateAll((els) => els.map((e) => e.getAttribute('data-server-name')));
  await page.getByLabel('Filter by version').selectOption('2026.9.5');
  await expect.poll(names).toEqual(['fv-s2']);
  await expect(page.getByTestId('row-count')).toHaveText('1 of 2');
  await page.getByLabel('Filter by version').selectOption('');
  await expect.poll(names).toEqual(['fv-s1', 'fv-s2']);
  await shot(page, testInfo.outputPath('3-table-light.png'));

  // Every toolbar control is reachable by Tab, in order.
  await page.getByLabel('Search servers').focus();
  for (const label of ['Filter by status', 'Filter by role', 'Filter by tag', 'Filter by version']) {
    await page.keyboard.press('Tab');
    await expect(page.getByLabel(label)).toBeFocused();
  }
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Export CSV' })).toBeFocused();

  // Keyboard: focus the first row, ArrowDown, Enter opens the detail, Escape closes it.
  await row1.focus();
  await page.keyboard.press('ArrowDown');
  await expect(row2).toBeFocused();
  await page.keyboard.press('Enter');
  const detail = page.getByTestId('server-detail');
  await expect(detail).toHaveAttribute('aria-label', 'Details of fv-s2');
  await page.keyboard.press('Escape');
  await expect(detail).toHaveCount(0);
  await expect(row2).toBeFocused();
  await page.keyboard.press('k');
  await expect(row1).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(detail).toHaveAttribute('aria-label', 'Details of fv-s1');

  // Connection check on the saved server, from its detail.
  const check = detail.getByTestId('connection-check');
  await check.getByRole('button', { name: 'Run check' }).click();
  expect(await checkSteps(check)).toEqual(['tcp:true', 'host-key:true', 'auth:true', 'gateway:true', 'scopes:true']);
  await expect(detail.getByTestId('chart-probe_ms')).not.toHaveAttribute('data-points', '0');
  await shot(page, testInfo.outputPath('4-detail-check.png'));
  await detail.getByRole('button', { name: 'Close' }).click();

  // Topology.
  await page.getByRole('tab', { name: 'Topology' }).click();
  await expect(page.locator('[data-testid="topology-server"][data-server-name="fv-s2"]')).toBeVisible();
  await shot(page, testInfo.outputPath('5-topology.png'));
  await page.getByRole('tab', { name: 'Table' }).click();

  // A server whose gateway port is wrong goes DOWN and raises an alert in the alert centre.
  await page.getByRole('button', { name: 'Add server' }).click();
  await fillServerForm(page.getByRole('form', { name: 'Add server' }), 'fv-wrong-port', { ...s1, gatewayPort: s1.gatewayPort + 1 });
  await page.getByRole('form', { name: 'Add server' }).getByRole('button', { name: 'Add server' }).click();
  await expectStatus(serverRow(page, 'fv-wrong-port'), 'DOWN');
  await expect(serverRow(page, 'fv-wrong-port').getByTestId('server-error')).toContainText('gateway-unreachable');
  await expect(page.getByTestId('server-row').first()).toHaveAttribute('data-server-name', 'fv-wrong-port'); // worst first
  await expect(page.getByTestId('fleet-counters')).toContainText('2 UP · 1 DOWN');
  await expect((await activeAlert(page, 'server-down', 'fv-wrong-port')).first()).toBeVisible();
  await shot(page, testInfo.outputPath('6-alert-centre.png'));
  await gotoView(page, 'Fleet');

  // Theme: dark on request, kept across a reload; "system" follows the OS setting.
  await page.getByLabel('Theme').selectOption('dark');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.getByLabel('Theme')).toHaveValue('dark');
  await expectStatus(serverRow(page, 'fv-s1'), 'UP', 15_000);
  // The heartbeat column with a real run: the fixture's heartbeats start within a few minutes of the
  // gateway's start; then the worst agent's age shows, from the gateway's own cron ledger.
  const hb1 = serverRow(page, 'fv-s1').getByTestId('server-heartbeat');
  await expect(hb1).toHaveText(/^\d+[sm].* ago · (main|ops)/, { timeout: 240_000 });
  await expect(hb1).toHaveAttribute('data-overdue', 'false');
  await shot(page, testInfo.outputPath('7-table-dark.png'));
  await page.getByLabel('Theme').selectOption('system');
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
});
