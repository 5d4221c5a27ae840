// The lab's faults (issue 11) against real gateways behind real sshds, each server in its own network
// namespace that this spec creates (ymlf-*, 10.81.0.0/24) with a veth to a bridge in the root
// namespace, so a link can really drop packets. Two servers, reused by every case: lfa on 2026.9.6
// and lfb on 2026.9.5. One console watches both, with short intervals so the tests wait on the
// gateways' own physics, not on Yardmaster's defaults.
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { startTestFleet, type TestFleet } from './fixture/test-fleet.ts';
import type { TestServerHandle } from './fixture/test-server.ts';
import { addServersUp, gotoView, knownHostsFor, serverRow } from './support/console-page.ts';
import { startHeadlessApp, type HeadlessApp } from './support/headless-app.ts';

// What the agents "escalate" in the heartbeat-undelivered case: it must never reach the console.
const ALERT_TEXT = `YMLFSENTINEL disk on db-1 is full ${Date.now().toString(36)}`;

interface SeenAlert {
  rule: string;
  server: string;
  agent: string | null;
}

let fleet: TestFleet;
let app: HeadlessApp;
let page: Page;
let alertsPage: Page;
let lfa: TestServerHandle;
let lfb: TestServerHandle;
let root: string;

// Statuses are read from the fleet table (page), alerts from a second tab kept on the Alerts view.
async function activeAlerts(): Promise<SeenAlert[]> {
  return alertsPage.locator('[data-testid="alert"]').evaluateAll((els) =>
    els.map((el) => ({ rule: el.getAttribute('data-rule') ?? '', server: el.getAttribute('data-server-name') ?? '', agent: el.getAttribute('data-agent-id') })),
  );
}

const status = (name: string) => serverRow(page, name).getByTestId('server-status').getAttribute('data-status');

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ browser }: { browser: Browser }) => {
  test.setTimeout(5 * 60_000);
  root = mkdtempSync(join(tmpdir(), 'ymlf-e2e-'));
  chmodSync(root, 0o755);
  fleet = await startTestFleet({ root, servers: [{ name: 'lfa' }, { name: 'lfb', openclawVersion: '2026.9.5' }], netns: { prefix: 'ymlf', subnet: '10.81.0' } });
  lfa = fleet.server('lfa');
  lfb = fleet.server('lfb');
  app = await startHeadlessApp({
    knownHosts: knownHostsFor(lfa.info, lfb.info),
    extraArgs: ['--alert-hold-down', '3s', '--rpc-interval', '5s', '--ssh-accept-interval', '5s'],
  });
  page = await browser.newPage();
  await page.goto(app.url);
  await addServersUp(page, [
    ['lfa', lfa.info],
    ['lfb', lfb.info],
  ]);
  alertsPage = await browser.newPage();
  await alertsPage.goto(app.url);
  await gotoView(alertsPage, 'Alerts & incidents');
});

test.afterAll(async () => {
  await page?.close();
  await alertsPage?.close();
  await app?.stop();
  // Privacy: the escalated text went through the real gateways, never into the console.
  if (app) {
    expect(app.output().includes('YMLFSENTINEL'), 'headless host output').toBe(false);
    const files = (dir: string): string[] => readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : [join(dir, n)]));
    for (const f of files(app.dataDir)) expect(readFileSync(f).includes('YMLFSENTINEL'), f).toBe(false);
  }
  await fleet?.stop();
  if (root) rmSync(root, { recursive: true, force: true });
});

test('heartbeat output that goes nowhere (target none) is a warning naming server and agent, on 2026.9.6 and 2026.9.5', async () => {
  test.setTimeout(10 * 60_000);
  fleet.model.setHeartbeatReply('*', ALERT_TEXT);
  try {
    for (const [name, server] of [['lfa', lfa], ['lfb', lfb]] as const) {
      await expect
        .poll(async () => (await activeAlerts()).some((a) => a.rule === 'heartbeat-undelivered' && a.server === name && server.info.agents.includes(a.agent ?? '')), {
          timeout: 4 * 60_000,
          intervals: [2_000],
        })
        .toBe(true);
    }
    const alert = alertsPage.locator('[data-testid="alert"][data-rule="heartbeat-undelivered"][data-server-name="lfa"]').first();
    await expect(alert).toContainText(/lfa\/(main|ops): heartbeat output not delivered \(target-none\)/);
    for (const p of [page, alertsPage]) await expect(p.locator('body')).not.toContainText('YMLFSENTINEL');
    await alertsPage.screenshot({ path: test.info().outputPath('heartbeat-undelivered.png'), fullPage: true });
  } finally {
    fleet.model.setHeartbeatReply('*', null);
  }
  // The next runs have nothing to say: every undelivered alert resolves.
  await expect
    .poll(async () => (await activeAlerts()).filter((a) => a.rule === 'heartbeat-undelivered').length, { timeout: 4 * 60_000, intervals: [3_000] })
    .toBe(0);
});

