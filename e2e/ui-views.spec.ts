// The window as an ops tool (issue 12) against two real gateways: navigation by URL, the server
// page and its header, honest charts after a real outage, alerts on rows and topology, live alert
// facts, pausing that keeps an alert (stale), incidents with TTR, Settings with field-level errors,
// SSH-config import that marks watched hosts, compact rows, and every view screenshotted at two
// sizes in both themes and checked with axe-core (no serious or critical violations).
import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { attachFleet } from './fixture/fleet-client.ts';
import { activeAlert, addServer, expectStatus, gotoView, knownHostsFor, openServerPage, rowAction, serverRow, type ViewLabel } from './support/console-page.ts';
import { startHeadlessApp } from './support/headless-app.ts';

const AXE_SOURCE = readFileSync(join(process.cwd(), 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
const SIZES = [
  [1280, 720],
  [1440, 900],
] as const;

/** axe-core on the page as it is now; returns the serious and critical violations, described. */
async function seriousViolations(page: Page): Promise<string[]> {
  // Evaluated over the DevTools protocol: the console's CSP (script-src 'self') rightly refuses an injected <script>.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<{ violations: Array<{ id: string; impact: string | null; nodes: Array<{ target: unknown[] }> }> }> } }).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)) }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.impact} ${v.id}: ${v.targets.join(' ')}`);
}

/** Screenshots at both sizes in both themes, and an axe pass in each theme. */
async function captureView(page: Page, name: string, outputPath: (n: string) => string): Promise<void> {
  for (const theme of ['light', 'dark'] as const) {
    await page.getByLabel('Theme').selectOption(theme);
    await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
    for (const [w, h] of SIZES) {
      await page.setViewportSize({ width: w, height: h });
      await page.screenshot({ path: outputPath(`views/${name}-${w}x${h}-${theme}.png`) });
    }
    expect(await seriousViolations(page), `${name} (${theme})`).toEqual([]);
  }
  await page.getByLabel('Theme').selectOption('light');
  await page.setViewportSize({ width: 1440, height: 900 });
}

test('the ops views: navigation, server page, honest charts, alerts where the eye is, settings, screenshots and accessibility', async ({ page }, testInfo) => {
  test.setTimeout(12 * 60_000);
  await page.setViewportSize({ width: 1440, height: 900 });
  const fleet = attachFleet();
  const s1 = fleet.server('s1');
  const s2 = fleet.server('s2');
  const dir = mkdtempSync(join(tmpdir(), 'ym-ui-sshconfig-'));
  writeFileSync(
    join(dir, 'config'),
    `Host fixture-s1\n  HostName 127.0.0.1\n  Port ${s1.sshPort}\n  User ${s1.sshUser}\n  IdentityFile ${s1.privateKeyPath}\n\nHost fixture-s2\n  HostName 127.0.0.1\n  Port ${s2.sshPort}\n  User ${s2.sshUser}\n  IdentityFile ${s2.privateKeyPath}\n`,
  );
  const app = await startHeadlessApp({ knownHosts: knownHostsFor(s1, s2), extraArgs: ['--alert-hold-down', '3s', '--ssh-config', join(dir, 'config')] });
  const out = (n: string) => testInfo.outputPath(n);
  try {
    await page.goto(app.url);
    // Finding 11: the SSH-config import sits above the add form, not under its 13 fields.
    const importButton = page.getByRole('button', { name: 'Import from SSH config' });
    const form = page.getByRole('form', { name: 'Add server' });
    expect(await importButton.evaluate((b, f) => !!(b.compareDocumentPosition(f!) & Node.DOCUMENT_POSITION_FOLLOWING), await form.elementHandle())).toBe(true);
    await addServer(page, 'ui-s1', s1);
    await expectStatus(serverRow(page, 'ui-s1'), 'UP');
    await page.getByRole('button', { name: 'Add server' }).click();
    await page.getByRole('button', { name: 'Import from SSH config' }).click();
    // Finding 11: hosts already watched are marked and cannot be ticked; several can be added at once.
    const watched = page.locator('[data-testid="ssh-config-host"][data-alias="fixture-s1"]');
    await expect(watched).toHaveAttribute('data-watched', 'true');
    await expect(watched).toContainText('already watched as ui-s1');
    await expect(watched.getByRole('checkbox')).toBeDisabled();
    const other = page.locator('[data-testid="ssh-config-host"][data-alias="fixture-s2"]');
    await other.getByRole('checkbox').check();
    await page.getByLabel('Gateway port for the selected hosts').fill(String(s2.gatewayPort));
    await page.getByRole('button', { name: 'Add 1 selected' }).click();
    await expect(other).toContainText('added');
    await page.keyboard.press('Escape');
    await expect(form).toHaveCount(0);
    const row1 = serverRow(page, 'ui-s1');
    const row2 = serverRow(page, 'fixture-s2');
    await expectStatus(row2, 'UP');

    // Finding 12: counters, compact rows (no prose, one line), actions in a menu, a probe strip.
    await expect(page.getByTestId('fleet-counters')).toContainText('2 UP');
    for (const row of [row1, row2]) {
      expect((await row.boundingBox())!.height).toBeLessThanOrEqual(44);
      await expect(row.getByRole('button', { name: 'Remove' })).toHaveCount(0);
      await expect(row.getByTestId('status-strip')).not.toHaveAttribute('data-probes', '0');
    }
    const barHeight = (await page.getByTestId('alert-bar').boundingBox())!.height;

    // A real outage on s1.
    await fleet.stopGateway('s1', 'SIGKILL');
    try {
      await expectStatus(row1, 'DOWN');
      // Finding 3: the crash shows on its row and on the topology, not only in an alert box.
      await expect(row1.getByTestId('server-error')).toContainText('gateway-unreachable');
      await expect(row1.getByTestId('status-strip')).not.toHaveAttribute('data-failed', '0');
      await expect(page.getByTestId('fleet-counters')).toContainText('1 UP · 1 DOWN');
      // Finding 10: the alert bar keeps its height when alerts arrive (nothing is pushed down).
      await expect(page.getByTestId('alert-bar')).toContainText('1 critical');
      expect((await page.getByTestId('alert-bar').boundingBox())!.height).toBe(barHeight);
      await page.getByRole('tab', { name: 'Topology' }).click();
      const card = page.locator('[data-testid="topology-server"][data-server-name="ui-s1"]');
      await expect(card.getByTestId('topology-alert')).toHaveAttribute('data-rule', 'server-down');
      await expect(card.locator('[data-testid="topology-agent"]').first()).toHaveAttribute('data-health', 'unknown');
      await expect(card.locator('.agent-word').first()).toHaveText('?'); // the state in words, not colour alone
      await expect(page.getByRole('list', { name: 'Agent states' })).toBeVisible();
      await captureView(page, 'fleet-topology', out);
      await page.getByRole('tab', { name: 'Table' }).click();
      await captureView(page, 'fleet-table', out);

      // Finding 4: the alert shows live facts beside its summary.
      const down = await activeAlert(page, 'server-down', 'ui-s1');
      await expect(down.getByTestId('alert-live')).toContainText('now DOWN since');
      await captureView(page, 'alerts', out);
      // Finding 8: pausing the server keeps its alert, shown as paused and stale.
      await gotoView(page, 'Fleet');
      await rowAction(row1, 'Pause');
      await expectStatus(row1, 'PAUSED', 10_000);
      await expect(row1.getByTestId('server-last-probe')).toContainText('paused');
      await gotoView(page, 'Alerts & incidents');
      await expect(down).toHaveAttribute('data-state', 'stale');
      await expect(down.getByTestId('alert-stale')).toContainText('paused, stale');
      await gotoView(page, 'Fleet');
      await rowAction(row1, 'Resume');
    } finally {
      await fleet.startGateway('s1');
    }
    await expectStatus(row1, 'UP');

    // Finding 2: the outage is an incident with its time to recover, and in the history with its duration.
    await gotoView(page, 'Alerts & incidents');
    // Only this outage's alert: the shared fleet may carry other specs' sessions (e.g. a bloated one) whose alerts are real.
    await expect(await activeAlert(page, 'server-down', 'ui-s1')).toHaveCount(0, { timeout: 60_000 });
    const incident = page.locator('[data-testid="incident"][data-server-name="ui-s1"][data-state="resolved"]');
    await expect(incident.getByTestId('incident-ttr')).toHaveText(/^\d+[sm]/);
    await expect(page.locator('[data-testid="history-row"][data-server-name="ui-s1"][data-rule="server-down"][data-state="resolved"]').getByTestId('history-duration')).toHaveText(/^\d+[sm]/);
    await expect(page.getByRole('button', { name: /^Acknowledge all/ })).toBeDisabled();

    // Finding 5: the server page has its own URL and a header above timeline, charts and the rest.
    await gotoView(page, 'Fleet');
    const href = await row1.getByRole('link', { name: 'Details of ui-s1' }).getAttribute('href');
    expect(href).toMatch(/^#\/servers\/[0-9a-f-]+$/);
    await page.goto(`${app.origin}/${href}`);
    const detail = page.getByTestId('server-detail');
    await expect(detail).toHaveAttribute('aria-label', 'Details of ui-s1');
    const header = detail.getByTestId('server-header');
    await expect(header.getByTestId('server-status')).toHaveAttribute('data-status', 'UP');
    await expect(header.getByTestId('status-since')).toContainText('UP for');
    await expect(header.getByTestId('header-version')).toHaveText(s1.openclawVersion);
    await expect(header.getByTestId('uptime-24h')).toHaveText(/^\d{1,2}\.\d\d %$/); // below 100 %: the outage counts
    await expect(header.getByTestId('header-alerts')).toHaveText('none');
    await expect(header.getByTestId('header-last-probe')).toContainText('ago');
    const order = await detail.evaluate((root) =>
      ['server-header', 'status-bar', 'chart-probe_ms', 'heartbeats', 'connection-check'].map((id) => [...root.querySelectorAll('[data-testid]')].findIndex((e) => e.getAttribute('data-testid') === id)),
    );
    expect(order.every((i, k) => i >= 0 && (k === 0 || i > order[k - 1]!)), JSON.stringify(order)).toBe(true);
    // Finding 6: failed probes are failures (not latency), the outage is a band, the axis is the range.
    const probeChart = detail.getByTestId('chart-probe_ms');
    await expect(probeChart).not.toHaveAttribute('data-failures', '0');
    await expect(probeChart.locator('.recharts-reference-area').first()).toBeAttached();
    await expect(probeChart).toContainText('failed probes, incl. timeouts');
    await expect(detail.getByTestId('status-bar').locator('[data-status="DOWN"]').first()).toBeAttached();
    const ticks = () => probeChart.locator('.recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value').allTextContents();
    await detail.getByRole('group', { name: 'Chart range', exact: true }).getByRole('button', { name: '1 h' }).click();
    await expect.poll(ticks).toHaveLength(6);
    const hourTicks = await ticks();
    await detail.getByRole('group', { name: 'Chart range', exact: true }).getByRole('button', { name: '30 d' }).click();
    await expect.poll(ticks).not.toEqual(hourTicks);
    await detail.getByRole('group', { name: 'Chart range', exact: true }).getByRole('button', { name: '3 h' }).click();
    // Finding 10: "Next" is never a time in the past.
    for (const next of await detail.getByTestId('heartbeat-next').allTextContents()) expect(next).toMatch(/^(in \S|overdue by |—)/);
    await captureView(page, 'server-page', out);
    // Finding 1: no exponent and no "-0.0" anywhere a number is shown.
    expect(await page.locator('main').innerText()).not.toMatch(/\de[+-]\d|-0\.0\b|NaN|Infinity/);

    // Sessions: the heat-map names its colours and has a time axis; numbers are readable.
    await gotoView(page, 'Sessions');
    await expect(page.getByTestId('sessions-view')).toBeVisible();
    if (await page.getByTestId('fill-heatmap').isVisible()) {
      await expect(page.getByTestId('heatmap-legend')).toContainText('no data');
      await expect(page.getByTestId('heatmap-axis')).toBeAttached();
    }
    expect(await page.locator('main').innerText()).not.toMatch(/\de[+-]\d|-0\.0\b|NaN|Infinity/);
    await captureView(page, 'sessions', out);
    await gotoView(page, 'Config');
    await captureView(page, 'config', out);

    // Finding 7 and Settings: field-level errors in words, saved without a restart.
    await gotoView(page, 'Settings');
    const settings = page.getByRole('form', { name: 'Polling and alerting' });
    await expect(settings.getByText('Set on the command line for this run').first()).toBeVisible(); // --poll-interval 2s
    await settings.getByLabel('Poll interval (seconds)').fill('1');
    await expect(settings.getByTestId('settings-field-error')).toHaveText('Poll interval: at least 2 s');
    await settings.getByLabel('Poll interval (seconds)').fill('2');
    await settings.getByLabel('Repeats').fill('3');
    // Alert thresholds sit beside the intervals, validated the same way.
    await settings.getByLabel('Session fill warning (percent)').fill('120');
    await expect(settings.getByTestId('settings-field-error')).toHaveText('Session fill: at most 99%');
    await settings.getByLabel('Session fill warning (percent)').fill('80');
    await settings.getByRole('button', { name: 'Save settings' }).click();
    await expect(settings.getByTestId('settings-saved')).toBeVisible();
    await page.reload();
    await expect(page.getByRole('form', { name: 'Polling and alerting' }).getByLabel('Repeats')).toHaveValue('3');
    await expect(page.getByRole('form', { name: 'Polling and alerting' }).getByLabel('Session fill warning (percent)')).toHaveValue('80');
    await page.locator('.webhooks summary').click();
    const hook = page.getByRole('form', { name: 'Add webhook' });
    await hook.getByLabel('Name').fill('pager');
    await hook.getByLabel('URL').fill('ftp://not-a-webhook');
    await hook.getByRole('button', { name: 'Add webhook' }).click();
    await expect(hook.locator('.field-error')).toHaveText('URL: an http(s) URL');
    // Finding 12: an email label stays beside its input.
    await page.getByTestId('email-panel').locator('summary').click();
    await page.getByRole('button', { name: 'Set up alert email' }).click();
    const mail = page.getByRole('form', { name: 'Alert email' });
    for (const label of ['SMTP host', 'To (comma-separated)', 'Send']) {
      const l = (await mail.getByText(label, { exact: true }).boundingBox())!;
      const input = (await mail.getByLabel(label, { exact: true }).boundingBox())!;
      expect(Math.abs(l.y + l.height / 2 - (input.y + input.height / 2)), label).toBeLessThan(12);
      expect(input.x, label).toBeGreaterThan(l.x + l.width - 1);
    }
    await captureView(page, 'settings', out);

    // The action views are real views now (no placeholder left); each gets its screenshots and axe pass.
    for (const [label, file] of [
      ['Rollouts', 'rollouts'],
      ['Hygiene', 'hygiene'],
      ['Reports', 'reports'],
    ] as Array<[ViewLabel, string]>) {
      await gotoView(page, label);
      await expect(page.getByTestId('placeholder-view')).toHaveCount(0);
      await captureView(page, file, out);
    }
    // Back and forward work like any address.
    await page.goBack();
    await expect(page).toHaveURL(/#\/hygiene$/);
    await expect(page.getByTestId('hygiene-view')).toBeVisible();
    // A server page from the keyboard and back: Escape returns to the fleet with the row focused.
    await gotoView(page, 'Fleet');
    await openServerPage(page, 'fixture-s2');
    await page.keyboard.press('Escape');
    await expect(row2).toBeFocused();

    // Finding 2, an hour later (the window's clock moved on; the core's record is what it was): the
    // outage is still an incident with its time to recover, and in the history with its duration.
    await page.clock.setFixedTime(Date.now() + 60 * 60_000);
    await page.reload();
    await gotoView(page, 'Alerts & incidents');
    await expect(page.locator('[data-testid="incident"][data-server-name="ui-s1"][data-state="resolved"]').getByTestId('incident-ttr')).toHaveText(/^\d+[sm]/);
    await expect(page.locator('[data-testid="history-row"][data-server-name="ui-s1"][data-rule="server-down"][data-state="resolved"]').getByTestId('history-duration')).toHaveText(/^\d+[sm]/);
  } finally {
    await app.stop();
  }
});
