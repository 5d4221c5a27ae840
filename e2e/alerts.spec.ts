// The alert centre against a real gateway: quiet while healthy, server-down raised when the gateway
// dies, acknowledged by the operator, resolved with its duration when the gateway is back.
import { expect, test } from '@playwright/test';
import { attachFleet } from './fixture/fleet-client.ts';
import { addServer, expectStatus, serverRow } from './support/console-page.ts';
import { startHeadlessApp } from './support/headless-app.ts';

test('gateway crash raises server-down, the operator acknowledges it, recovery resolves it', async ({ page }) => {
  const fleet = attachFleet();
  const s1 = fleet.server('s1');
  const app = await startHeadlessApp({ knownHosts: s1.knownHostsPath, extraArgs: ['--alert-hold-down', '3s'] });
  try {
    await page.goto(app.url);
    await addServer(page, 'alerting', s1);
    const row = serverRow(page, 'alerting');
    await expectStatus(row, 'UP');
    await expect(page.getByTestId('no-alerts')).toBeVisible();

    await fleet.stopGateway('s1', 'SIGKILL');
    try {
      const alert = page.locator('[data-testid="alert"][data-rule="server-down"][data-server-name="alerting"]');
      await expect(alert).toContainText('alerting is DOWN (gateway-unreachable)');
      await alert.getByRole('button', { name: 'Acknowledge' }).click();
      await expect(alert.getByTestId('alert-acked')).toContainText('acknowledged by console');
      // The acknowledgement is the core's, not the page's: it survives a reload.
      await page.reload();
      const reloaded = page.locator('[data-testid="alert"][data-rule="server-down"]');
      await expect(reloaded.getByTestId('alert-acked')).toBeVisible();
      // Silence it for an hour, then end the silence early.
      await reloaded.getByRole('button', { name: 'Silence 1 h' }).click();
      await expect(reloaded.getByTestId('alert-silenced')).toBeVisible();
      await expect(page.getByTestId('silence')).toContainText('server-down on alerting');
      await page.getByTestId('silence').getByRole('button', { name: 'End silence' }).click();
      await expect(reloaded.getByTestId('alert-silenced')).toHaveCount(0);
    } finally {
      await fleet.startGateway('s1');
    }
    await expectStatus(serverRow(page, 'alerting'), 'UP');
    await expect(page.getByTestId('no-alerts')).toBeVisible({ timeout: 30_000 });
    await page.locator('.alert-centre details.resolved summary').click();
    await expect(page.locator('[data-testid="resolved-alert"][data-rule="server-down"]')).toContainText(/lasted \d+/);
  } finally {
    await app.stop();
  }
});

test('a webhook and alert email get a test message, the server-down alert, and its resolution', async ({ page }) => {
  const fleet = attachFleet();
  const s1 = fleet.server('s1');
  const { createServer } = await import('node:http');
  const received: Array<{ reason: string; alert: { rule: string; summary: string } }> = [];
  const hook = createServer((req, res) => {
    let raw = '';
    req.on('data', (d) => (raw += d));
    req.on('end', () => {
      received.push(JSON.parse(raw));
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => hook.listen(0, '127.0.0.1', () => r()));
  const url = `http://127.0.0.1:${(hook.address() as { port: number }).port}/incoming`;
  // A real SMTP server on loopback stands in for the operator's mail relay.
  const { SMTPServer } = await import('smtp-server');
  const mails: Array<{ to: string[]; subject: string }> = [];
  const smtp = new SMTPServer({
    secure: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    onAuth: (auth, _s, cb) => (auth.username === 'ym' && auth.password === 'relay-pass' ? cb(null, { user: 'ym' }) : cb(new Error('bad login'))),
    onData(stream, session, cb) {
      let raw = '';
      stream.on('data', (d: Buffer) => (raw += d.toString()));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), subject: /^Subject: (.*)$/m.exec(raw)?.[1] ?? '' });
        cb();
      });
    },
    logger: false,
  });
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', () => r()));
  const smtpPort = (smtp.server.address() as { port: number }).port;
  const app = await startHeadlessApp({ knownHosts: s1.knownHostsPath, extraArgs: ['--alert-hold-down', '3s'] });
  try {
    await page.goto(app.url);
    await addServer(page, 'hooked', s1);
    await expectStatus(serverRow(page, 'hooked'), 'UP');
    await page.locator('.webhooks summary').click();
    const form = page.getByRole('form', { name: 'Add webhook' });
    await form.getByLabel('Name').fill('ops-pager');
    await form.getByLabel('Kind').selectOption('json');
    await form.getByLabel('Send').selectOption('warning');
    await form.getByLabel('URL').fill(url);
    await form.getByRole('button', { name: 'Add webhook' }).click();
    const row = page.locator('[data-testid="webhook"][data-name="ops-pager"]');
    await row.getByRole('button', { name: 'Send test' }).click();
    await expect(row.getByTestId('webhook-delivery')).toContainText('last delivery ok');
    expect(received.map((r) => r.reason)).toEqual(['test']);

    await page.getByTestId('email-panel').locator('summary').click();
    await page.getByRole('button', { name: 'Set up alert email' }).click();
    const mailForm = page.getByRole('form', { name: 'Alert email' });
    await mailForm.getByLabel('SMTP host').fill('127.0.0.1');
    await mailForm.getByLabel('Port').fill(String(smtpPort));
    await mailForm.getByLabel('Security').selectOption('none');
    await mailForm.getByLabel('Username').fill('ym');
    await mailForm.getByLabel('Password').fill('relay-pass');
    await mailForm.getByLabel('From').fill('yardmaster@ops.example');
    await mailForm.getByLabel('To (comma-separated)').fill('oncall@ops.example, lead@ops.example');
    await mailForm.getByLabel('Send').selectOption('warning');
    await mailForm.getByRole('button', { name: 'Save email settings' }).click();
    await page.getByRole('button', { name: 'Send test email' }).click();
    await expect(page.getByTestId('email-delivery')).toContainText('last delivery ok');
    expect(mails).toEqual([{ to: ['oncall@ops.example', 'lead@ops.example'], subject: '[Yardmaster] Test from Yardmaster: alert email works' }]);

    await fleet.stopGateway('s1', 'SIGKILL');
    try {
      await expect.poll(() => received.map((r) => `${r.reason}:${r.alert.rule}`), { timeout: 60_000 }).toContain('raised:server-down');
    } finally {
      await fleet.startGateway('s1');
    }
    await expect.poll(() => received.map((r) => `${r.reason}:${r.alert.rule}`), { timeout: 60_000 }).toContain('resolved:server-down');
    await expect.poll(() => mails.map((m) => m.subject).join('\n'), { timeout: 60_000 }).toMatch(/\[Yardmaster\] CRITICAL: hooked is DOWN/);
    await expect.poll(() => mails.map((m) => m.subject).join('\n'), { timeout: 60_000 }).toMatch(/\[Yardmaster\] RESOLVED after \d+ s: hooked is DOWN/);
    // The URL is a secret: it is in no file Yardmaster wrote.
    const { readdirSync, readFileSync } = await import('node:fs');
    for (const name of readdirSync(app.dataDir)) {
      const content = readFileSync(`${app.dataDir}/${name}`);
      expect(content.includes(url), name).toBe(false);
      expect(content.includes('relay-pass'), name).toBe(false);
    }
  } finally {
    await app.stop();
    hook.close();
    smtp.close();
  }
});
