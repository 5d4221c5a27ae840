// SSH authentication other than a plain key file, against the real sshd: the ssh-agent, and an
// encrypted key whose passphrase the operator types (kept in memory only).
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { attachFleet } from './fixture/fleet-client.ts';
import { addServer, expectStatus, serverRow } from './support/console-page.ts';
import { startHeadlessApp } from './support/headless-app.ts';

test('ssh-agent authentication', async ({ page }) => {
  const s1 = attachFleet().server('s1');
  const dir = mkdtempSync(join(tmpdir(), 'ym-agent-'));
  const sock = join(dir, 'agent.sock');
  const agent = spawn('ssh-agent', ['-D', '-a', sock], { stdio: 'ignore' });
  try {
    await expect.poll(() => existsSync(sock), { timeout: 10_000 }).toBe(true);
    const added = spawnSync('ssh-add', [s1.privateKeyPath], { env: { ...process.env, SSH_AUTH_SOCK: sock }, encoding: 'utf8' });
    expect(added.status, added.stderr).toBe(0);
    const app = await startHeadlessApp({ knownHosts: s1.knownHostsPath, env: { SSH_AUTH_SOCK: sock } });
    try {
      await page.goto(app.url);
      const form = page.getByRole('form', { name: 'Add server' });
      await form.getByLabel('SSH authentication').selectOption('agent');
      await addServer(page, 'via-agent', { ...s1, privateKeyPath: '' });
      await expectStatus(serverRow(page, 'via-agent'), 'UP');
    } finally {
      await app.stop();
    }
  } finally {
    agent.kill();
  }
});

test('an encrypted key is unlocked with its passphrase, which is never stored', async ({ page }) => {
  const s1 = attachFleet().server('s1');
  const dir = mkdtempSync(join(tmpdir(), 'ym-enc-'));
  const key = join(dir, 'id_encrypted');
  copyFileSync(s1.privateKeyPath, key);
  const passphrase = `pass-${Date.now().toString(36)}-phrase`;
  const enc = spawnSync('ssh-keygen', ['-q', '-p', '-P', '', '-N', passphrase, '-f', key], { encoding: 'utf8' });
  expect(enc.status, enc.stderr).toBe(0);
  const app = await startHeadlessApp({ knownHosts: s1.knownHostsPath });
  try {
    await page.goto(app.url);
    await addServer(page, 'locked-key', { ...s1, privateKeyPath: key });
    const row = serverRow(page, 'locked-key');
    await expectStatus(row, 'DOWN');
    await expect(row.getByTestId('server-error')).toContainText('key-locked');
    await row.getByLabel('Key passphrase').fill('not-the-passphrase');
    await row.getByRole('button', { name: 'Unlock key' }).click();
    await expect(row.getByTestId('server-error')).toContainText('Wrong passphrase');
    await row.getByLabel('Key passphrase').fill(passphrase);
    await row.getByRole('button', { name: 'Unlock key' }).click();
    await expectStatus(row, 'UP');
  } finally {
    await app.stop();
  }
  for (const name of readdirSync(app.dataDir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name))) {
    expect(readFileSync(name).includes(passphrase), name).toBe(false);
  }
  expect(app.output().includes(passphrase)).toBe(false);
});
