// Faults inside a healthy-looking gateway, on real gateways driven by the fake model: a model that
// answers 500 and a model that hangs. Each must raise its own alert on the right server (and agent),
// and everything must clear once the model is back. The gateways stay UP throughout: only the
// metadata Yardmaster reads (cron job state, the task ledger) tells. The shapes were observed on real
// gateways first: on 2026.9.6 a model answering 500 is retried past the job timeout and counted as
// failed tasks; a hung model times the heartbeat run out.
import { expect, test, type Page } from '@playwright/test';
import { attachFleet } from './fixture/fleet-client.ts';
import { addServersUp, gotoView, knownHostsFor, resolvedAlerts } from './support/console-page.ts';
import { startHeadlessApp } from './support/headless-app.ts';
import { waitForCleanHeartbeats } from './support/fleet-health.ts';

interface SeenAlert {
  rule: string;
  server: string;
  agent: string | null;
}

async function activeAlerts(page: Page): Promise<SeenAlert[]> {
  return page.locator('[data-testid="alert"]').evaluateAll((els) =>
    els.map((el) => ({ rule: el.getAttribute('data-rule') ?? '', server: el.getAttribute('data-server-name') ?? '', agent: el.getAttribute('data-agent-id') })),
  );
}

test('model errors and a hung model raise their own alerts on the right server and agent, and clear on recovery', async ({ page }) => {
  test.setTimeout(20 * 60_000);
  const fleet = attachFleet();
  const s1 = fleet.server('s1');
  const s2 = fleet.server('s2');
  const kh = knownHostsFor(s1, s2);
  // RPC facts every 5 s instead of 60 s, so the test waits on the gateway, not on Yardmaster.
  const app = await startHeadlessApp({ knownHosts: kh, extraArgs: ['--alert-hold-down', '3s', '--rpc-interval', '5s'] });
  const seen: SeenAlert[] = [];
  const remember = (list: SeenAlert[]) => {
    for (const a of list) if (!seen.some((s) => s.rule === a.rule && s.server === a.server && s.agent === a.agent)) seen.push(a);
    return seen;
  };
  try {
    await page.goto(app.url);
    await addServersUp(page, [['erroring', s1], ['hanging', s2]]);
    await gotoView(page, 'Alerts & incidents');
    await expect(page.getByTestId('no-alerts')).toBeVisible();

    await fleet.setModelMode('s1', 'error');
    await fleet.setModelMode('s2', 'hang');
    try {
      // Model 500s: agent runs fail one after another with none succeeding.
      await expect
        .poll(async () => remember(await activeAlerts(page)).some((a) => a.rule === 'agent-runs-failing' && a.server === 'erroring'), { timeout: 6 * 60_000, intervals: [2_000] })
        .toBe(true);
      // Hung model: a heartbeat run ends at the job timeout, on one of s2's own agents.
      await expect
        .poll(async () => remember(await activeAlerts(page)).some((a) => a.rule === 'heartbeat-timeout' && a.server === 'hanging' && s2.agents.includes(a.agent ?? '')), {
          timeout: 6 * 60_000,
          intervals: [2_000],
        })
        .toBe(true);
      await page.screenshot({ path: test.info().outputPath('agent-faults-alerts.png'), fullPage: true });
    } finally {
      await fleet.setModelMode('*', 'ok');
    }
    // Other shapes show up depending on timing and version (observed: 2026.9.6 skips the other agent's
    // runs behind a hung one, heartbeat-skipped; 2026.9.5 once left a run "running" past its timeout,
    // heartbeat-wedged); both are unit-tested with those observed shapes. Whatever came, it is here:
    for (const a of seen) expect(['agent-runs-failing', 'heartbeat-timeout', 'heartbeat-failing', 'heartbeat-skipped', 'heartbeat-wedged', 'heartbeat-overdue'], JSON.stringify(a)).toContain(a.rule);
    // Nothing here concerns server liveness: the gateways never went down.
    expect(seen.filter((a) => a.rule === 'server-down')).toEqual([]);
    // Every alert is on the server whose model misbehaved.
    expect(seen.filter((a) => a.rule === 'agent-runs-failing').map((a) => a.server)).toEqual(['erroring']);
    test.info().annotations.push({ type: 'alerts seen', description: JSON.stringify(seen) });

    // Back to normal: the next runs succeed and every alert resolves.
    await expect(page.getByTestId('no-alerts')).toBeVisible({ timeout: 5 * 60_000 });
    for (const rule of ['agent-runs-failing', 'heartbeat-timeout']) {
      await expect((await resolvedAlerts(page, rule)).first()).toBeVisible();
    }
  } finally {
    await fleet.setModelMode('*', 'ok');
    await app.stop();
    // The next tests share these gateways: hand them back with clean heartbeats.
    await waitForCleanHeartbeats(fleet, 's1');
    await waitForCleanHeartbeats(fleet, 's2');
  }
});