test('sshd stopped with its sessions alive (KillMode=process): named while the open connection keeps the server UP', async () => {
  test.setTimeout(3 * 60_000);
  await lfa.stopSshdListener();
  try {
    await expect
      .poll(async () => (await activeAlerts()).some((a) => a.rule === 'ssh-not-accepting' && a.server === 'lfa'), { timeout: 60_000, intervals: [1_000] })
      .toBe(true);
    await expect(alertsPage.locator('[data-testid="alert"][data-rule="ssh-not-accepting"][data-server-name="lfa"]')).toContainText('lfa: SSH not accepting new connections');
    // The pooled connection still works: the server is watched, and UP.
    expect(await status('lfa')).toBe('UP');
  } finally {
    await lfa.startSshd();
  }
  await expect.poll(async () => (await activeAlerts()).some((a) => a.rule === 'ssh-not-accepting'), { timeout: 60_000, intervals: [1_000] }).toBe(false);
});

test('a link that drops packets for 60 s: PENDING then DOWN within a bounded time, server-down paged, and recovery after', async () => {
  test.setTimeout(5 * 60_000);
  const seen: string[] = [];
  const t0 = Date.now();
  let downAfterMs: number | null = null;
  await lfa.linkDown();
  try {
    while (Date.now() - t0 < 60_000) {
      const s = (await status('lfa')) ?? '';
      if (seen.at(-1) !== s) seen.push(s);
      if (s === 'DOWN' && downAfterMs === null) downAfterMs = Date.now() - t0;
      await page.waitForTimeout(500);
    }
  } finally {
    await lfa.linkUp();
  }
  test.info().annotations.push({ type: 'link-down', description: `statuses ${seen.join(' → ')}; DOWN after ${downAfterMs} ms` });
  // Before the cycle deadline one probe hung on the dead link until SSH keepalives gave up (43 s in
  // the lab) and the server stayed UP the whole minute.
  expect(seen.indexOf('PENDING'), seen.join(' → ')).toBeGreaterThanOrEqual(0);
  expect(seen.indexOf('DOWN'), seen.join(' → ')).toBeGreaterThan(seen.indexOf('PENDING'));
  expect(downAfterMs, 'DOWN within 45 s of the link going down').not.toBeNull();
  expect(downAfterMs!).toBeLessThan(45_000);
  await expect(alertsPage.locator('[data-testid="alert"][data-rule="server-down"][data-server-name="lfa"]')).toBeVisible();
  // The other server never noticed.
  expect(await status('lfb')).toBe('UP');
  // Link back: the reconnect backoff is at most 30 s, so UP within a minute or so.
  await expect.poll(() => status('lfa'), { timeout: 120_000, intervals: [1_000] }).toBe('UP');
  await expect(alertsPage.locator('[data-testid="alert"][data-rule="server-down"][data-server-name="lfa"]')).toHaveCount(0, { timeout: 30_000 });
});

test('after a gateway crash and restart, heartbeats resume minutes later and no heartbeat alert fires meanwhile', async () => {
  test.setTimeout(10 * 60_000);
  const seen: SeenAlert[] = [];
  const watch = async () => {
    for (const a of await activeAlerts()) if (!seen.some((s) => s.rule === a.rule && s.server === a.server && s.agent === a.agent)) seen.push(a);
  };
  const crashedAt = Date.now();
  await lfb.stopGateway('SIGKILL');
  await lfb.startGateway();
  const readyAt = Date.now();
  // Until every heartbeat job has run since the restart (OpenClaw: 2–5 min after ready), watching.
  const jobsRunSinceRestart = async (): Promise<boolean> => {
    await watch();
    const r = await lfb.runAsUser('openclaw cron list --all --json 2>/dev/null', { timeoutMs: 60_000 });
    let jobs: Array<{ declarationKey?: string; state?: { lastRunAtMs?: number } }> = [];
    try {
      jobs = (JSON.parse(r.stdout) as { jobs?: typeof jobs }).jobs ?? [];
    } catch {
      return false;
    }
    const hb = jobs.filter((j) => j.declarationKey?.startsWith('heartbeat:'));
    return hb.length > 0 && hb.every((j) => (j.state?.lastRunAtMs ?? 0) > readyAt);
  };
  await expect.poll(jobsRunSinceRestart, { timeout: 7 * 60_000, intervals: [5_000] }).toBe(true);
  const resumedAfterMs = Date.now() - readyAt;
  // And a little longer: a heartbeat alert that was pending would notify now.
  const until = Date.now() + 30_000;
  while (Date.now() < until) {
    await watch();
    await page.waitForTimeout(2_000);
  }
  test.info().annotations.push({ type: 'restart', description: `crash→ready ${readyAt - crashedAt} ms; all heartbeats resumed ${resumedAfterMs} ms after ready; alerts seen ${JSON.stringify(seen)}` });
  expect(seen.filter((a) => a.server === 'lfb' && /^heartbeat-/.test(a.rule))).toEqual([]);
  // Nor one that was raised and resolved between two looks: the history has none either.
  await alertsPage.reload();
  // (loaded: the first case's undelivered alert on lfb is listed there.)
  await expect(alertsPage.locator('[data-testid="history-row"][data-rule="heartbeat-undelivered"][data-server-name="lfb"]').first()).toBeVisible();
  await expect(alertsPage.locator('[data-testid="history-row"][data-server-name="lfb"][data-rule^="heartbeat-"]:not([data-rule="heartbeat-undelivered"])')).toHaveCount(0);
});
