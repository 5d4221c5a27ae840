// The alert centre against a real gateway: quiet while healthy, server-down raised when the gateway
// dies, acknowledged by the operator, resolved with its duration when the gateway is back.
import { expect, test } from '@playwright/test';
import { attachFleet } from './fixture/fleet-client.ts';
import { addServer, expectStatus, gotoView, serverRow } from './support/console-page.ts';
import { startHeadlessApp } from './support/headless-app.ts';
import { startJsonReceiver } from './support/json-receiver.ts';

test('gateway crash raises server-down, the operator acknowledges it, recovery resolves it', async ({ page }) => {
  const fleet = attachFleet();
  const s1 = fleet.server('s1');
  const app = await startHeadlessApp({ knownHosts: s1.knownHostsPath, extraArgs: ['--alert-hold-down', '3s'] });
  try {
    await page.goto(app.url);
    await addServer(page, 'alerting', s1);
    const row = serverRow(page, 'alerting');
    await expectStatus(row, 'UP');
    await expect(page.getByTestId('alert-bar')).toContainText('No active alerts');
    await gotoView(page, 'Alerts & incidents');
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
      // Silence it for 4 hours with a comment (the editor starts with the alert's own matchers), then end it early.
      await reloaded.getByRole('button', { name: 'Silence…' }).click();
      const editor = page.getByRole('form', { name: 'New silence' });
      await expect(editor.getByLabel('Rule')).toHaveValue('server-down');
      await editor.getByLabel('Duration').selectOption({ label: '4 hours' });
      await editor.getByLabel('Comment').fill('planned gateway work');
      await editor.getByRole('button', { name: 'Silence', exact: true }).click();
      await expect(reloaded.getByTestId('alert-silenced')).toContainText(/silenced until/i);
      await expect(reloaded).toHaveAttribute('data-state', 'silenced');
      await expect(page.getByTestId('silence')).toContainText('server-down on alerting');
      await expect(page.getByTestId('silence')).toContainText(/ends in (3h 59m|4h)/);
      await expect(page.getByTestId('silence')).toContainText('planned gateway work');
      await page.getByTestId('silence').getByRole('button', { name: 'End silence' }).click();
      await expect(reloaded.getByTestId('alert-silenced')).toHaveCount(0);
    } finally {
      await fleet.startGateway('s1');
    }
    await expect(page.getByTestId('no-alerts')).toBeVisible({ timeout: 60_000 });
    const resolved = page.locator('[data-testid="history-row"][data-rule="server-down"][data-state="resolved"]');
    await expect(resolved.getByTestId('history-duration')).toHaveText(/^\d+[sm]/);
    await expect(page.locator('[data-testid="incident"][data-server-name="alerting"][data-state="resolved"]').getByTestId('incident-ttr')).toHaveText(/^\d+[sm]/);
    await gotoView(page, 'Fleet');
    await expectStatus(serverRow(page, 'alerting'), 'UP');
  } finally {
    await app.stop();
  }
});

test('a webhook and alert email get a test message, the server-down alert, and its resolution', async ({ page }) => {
  const fleet = attachFleet();
  const s1 = fleet.server('s1');
  const hook = await startJsonReceiver<{ reason: string; alert: { rule: string; summary: string } }>('/incoming');
  const { received, url } = hook;
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
    await gotoView(page, 'Settings');
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
    // Every file, the drafted incident reports under reports/ included.
    for (const name of readdirSync(app.dataDir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => `${e.parentPath}/${e.name}`.slice(app.dataDir.length + 1))) {
      const content = readFileSync(`${app.dataDir}/${name}`);
      expect(content.includes(url), name).toBe(false);
      expect(content.includes('relay-pass'), name).toBe(false);
    }
  } finally {
    await app.stop();
    await hook.close();
    smtp.close();
  }
});
