// What a user does in the console window, in one place.
import { expect, type Locator, type Page } from '@playwright/test';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestServerInfo } from '../fixture/test-server.ts';

export async function addServer(
  page: Page,
  name: string,
  s: Pick<TestServerInfo, 'sshPort' | 'sshUser' | 'privateKeyPath' | 'gatewayPort'> & { host?: string },
  access: 'auto' | 'cli' = 'auto',
): Promise<void> {
  const form = page.getByRole('form', { name: 'Add server' });
  await form.getByLabel('Gateway access').selectOption(access);
  await form.getByLabel('Name', { exact: true }).fill(name);
  await form.getByLabel('Host', { exact: true }).fill(s.host ?? '127.0.0.1');
  await form.getByLabel('SSH port', { exact: true }).fill(String(s.sshPort));
  await form.getByLabel('SSH user', { exact: true }).fill(s.sshUser);
  await form.getByLabel('Private key file', { exact: true }).fill(s.privateKeyPath);
  await form.getByLabel('Gateway port', { exact: true }).fill(String(s.gatewayPort));
  await form.getByRole('button', { name: 'Add server' }).click();
}

export function serverRow(page: Page, name: string): Locator {
  return page.locator(`[data-testid="server-row"][data-server-name="${name.replace(/"/g, '\\"')}"]`);
}

export async function expectStatus(row: Locator, status: 'UP' | 'DOWN' | 'PENDING' | 'MAINTENANCE' | 'PAUSED', timeout = 90_000): Promise<void> {
  await expect(row.getByTestId('server-status')).toHaveAttribute('data-status', status, { timeout });
}

/** One known_hosts file trusting several test servers (a console watching more than one). */
export function knownHostsFor(...servers: Array<Pick<TestServerInfo, 'knownHostsPath'>>): string {
  const file = join(mkdtempSync(join(tmpdir(), 'ym-kh-')), 'known_hosts');
  writeFileSync(file, servers.map((s) => readFileSync(s.knownHostsPath, 'utf8')).join(''));
  return file;
}

/** Adds servers one after another through the form (the first from the first-run panel) and waits until each is UP. */
export async function addServersUp(
  page: Page,
  servers: Array<[name: string, server: Pick<TestServerInfo, 'sshPort' | 'sshUser' | 'privateKeyPath' | 'gatewayPort'> & { host?: string }]>,
): Promise<void> {
  for (const [i, [name, s]] of servers.entries()) {
    if (i > 0) {
      await expect(page.getByTestId('first-run')).toHaveCount(0); // the fleet view replaces the first-run panel
      await page.getByRole('button', { name: 'Add server' }).click();
    }
    await addServer(page, name, s);
  }
  for (const [name] of servers) await expectStatus(serverRow(page, name), 'UP');
}

/** The top-level views, by their navigation label. */
export type ViewLabel = 'Fleet' | 'Alerts & incidents' | 'Sessions' | 'Config' | 'Rollouts' | 'Hygiene' | 'Reports' | 'Settings';

export async function gotoView(page: Page, label: ViewLabel): Promise<void> {
  await page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: label, exact: true }).click();
  await expect(page.getByRole('navigation', { name: 'Views' }).getByRole('link', { name: label, exact: true })).toHaveAttribute('aria-current', 'page');
}

/** A server's own page (#/servers/<id>), opened from its fleet row. */
export async function openServerPage(page: Page, name: string): Promise<Locator> {
  if (!(await page.getByTestId('fleet-view').isVisible())) await gotoView(page, 'Fleet');
  await page.getByRole('link', { name: `Details of ${name}`, exact: true }).click();
  const detail = page.getByTestId('server-detail');
  await expect(detail).toHaveAttribute('aria-label', `Details of ${name}`);
  return detail;
}

/** A row action from its "⋯" menu (Edit, Maintenance, End maintenance, Pause, Resume, Remove, Open server page). */
export async function rowAction(row: Locator, label: string): Promise<void> {
  await row.getByRole('button', { name: /^Actions for / }).click();
  await row.getByRole('menuitem', { name: label, exact: true }).click();
}

/** An active alert in the Alerts view (navigates there). */
export async function activeAlert(page: Page, rule: string, serverName?: string): Promise<Locator> {
  if (!(await page.getByTestId('alerts-view').isVisible())) await gotoView(page, 'Alerts & incidents');
  return page.locator(`[data-testid="alert"][data-rule="${rule}"]${serverName ? `[data-server-name="${serverName.replace(/"/g, '\\"')}"]` : ''}`);
}

/** Resolved alerts of a rule in the Alerts view's history (navigates there). */
export async function resolvedAlerts(page: Page, rule: string): Promise<Locator> {
  if (!(await page.getByTestId('alerts-view').isVisible())) await gotoView(page, 'Alerts & incidents');
  return page.locator(`[data-testid="history-row"][data-rule="${rule}"][data-state="resolved"]`);
}
