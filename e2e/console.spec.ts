// The walking skeleton end to end: a real OpenClaw gateway behind a real sshd, added through the UI
// of the real headless console in Chromium, seen UP with its real version, DOWN when the gateway is
// killed, UP again when it is back.
import { expect, test, type Page } from '@playwright/test';
import { attachFleet, type AttachedFleet } from './fixture/fleet-client.ts';
import { addServer, expectStatus, gotoView, openServerPage, rowAction, serverRow } from './support/console-page.ts';
import { startHeadlessApp, type HeadlessApp } from './support/headless-app.ts';

let fleet: AttachedFleet;
let app: HeadlessApp;

test.beforeAll(async () => {
  fleet = attachFleet();
  app = await startHeadlessApp({ knownHosts: fleet.server('s1').knownHostsPath });
});
test.afterAll(async () => {
  await app?.stop();
});

test('add a real server through the UI, see it UP, DOWN when the gateway dies, UP when it is back', async ({ page }, testInfo) => {
  const s1 = fleet.server('s1');
  // The version string the server itself reports, to compare with what the console shows.
  const versionRun = await fleet.runAsUser('s1', 'openclaw --version');
  const realVersion = /OpenClaw (\S+)/.exec(versionRun.stdout)?.[1];
  expect(realVersion, versionRun.stdout + versionRun.stderr).toBeTruthy();

  await page.goto(app.url);
  await expect(page.getByText('No servers yet')).toBeVisible();
  await expect(page).not.toHaveURL(/token=/); // the token leaves the address bar at once
  await addServer(page, 'e2e-s1', s1);

  const row = serverRow(page, 'e2e-s1');
  await expectStatus(row, 'UP');
  await expect(row.getByTestId('server-version')).toHaveText(realVersion!);
  for (const agent of s1.agents) await expect(row.locator(`[data-testid="agent"][data-agent-id="${agent}"]`)).toBeVisible();
  // Facts came over the gateway WebSocket (token read over SSH), not only the CLI.
  await expect(row.getByTestId('server-gateway')).toHaveAttribute('data-via', 'websocket');
  await expect(row.getByTestId('gateway-rss')).toContainText(/RSS \d+ MB/);
  await page.screenshot({ path: testInfo.outputPath('1-up.png'), fullPage: true });

  await fleet.stopGateway('s1', 'SIGKILL');
  try {
    await expectStatus(row, 'DOWN');
    await expect(row.getByTestId('server-error')).toContainText('gateway-unreachable');
    await expect(row.getByTestId('server-version')).toHaveText(realVersion!); // last known, kept while down
    await page.screenshot({ path: testInfo.outputPath('2-down.png'), fullPage: true });
  } finally {
    await fleet.startGateway('s1');
  }
  await expectStatus(row, 'UP');
  await expect(row.getByTestId('server-error')).toBeEmpty();
  await page.screenshot({ path: testInfo.outputPath('3-up-again.png'), fullPage: true });

  // Detail: the real outage in the status timeline, with its length, and charts drawn from history.
  const cspViolations: string[] = [];
  page.on('console', (m) => m.type() === 'error' && /Content Security Policy/i.test(m.text()) && cspViolations.push(m.text()));
  const detail = await openServerPage(page, 'e2e-s1');
  await expect(detail.locator('[data-testid="transition"][data-to="DOWN"]')).toBeVisible();
  await expect(detail.locator('[data-testid="transition"][data-to="UP"]').first().getByTestId('outage')).toHaveText(/\d+s/);
  await expect(detail.getByTestId('chart-probe_ms')).not.toHaveAttribute('data-points', '0');
  await expect(detail.getByTestId('chart-probe_ms').locator('svg path.recharts-line-curve')).toBeVisible();
  await expect(detail.getByTestId('heartbeats')).toContainText('main');
  await page.screenshot({ path: testInfo.outputPath('4-detail.png'), fullPage: true });
  expect(cspViolations).toEqual([]);

  // The state survives a page reload (it comes from the core, not the page), and so does the page's address.
  await page.reload();
  await expectStatus(page.getByTestId('server-header'), 'UP', 10_000);
  await gotoView(page, 'Fleet');
  await expectStatus(serverRow(page, 'e2e-s1'), 'UP', 10_000);
});

