// Hand-off to the engines a bigger team already runs: a real Alertmanager gets the alert when a real
// gateway hangs and its resolution when it answers again; a real Prometheus scrapes /metrics with
// the example scrape config, and what it stored equals what the console stored.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { expect, test } from '@playwright/test';
import { attachFleet } from './fixture/fleet-client.ts';
import { addServer, expectStatus, serverRow } from './support/console-page.ts';
import { promQuery, startAlertmanager, startPrometheus, startReceiver, type Daemon } from './support/prom-stack.ts';
import { createToken, selfSignedCert, startService, writeServiceConfig, type ServiceProcess } from './support/service-app.ts';

interface AmApiAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  generatorURL: string;
  status: { state: string };
}

test('alerts reach a real Alertmanager and resolve there; a real Prometheus scrapes the same numbers the console stored', async ({ browser }) => {
  const fleet = attachFleet();
  const s1 = fleet.server('s1');
  const receiver = await startReceiver();
  const am = await startAlertmanager(receiver.url);
  const { certPath, keyPath } = selfSignedCert();
  const dataDir = mkdtempSync(join(tmpdir(), 'ym-e2e-handoff-'));
  const config = writeServiceConfig({
    port: 0,
    dataDir,
    knownHosts: s1.knownHostsPath,
    tls: { cert: certPath, key: keyPath },
    publicUrl: 'https://crank.example.net:8443/',
    pollInterval: '2s',
    alertHoldDown: '2s',
    alertmanager: { urls: [am.url], resendInterval: '5s' },
  });
  const operator = createToken(config, 'operator');
  const scraper = createToken(config, 'viewer');
  let service: ServiceProcess | null = null;
  let prom: Daemon | null = null;
  const ctx = await browser.newContext({ ignoreHTTPSErrors: true });
  try {
    service = await startService(config);
    const page = await ctx.newPage();
    await page.goto(`${service.url}#token=${operator.token}`);
    await addServer(page, 'handoff', s1);
    await expectStatus(serverRow(page, 'handoff'), 'UP');

    // Prometheus with the example scrape config, pointed at this service.
    const tokenFile = join(dataDir, '..', `prom-token-${Date.now()}`);
    writeFileSync(tokenFile, scraper.token);
    const port = new URL(service.url).port;
    const scrape = readFileSync('deploy/prometheus/yardmaster-scrape.yml', 'utf8')
      .replace('scrape_interval: 15s', 'scrape_interval: 1s')
      .replace('/etc/prometheus/yardmaster.token', tokenFile)
      .replace('/etc/prometheus/yardmaster-ca.pem', certPath)
      .replace('server_name: crank.example.net', 'server_name: localhost')
      .replace("'crank.example.net:8443'", `'127.0.0.1:${port}'`);
    prom = await startPrometheus(scrape);
    const p = prom;
    await expect.poll(async () => (await promQuery(p, 'yardmaster_server_up{server="handoff"}', Date.now())).map((r) => r.value), { timeout: 30_000 }).toEqual([1]);
    const at = Date.now();
    const [lastProbe] = await promQuery(p, 'yardmaster_last_probe_timestamp_seconds{server="handoff"}', at);
    const [duration] = await promQuery(p, 'yardmaster_probe_duration_seconds{server="handoff"}', at);
    expect(lastProbe!.metric).toMatchObject({ job: 'yardmaster', role: 'general' });
    const db = new DatabaseSync(join(dataDir, 'history.sqlite'), { readOnly: true });
    try {
      const row = db.prepare('SELECT status, duration_ms FROM probe_samples WHERE ts = ?').get(Math.round(lastProbe!.value * 1000)) as { status: string; duration_ms: number } | undefined;
      expect(row, 'the probe Prometheus saw is in the console store').toBeDefined();
      expect(row!.status).toBe('UP');
      expect(duration!.value).toBeCloseTo(row!.duration_ms / 1000, 6);
    } finally {
      db.close();
    }

    // The gateway hangs: the console's server-down alert is listed by Alertmanager with our labels.
    await fleet.pauseGateway('s1');
    const amAlerts = async () => (await (await fetch(`${am.url}/api/v2/alerts?filter=${encodeURIComponent('rule="server-down"')}&filter=${encodeURIComponent('server="handoff"')}`)).json()) as AmApiAlert[];
    await expect.poll(async () => (await amAlerts()).length, { timeout: 90_000 }).toBe(1);
    const [listed] = await amAlerts();
    expect(listed!.labels).toMatchObject({ alertname: 'server-down', rule: 'server-down', severity: 'critical', server: 'handoff', role: 'general', source: 'yardmaster' });
    expect(listed!.generatorURL).toBe('https://crank.example.net:8443/');
    expect(listed!.status.state).toBe('active');
    await expect.poll(() => receiver.received.filter((n) => n.status === 'firing').length, { timeout: 30_000 }).toBe(1);
    // Prometheus sees the same alert in the console's own series.
    await expect.poll(async () => (await promQuery(p, 'yardmaster_alert_active{rule="server-down",server="handoff"}', Date.now())).length, { timeout: 30_000 }).toBe(1);

    // It answers again: Alertmanager shows the alert resolved (no longer active; the receiver is told).
    await fleet.resumeGateway('s1');
    await expectStatus(serverRow(page, 'handoff'), 'UP');
    await expect.poll(async () => (await amAlerts()).length, { timeout: 60_000 }).toBe(0);
    await expect.poll(() => receiver.received.some((n) => n.status === 'resolved' && n.alerts.some((a) => a.labels.rule === 'server-down' && a.status === 'resolved')), { timeout: 30_000 }).toBe(true);
    // Re-sending every 5 s for the whole outage never paged twice.
    expect(receiver.received.filter((n) => n.status === 'firing')).toHaveLength(1);
  } finally {
    await fleet.resumeGateway('s1').catch(() => {});
    await ctx.close();
    await prom?.stop();
    if (service) expect(await service.signal('SIGTERM')).toBe(0);
    await am.stop();
    await receiver.close();
  }
});
