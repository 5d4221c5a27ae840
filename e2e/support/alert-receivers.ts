// A webhook endpoint and an SMTP relay on loopback that keep every byte they receive, and the
// Settings steps that point the console's alert channels at them (privacy spec: what leaves in them).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, type Page } from '@playwright/test';
import { SMTPServer } from 'smtp-server';
import { gotoView } from './console-page.ts';

export interface AlertReceivers {
  /** Raw request bodies the webhook got. */
  webhookBodies: string[];
  /** Raw messages (headers and body) the relay got. */
  mails: string[];
  /** Rules of the alerts the webhook was told about, as "reason:rule". */
  told(): string[];
  close(): void;
  webhookUrl: string;
  smtpPort: number;
}

export async function startAlertReceivers(): Promise<AlertReceivers> {
  const webhookBodies: string[] = [];
  const hook = createServer((req, res) => {
    let raw = '';
    req.on('data', (d) => (raw += d));
    req.on('end', () => {
      webhookBodies.push(raw);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => hook.listen(0, '127.0.0.1', () => r()));
  const mails: string[] = [];
  const smtp = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    onData(stream, _session, cb) {
      let raw = '';
      stream.on('data', (d: Buffer) => (raw += d.toString()));
      stream.on('end', () => {
        mails.push(raw);
        cb();
      });
    },
    logger: false,
  });
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()));
  return {
    webhookBodies,
    mails,
    told: () =>
      webhookBodies.map((b) => {
        const m = JSON.parse(b) as { reason?: string; alert?: { rule?: string } };
        return `${m.reason}:${m.alert?.rule}`;
      }),
    close: () => {
      hook.close();
      smtp.close();
    },
    webhookUrl: `http://127.0.0.1:${(hook.address() as AddressInfo).port}/incoming`,
    smtpPort: (smtp.server.address() as AddressInfo).port,
  };
}

/** Settings: a JSON webhook and the alert email, both for warnings and up, each checked with a test send. */
export async function pointAlertsAt(page: Page, r: AlertReceivers): Promise<void> {
  await gotoView(page, 'Settings');
  await page.locator('.webhooks summary').click();
  const form = page.getByRole('form', { name: 'Add webhook' });
  await form.getByLabel('Name').fill('privacy-hook');
  await form.getByLabel('Kind').selectOption('json');
  await form.getByLabel('Send').selectOption('warning');
  await form.getByLabel('URL').fill(r.webhookUrl);
  await form.getByRole('button', { name: 'Add webhook' }).click();
  const row = page.locator('[data-testid="webhook"][data-name="privacy-hook"]');
  await row.getByRole('button', { name: 'Send test' }).click();
  await expect(row.getByTestId('webhook-delivery')).toContainText('last delivery ok');

  await page.getByTestId('email-panel').locator('summary').click();
  await page.getByRole('button', { name: 'Set up alert email' }).click();
  const mailForm = page.getByRole('form', { name: 'Alert email' });
  await mailForm.getByLabel('SMTP host').fill('127.0.0.1');
  await mailForm.getByLabel('Port').fill(String(r.smtpPort));
  await mailForm.getByLabel('Security').selectOption('none');
  await mailForm.getByLabel('From').fill('yardmaster@ops.example');
  await mailForm.getByLabel('To (comma-separated)').fill('oncall@ops.example');
  await mailForm.getByLabel('Send').selectOption('warning');
  await mailForm.getByRole('button', { name: 'Save email settings' }).click();
  await page.getByRole('button', { name: 'Send test email' }).click();
  await expect(page.getByTestId('email-delivery')).toContainText('last delivery ok');
}