test('a server name full of HTML is shown as text, never run', async ({ page }) => {
  const s1 = fleet.server('s1');
  const hostile = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
  await page.goto(app.url);
  await page.getByRole('button', { name: 'Add server' }).first().click();
  // Same host and ports as e2e-s1 would clash; use another gateway port, which is down: fine here.
  await addServer(page, hostile, { ...s1, gatewayPort: s1.gatewayPort + 1 });
  const row = serverRow(page, hostile);
  await expect(row.locator('.server-name')).toHaveText(hostile);
  await expectStatus(row, 'DOWN');
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(await row.locator('img').count()).toBe(0);
});

test('an unknown host key is refused with its fingerprint shown, and trusted only when the operator says so', async ({ page }) => {
  const s1 = fleet.server('s1');
  const emptyKnownHosts = `${app.dataDir}/empty_known_hosts`;
  (await import('node:fs')).writeFileSync(emptyKnownHosts, '');
  const other = await startHeadlessApp({ knownHosts: emptyKnownHosts });
  try {
    await page.goto(other.url);
    await addServer(page, 'unknown-key', s1);
    const row = serverRow(page, 'unknown-key');
    await expectStatus(row, 'DOWN');
    const error = row.getByTestId('server-error');
    await expect(error).toContainText('host-key-unknown');
    // The fingerprint shown is the real server's host key.
    const { createHash } = await import('node:crypto');
    const expected = `SHA256:${createHash('sha256').update(Buffer.from(s1.hostPublicKey.split(' ')[1]!, 'base64')).digest('base64').replace(/=+$/, '')}`;
    await expect(error).toContainText(expected);
    page.once('dialog', (d) => void d.accept());
    await row.getByRole('button', { name: 'Trust this key' }).click();
    await expectStatus(row, 'UP');
    // Trusted into Yardmaster's own file, never the user's known_hosts.
    expect((await import('node:fs')).readFileSync(emptyKnownHosts, 'utf8')).toBe('');
    expect((await import('node:fs')).readFileSync(`${other.dataDir}/known_hosts`, 'utf8')).toContain(s1.hostPublicKey.split(' ')[1]!);
  } finally {
    await other.stop();
  }
});

test('edit a server, put it in maintenance and pause it', async ({ page }) => {
  const s1 = fleet.server('s1');
  const editApp = await startHeadlessApp({ knownHosts: s1.knownHostsPath });
  try {
    await page.goto(editApp.url);
    await addServer(page, 'editable', s1);
    const row = serverRow(page, 'editable');
    await expectStatus(row, 'UP');
    await rowAction(row, 'Edit');
    const form = page.getByRole('form', { name: 'Edit server' });
    await form.getByLabel('Name', { exact: true }).fill('edited');
    await form.getByLabel('Role', { exact: true }).fill('communications');
    await form.getByLabel('Tags', { exact: true }).fill('eu, prod');
    await form.getByRole('button', { name: 'Save changes' }).click();
    const edited = serverRow(page, 'edited');
    await expect(edited.getByTestId('server-role')).toHaveText(/communications.*eu.*prod/);
    // Topology: the server sits in its role's group, with its agents.
    const csp: string[] = [];
    page.on('console', (m) => m.type() === 'error' && /Content Security Policy/i.test(m.text()) && csp.push(m.text()));
    await page.getByRole('tab', { name: 'Topology' }).click();
    const group = page.locator('[data-testid="topology-group"][data-role="communications"]');
    const card = group.locator('[data-testid="topology-server"][data-server-name="edited"]');
    await expect(card).toBeVisible();
    for (const agent of s1.agents) await expect(card.locator(`[data-testid="topology-agent"][data-agent-id="${agent}"]`)).toBeVisible();
    await expect(page.locator('[data-testid="topology-group"][data-role="ops"]')).toContainText('No server has the role');
    expect(csp).toEqual([]);
    await page.getByRole('tab', { name: 'Table' }).click();
    await rowAction(edited, 'Maintenance');
    await expectStatus(edited, 'MAINTENANCE', 20_000);
    await rowAction(edited, 'End maintenance');
    await expectStatus(edited, 'UP', 20_000);
    await rowAction(edited, 'Pause');
    await expectStatus(edited, 'PAUSED', 10_000);
    // The change survives a restart of the console (settings file).
    await editApp.stop();
    const again = await startHeadlessApp({ knownHosts: s1.knownHostsPath, dataDir: editApp.dataDir });
    try {
      await page.goto(again.url);
      await expect(serverRow(page, 'edited').getByTestId('server-role')).toHaveText(/communications/);
      await expectStatus(serverRow(page, 'edited'), 'PAUSED', 10_000);
    } finally {
      await again.stop();
    }
  } finally {
    await editApp.stop().catch(() => {});
  }
});

