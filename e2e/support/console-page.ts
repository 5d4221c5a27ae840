// What a user does in the console window, in one place.
import { expect, type Locator, type Page } from '@playwright/test';
import type { TestServerInfo } from '../fixture/test-server.ts';

export async function addServer(
  page: Page,
  name: string,
  s: Pick<TestServerInfo, 'sshPort' | 'sshUser' | 'privateKeyPath' | 'gatewayPort'>,
  access: 'auto' | 'cli' = 'auto',
): Promise<void> {
  const form = page.getByRole('form', { name: 'Add server' });
  await form.getByLabel('Gateway access').selectOption(access);
  await form.getByLabel('Name', { exact: true }).fill(name);
  await form.getByLabel('Host', { exact: true }).fill('127.0.0.1');
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
