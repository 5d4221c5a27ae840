// kill -9 of the ops service while it polls a hung gateway, then the same command line again: the
// history written before is intact, the same alert goes on (same id, same start) and resolves later,
// and Alertmanager paged once for the whole outage.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { expect, test } from '@playwright/test';
import { attachFleet } from './fixture/fleet-client.ts';
import { addServer, expectStatus, serverRow } from './support/console-page.ts';
import { startAlertmanager, startReceiver } from './support/prom-stack.ts';
import { createToken, startService, writeServiceConfig, type ServiceProcess } from './support/service-app.ts';

interface AmApiAlert {
  annotations: Record<string, string>;
  startsAt: string;
}

function storedProbes(dataDir: string): number[] {
  const db = new DatabaseSync(join(dataDir, 'history.sqlite'), { readOnly: true });
  try {
    return (db.prepare("SELECT ts FROM probe_samples ORDER BY ts").all() as Array<{ ts: number }>).map((r) => r.ts);
  } finally {
    db.close();
  }
}

test('kill -9 mid-poll and start again: history intact, the alert goes on, no duplicate page', async ({ browser }) => {
  const fleet = attachFleet();
  const s1 = fleet.server('s1');
  const receiver = await startReceiver();
  const am = await startAlertmanager(receiver.url);
  const dataDir = mkdtempSync(join(tmpdir(), 'ym-e2e-restart-'));
  const config = writeServiceConfig({ port: 0, dataDir, knownHosts: s1.knownHostsPath, pollInterval: '1s', alertHoldDown: '2s', alertmanager: { urls: [am.url], resendInterval: '5s' } });
  const operator = createToken(config, 'operator');
  const amAlert = async () => ((await (await fetch(`${am.url}/api/v2/alerts?filter=${encodeURIComponent('rule="server-down"')}&filter=${encodeURIComponent('server="restart"')}`)).json()) as AmApiAlert[])[0];
  let service: ServiceProcess | null = null;
  const ctx = await browser.newContext();
  try {
    service = await startService(config);
    const page = await ctx.newPage();
    await page.goto(`${service.url}#token=${operator.token}`);
    await addServer(page, 'restart', s1);
    await expectStatus(serverRow(page, 'restart'), 'UP');
    await fleet.pauseGateway('s1');
    await expect.poll(async () => (await amAlert())?.annotations.yardmaster_alert_id ?? null, { timeout: 90_000 }).not.toBeNull();
    const before = (await amAlert())!;
    await expect.poll(() => receiver.received.filter((n) => n.status === 'firing').length, { timeout: 30_000 }).toBe(1);
    const probesBefore = storedProbes(dataDir);

    // A probe of the hung gateway is in flight every second: SIGKILL lands mid-poll.
    expect(await service.signal('SIGKILL')).toBeNull();
    service = await startService(config);
    const db = new DatabaseSync(join(dataDir, 'history.sqlite'), { readOnly: true });
    expect((db.prepare('PRAGMA integrity_check').get() as { integrity_check: string }).integrity_check).toBe('ok');
    db.close();
    const probesAfter = new Set(storedProbes(dataDir));
    for (const ts of probesBefore) expect(probesAfter.has(ts), `probe at ${ts} survived`).toBe(true);

    // The same alert goes on in the console and is re-sent to Alertmanager as the same alert.
    const page2 = await ctx.newPage();
    await page2.goto(`${service.url}#token=${operator.token}`);
    await expectStatus(serverRow(page2, 'restart'), 'DOWN');
    const metrics = await ctx.request.get(`${service.url}metrics`, { headers: { authorization: `Bearer ${operator.token}` } });
    expect(await metrics.text()).toMatch(/^yardmaster_alert_active\{rule="server-down",severity="critical",server="restart",[^}]*\} 1$/m);
    await expect.poll(async () => (await amAlert())?.annotations.yardmaster_alert_id).toBe(before.annotations.yardmaster_alert_id);
    expect((await amAlert())!.startsAt).toBe(before.startsAt);

    // It resolves after the restart, and the whole outage paged once.
    await fleet.resumeGateway('s1');
    await expectStatus(serverRow(page2, 'restart'), 'UP');
    await expect.poll(() => receiver.received.some((n) => n.status === 'resolved'), { timeout: 60_000 }).toBe(true);
    expect(receiver.received.filter((n) => n.status === 'firing')).toHaveLength(1);
    expect(storedProbes(dataDir).length).toBeGreaterThan(probesBefore.length);
  } finally {
    await fleet.resumeGateway('s1').catch(() => {});
    await ctx.close();
    if (service) await service.signal('SIGTERM');
    await am.stop();
    await receiver.close();
  }
});