test('the console WebSocket refuses a wrong token and a foreign origin', async ({ page, browser }) => {
  // Wrong token: the page says so instead of showing data.
  await page.goto(`${app.origin}/#token=wrong-token-wrong-token-wrong`);
  await expect(page.getByTestId('connection-banner')).toContainText('refused', { timeout: 15_000 });

  // A foreign site that knows the token still cannot connect (cross-site WebSocket hijacking).
  const { createServer } = await import('node:http');
  const evil = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end('<!doctype html><title>evil</title>');
  });
  await new Promise<void>((r) => evil.listen(0, '127.0.0.2', () => r()));
  try {
    const port = (evil.address() as { port: number }).port;
    const evilPage = await browser.newPage();
    await evilPage.goto(`http://127.0.0.2:${port}/`);
    const outcome = await evilPage.evaluate(
      ({ wsUrl, token }) =>
        new Promise<string>((resolve) => {
          const ws = new WebSocket(wsUrl, ['yardmaster.v1', `yardmaster.token.${token}`]);
          ws.onopen = () => resolve('open');
          ws.onerror = () => resolve('refused');
        }),
      { wsUrl: `${app.origin.replace('http', 'ws')}/rpc`, token: app.token },
    );
    expect(outcome).toBe('refused');
    // And the right page with the right token does connect.
    await page.goto(app.url);
    await expect(page.getByTestId('connection-banner')).toHaveCount(0, { timeout: 15_000 });
    await evilPage.close();
  } finally {
    evil.close();
  }
});

test('CLI-only access reads the real gateway through `openclaw` over SSH', async ({ page }) => {
  const s1 = fleet.server('s1');
  const cliApp = await startHeadlessApp({ knownHosts: s1.knownHostsPath });
  try {
    await page.goto(cliApp.url);
    // The state dir named explicitly (as for a non-default OPENCLAW_STATE_DIR): the CLI gets it too.
    await page.getByRole('form', { name: 'Add server' }).getByLabel('OpenClaw state dir', { exact: true }).fill(s1.stateDir);
    await addServer(page, 'cli-only', s1, 'cli');
    const row = serverRow(page, 'cli-only');
    await expectStatus(row, 'UP');
    await expect(row.getByTestId('server-gateway')).toHaveAttribute('data-via', 'cli');
    await expect(row.getByTestId('server-version')).toHaveText(s1.openclawVersion);
    for (const agent of s1.agents) await expect(row.locator(`[data-testid="agent"][data-agent-id="${agent}"]`)).toContainText('every 1m');
    // Heartbeat jobs and sessions come through the CLI too (`cron list`, `sessions`), metadata only.
    const heartbeats = (await openServerPage(page, 'cli-only')).getByTestId('heartbeats');
    for (const agent of s1.agents) await expect(heartbeats.locator('td.agent-id', { hasText: agent })).toBeVisible();
  } finally {
    await cliApp.stop();
  }
});

test('a hung gateway (SIGSTOP) is named as unresponsive, and recovers', async ({ page }) => {
  await faultRoundTrip(page, 'hung-s1', 'gateway-unresponsive', () => fleet.pauseGateway('s1'), () => fleet.resumeGateway('s1'));
});

