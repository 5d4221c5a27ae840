// Config audit against the real fleet (s1 on 2026.9.6, s2 on 2026.9.5, one role): the baseline is
// taken from s1 through the UI, s1 matches it, then s2's real config is changed over SSH as its own
// user (compaction mode and a heartbeat cadence, both hot-reloaded by OpenClaw) and the drift shows in
// the Config view and raises config-drift. s2's config file is restored afterwards (other specs share it).
import { readFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { expect, test, type Page } from '@playwright/test';
import { attachFleet } from './fixture/fleet-client.ts';
import { activeAlert, addServer, expectStatus, gotoView, rowAction, serverRow } from './support/console-page.ts';
import { startHeadlessApp } from './support/headless-app.ts';

const ROLE = 'fleet-cfg';
const BACKUP = '~/.openclaw/openclaw.json.ym-config-drift-e2e';

const cell = (page: Page, key: string, server: string) =>
  page.locator(`[data-testid="config-role"][data-role="${ROLE}"] [data-testid="drift-row"][data-key="${key}"] [data-testid="drift-cell"][data-server-name="${server}"]`);

async function addWithRole(page: Page, name: string, s: Parameters<typeof addServer>[2]) {
  await page.getByRole('form', { name: 'Add server' }).getByLabel('Role', { exact: true }).fill(ROLE);
  await addServer(page, name, s);
}

test('config drift: baseline from s1, a real config change on s2 shows as drift and raises config-drift', async ({ page }, testInfo) => {
  test.setTimeout(360_000);
  const fleet = attachFleet();
  const s1 = fleet.server('s1');
  const s2 = fleet.server('s2');
  const kh = `${mkdtempSync(`${tmpdir()}/ym-kh-`)}/known_hosts`;
  writeFileSync(kh, readFileSync(s1.knownHostsPath, 'utf8') + readFileSync(s2.knownHostsPath, 'utf8'));
  const app = await startHeadlessApp({ knownHosts: kh, extraArgs: ['--alert-hold-down', '3s'] });
  const run = async (cmd: string) => {
    const r = await fleet.runAsUser('s2', cmd, 60_000);
    expect(r.code, `${cmd}: ${r.stderr}`).toBe(0);
    return r.stdout;
  };
  const section = page.locator(`[data-testid="config-role"][data-role="${ROLE}"]`);
  let changed = false;
  try {
    await page.goto(app.url);
    await addWithRole(page, 'cfg-s1', s1);
    await page.getByRole('button', { name: 'Add server' }).first().click();
    await addWithRole(page, 'cfg-s2', s2);
    await expectStatus(serverRow(page, 'cfg-s1'), 'UP');
    await expectStatus(serverRow(page, 'cfg-s2'), 'UP');

    await gotoView(page, 'Config');
    for (const name of ['cfg-s1', 'cfg-s2']) {
      await expect(section.locator(`[data-testid="config-server-notes"][data-server-name="${name}"]`)).toContainText('read via websocket');
    }
    await expect(section.getByTestId('baseline-info')).toContainText('No baseline');

    // Baseline from s1: every s1 cell matches, unset keys included (they compare as documented defaults).
    await section.getByLabel(`Baseline server for ${ROLE}`).selectOption({ label: 'cfg-s1' });
    await section.getByRole('button', { name: 'Set baseline' }).click();
    await expect(section.getByTestId('baseline-info')).toContainText('from cfg-s1');
    const s1Cells = section.locator('[data-testid="drift-cell"][data-server-name="cfg-s1"]');
    await expect(s1Cells.first()).toHaveAttribute('data-state', 'match');
    expect(await s1Cells.count()).toBeGreaterThan(30);
    await expect(section.locator('[data-testid="drift-cell"][data-server-name="cfg-s1"]:not([data-state="match"])')).toHaveCount(0);
    await expect(cell(page, 'agents.defaults.compaction.mode', 'cfg-s1')).toContainText('safeguard');
    await expect(cell(page, 'agents.defaults.compaction.mode', 'cfg-s2')).toHaveAttribute('data-state', 'match');
    await expect(cell(page, 'agents.entries.main.heartbeat.every', 'cfg-s2')).toHaveAttribute('data-state', 'match');

    // A real change on s2, as its own user, with OpenClaw's own CLI (both keys reload without a restart).
    await run(`cp -p ~/.openclaw/openclaw.json ${BACKUP}`);
    changed = true;
    const out = await run('openclaw config set agents.defaults.compaction.mode default && openclaw config set agents.entries.main.heartbeat.every 7m');
    expect(out).toContain('without restarting');
    // No "re-read" click: the gateway's config.changed event makes the next poll (2 s here) read again.
    await expect(cell(page, 'agents.defaults.compaction.mode', 'cfg-s2')).toHaveAttribute('data-state', 'drift');
    await expect(cell(page, 'agents.defaults.compaction.mode', 'cfg-s2')).toContainText('default');
    const cadence = section.locator('[data-testid="drift-row"][data-key="agents.entries.main.heartbeat.every"]');
    await expect(cadence.locator('td').nth(1)).toHaveText('1m');
    await expect(cell(page, 'agents.entries.main.heartbeat.every', 'cfg-s2')).toHaveAttribute('data-state', 'drift');
    await expect(cell(page, 'agents.entries.main.heartbeat.every', 'cfg-s2')).toContainText('7m');
    await expect(cell(page, 'agents.entries.main.heartbeat.every', 'cfg-s1')).toHaveAttribute('data-state', 'match');

    const alert = await activeAlert(page, 'config-drift', 'cfg-s2');
    await expect(alert).toContainText('cfg-s2: config differs from the "fleet-cfg" baseline');
    await expect(alert).toContainText('agents.defaults.compaction.mode');
    await expect(alert).toContainText('agents.entries.main.heartbeat.every');
    await expect(page.locator('[data-testid="alert"][data-rule="config-drift"][data-server-name="cfg-s1"]')).toHaveCount(0);
    await gotoView(page, 'Config');
    await section.getByLabel('only differences').check();
    await page.screenshot({ path: testInfo.outputPath('config-drift.png'), fullPage: true });
    await section.getByLabel('only differences').uncheck();

    // Editing the baseline: with 7m as the expected cadence, s2 matches it and s1 drifts instead.
    await section.locator('.baseline-editor summary').click();
    const editor = section.getByRole('form', { name: `Edit ${ROLE} baseline` });
    await editor.getByLabel('Key').selectOption('agents.entries.main.heartbeat.every');
    await expect(editor.getByLabel('Value')).toHaveValue('1m');
    await editor.getByLabel('Value').fill('7 minutes');
    await editor.getByRole('button', { name: 'Save value' }).click();
    await expect(editor.locator('.field-error')).toContainText('not a duration value');
    await editor.getByLabel('Value').fill('420s');
    await editor.getByRole('button', { name: 'Save value' }).click();
    await expect(cadence.locator('td').nth(1)).toHaveText('7m');
    await expect(cell(page, 'agents.entries.main.heartbeat.every', 'cfg-s2')).toHaveAttribute('data-state', 'match');
    await expect(cell(page, 'agents.entries.main.heartbeat.every', 'cfg-s1')).toHaveAttribute('data-state', 'drift');
    await expect(await activeAlert(page, 'config-drift', 'cfg-s1')).toContainText('agents.entries.main.heartbeat.every');
    await gotoView(page, 'Config');
  } finally {
    if (changed) await run(`cp -p ${BACKUP} ~/.openclaw/openclaw.json && rm -f ${BACKUP}`);
  }
  try {
    // Restored: after a re-read s2's compaction mode matches the baseline again.
    await page.getByRole('button', { name: 'Re-read configs now' }).click();
    await expect(cell(page, 'agents.defaults.compaction.mode', 'cfg-s2')).toHaveAttribute('data-state', 'match');
    await expect(cell(page, 'agents.entries.main.heartbeat.every', 'cfg-s2')).toHaveAttribute('data-state', 'drift');
    expect(await fleet.runAsUser('s2', 'openclaw config get agents.entries.main.heartbeat.every --json', 60_000).then((r) => r.stdout)).toContain('"1m"');

    // CLI only: the same config read with `openclaw config get` over SSH projects to the same values.
    await gotoView(page, 'Fleet');
    await rowAction(serverRow(page, 'cfg-s2'), 'Edit');
    const form = page.getByRole('form', { name: 'Edit server' });
    await form.getByLabel('Gateway access').selectOption('cli');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await gotoView(page, 'Config');
    await page.getByRole('button', { name: 'Re-read configs now' }).click();
    const notes = section.locator('[data-testid="config-server-notes"][data-server-name="cfg-s2"]');
    await expect(notes).toContainText('read via cli', { timeout: 120_000 });
    await expect(notes.locator('.field-error')).toHaveCount(0);
    await expect(cell(page, 'agents.defaults.compaction.mode', 'cfg-s2')).toHaveAttribute('data-state', 'match');
    await expect(cell(page, 'agents.entries.main.heartbeat.every', 'cfg-s2')).toContainText('1m');
    await expect(cell(page, 'update.checkOnStart', 'cfg-s2')).toHaveAttribute('data-state', 'match');
    await expect(cell(page, 'session.maintenance.maxEntries', 'cfg-s2')).toHaveAttribute('data-state', 'match');
  } finally {
    await app.stop();
  }
});