test('a fleet with version skew: the 2026.9.5 server is read over the same WebSocket path, flagged, filtered and exported', async ({ page }) => {
  const s1 = fleet.server('s1');
  const s2 = fleet.server('s2');
  const { mkdtempSync, writeFileSync, readFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const kh = `${mkdtempSync(`${tmpdir()}/ym-kh-`)}/known_hosts`;
  writeFileSync(kh, readFileSync(s1.knownHostsPath, 'utf8') + readFileSync(s2.knownHostsPath, 'utf8'));
  const skewApp = await startHeadlessApp({ knownHosts: kh });
  try {
    await page.goto(skewApp.url);
    await addServer(page, 'old-s2', s2);
    const row = serverRow(page, 'old-s2');
    await expectStatus(row, 'UP');
    await expect(row.getByTestId('server-version')).toContainText('2026.9.5');
    await expect(row.getByTestId('server-gateway')).toHaveAttribute('data-via', 'websocket');
    for (const agent of s2.agents) await expect(row.locator(`[data-testid="agent"][data-agent-id="${agent}"]`)).toBeVisible();

    // Two more on 2026.9.6 make it the fleet's majority: the old one is flagged.
    for (const name of ['new-a', 'new-b']) {
      await page.getByRole('button', { name: 'Add server' }).first().click();
      await addServer(page, name, { ...s1, gatewayPort: name === 'new-a' ? s1.gatewayPort : s1.gatewayPort + 7 });
    }
    await expectStatus(serverRow(page, 'new-a'), 'UP');
    await expect(row.getByTestId('version-skew')).toHaveText('fleet runs 2026.9.6');

    // Sort: worst status first puts the unreachable one on top; by name, alphabetical.
    await expect(page.getByTestId('server-row').first()).toHaveAttribute('data-server-name', 'new-b', { timeout: 30_000 });
    await page.getByRole('button', { name: /^Server/ }).click();
    const names = () => page.getByTestId('server-row').evaluateAll((els) => els.map((e) => e.getAttribute('data-server-name')));
    await expect.poll(names).toEqual(['new-a', 'new-b', 'old-s2']);
    // Search and filter.
    await page.getByLabel('Search servers').fill('9.5');
    await expect(page.getByTestId('server-row')).toHaveCount(1);
    await page.getByLabel('Search servers').fill('');
    await page.getByLabel('Filter by status').selectOption('DOWN');
    await expect.poll(names).toEqual(['new-b']);
    await page.getByLabel('Filter by status').selectOption('');
    // CSV of the current view.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export CSV' }).click();
    const csv = readFileSync(await (await download).path(), 'utf8').trim().split('\r\n');
    expect(csv[0]).toBe(
      'name,status,role,tags,host,version,agents,sessions,worst_context_fill,rss_mb,last_check,problem,heartbeat_agent,heartbeat_last_run,heartbeat_every_s,heartbeat_overdue',
    );
    expect(csv.slice(1).map((l) => l.split(',').slice(0, 2).join(','))).toEqual(['new-a,UP', 'new-b,DOWN', 'old-s2,UP']);
    expect(csv.find((l) => l.startsWith('old-s2'))).toContain('2026.9.5');
  } finally {
    await skewApp.stop();
  }
});

test('import a host from ~/.ssh/config and watch it', async ({ page }) => {
  const s1 = fleet.server('s1');
  const { mkdtempSync, writeFileSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const dir = mkdtempSync(`${tmpdir()}/ym-sshconfig-`);
  writeFileSync(
    `${dir}/config`,
    `Host fixture-s1\n  HostName 127.0.0.1\n  Port ${s1.sshPort}\n  User ${s1.sshUser}\n  IdentityFile ${s1.privateKeyPath}\n\nHost *.template\n  User nobody\n`,
  );
  const importApp = await startHeadlessApp({ knownHosts: s1.knownHostsPath, extraArgs: ['--ssh-config', `${dir}/config`] });
  try {
    await page.goto(importApp.url);
    await page.getByRole('button', { name: 'Import from SSH config' }).click();
    const hosts = page.getByTestId('ssh-config-host');
    await expect(hosts).toHaveCount(1);
    await hosts.filter({ hasText: 'fixture-s1' }).getByRole('button', { name: 'Use' }).click();
    const form = page.getByRole('form', { name: 'Add server' });
    await expect(form.getByLabel('SSH port', { exact: true })).toHaveValue(String(s1.sshPort));
    await form.getByLabel('Gateway port', { exact: true }).fill(String(s1.gatewayPort));
    await form.getByRole('button', { name: 'Add server' }).click();
    await expectStatus(serverRow(page, 'fixture-s1'), 'UP');
  } finally {
    await importApp.stop();
  }
});

test('sshd down while the gateway runs is named ssh-unreachable, and the connection comes back', async ({ page }) => {
  await faultRoundTrip(page, 'ssh-fault', 'ssh-unreachable', () => fleet.stopSshd('s1'), () => fleet.startSshd('s1'));
});

/** Watches s1 in a fresh console, injects a fault, expects DOWN with the named error, recovers, expects UP. */
async function faultRoundTrip(page: Page, name: string, errorKind: string, inject: () => Promise<void>, recover: () => Promise<void>): Promise<void> {
  const s1 = fleet.server('s1');
  const faultApp = await startHeadlessApp({ knownHosts: s1.knownHostsPath });
  try {
    await page.goto(faultApp.url);
    await addServer(page, name, s1);
    const row = serverRow(page, name);
    await expectStatus(row, 'UP');
    await inject();
    try {
      await expectStatus(row, 'DOWN');
      await expect(row.getByTestId('server-error')).toContainText(errorKind);
    } finally {
      await recover();
    }
    await expectStatus(row, 'UP');
  } finally {
    await faultApp.stop();
  }
}
