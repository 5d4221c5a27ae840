// Session hygiene against real gateways (issue 18). Real agent turns make stale sessions on s1; the
// server's own rules (maxEntries, set with `openclaw config set`; mode warn, so only the console's run
// enforces them) make them prunable. "Run now" dry-runs and predicts N; the approved run prunes exactly
// N (the store counted before and after by the store-meta read) and compacts the sentinel session;
// the Sessions chart shows the drop with its marker. A real every-minute schedule on s2 (2026.9.5) fires
// on its own. The sentinel sent through a real turn is then nowhere in the DB, logs or window traffic.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { attachFleet } from './fixture/fleet-client.ts';
import { addServersUp, gotoView, knownHostsFor } from './support/console-page.ts';
import { startHeadlessApp } from './support/headless-app.ts';

const fleet = attachFleet();

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

async function onServer(server: string, cmd: string, timeoutMs = 180_000): Promise<string> {
  const r = await fleet.runAsUser(server, cmd, timeoutMs);
  expect(r.code, `${cmd}\n${r.stdout}\n${r.stderr}`.slice(-800)).toBe(0);
  return r.stdout;
}

async function hygieneTab(page: Page): Promise<void> {
  await gotoView(page, 'Hygiene');
  await expect(page.getByTestId('hygiene-view')).toBeVisible();
}

test('hygiene: the dry run predicts N, the approved run prunes exactly N and is charted; a schedule fires; no content leaves', async ({ page }) => {
  test.setTimeout(600_000);
  const s1 = fleet.server('s1');
  const s2 = fleet.server('s2');
  const tag = Date.now().toString(36);
  const sentinel = `YMHYGIENE${tag}${Math.random().toString(36).slice(2, 10)}`;
  const frames: string[] = [];
  page.on('websocket', (ws) => {
    ws.on('framereceived', (f) => frames.push(typeof f.payload === 'string' ? f.payload : f.payload.toString('utf8')));
    ws.on('framesent', (f) => frames.push(typeof f.payload === 'string' ? f.payload : f.payload.toString('utf8')));
  });
  await onServer('s1', 'openclaw config set session.maintenance.mode warn');
  const app = await startHeadlessApp({ knownHosts: knownHostsFor(s1, s2) });
  try {
    // Real turns: six sessions that go stale, then the sentinel's session, the newest, over half full.
    // Fill is the next prompt's size: a fresh session's is the system prompt and tools (~35 % of the 64k
    // window here), so the big reply counts from the second turn on (measured: BLOAT:15000 added 10 points; 36000 makes ~59 %, under OpenClaw's own compaction near 75 %).
    for (let i = 1; i <= 6; i++) await onServer('s1', `openclaw agent --agent main --session-key agent:main:hyg-${tag}-${i} --message 'stale ${i}' --json --timeout 150`);
    await onServer('s1', `openclaw agent --agent main --session-key agent:main:hyg-${tag}-z --message 'code word ${sentinel} BLOAT:36000' --json --timeout 150`);
    await onServer('s1', `openclaw agent --agent main --session-key agent:main:hyg-${tag}-z --message 'and again' --json --timeout 150`);
    expect(JSON.stringify(await fleet.modelRequests())).toContain(sentinel);
    // The server's own rule ages them: at most 3 live rows per agent.
    await onServer('s1', 'openclaw config set session.maintenance.maxEntries 3');

    await page.goto(app.url);
    await addServersUp(page, [
      ['hyg-a', s1],
      ['hyg-b', s2],
    ]);
    // Compaction is planned from what the console recorded: the bloated session is seen at ≥ 50 % first.
    await gotoView(page, 'Sessions');
    await page.getByTestId('sessions-view').getByLabel('Server', { exact: true }).selectOption({ label: 'hyg-a' });
    const worstFill = async () => Math.max(0, ...(await page.getByTestId('top-session').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-fill') || 0)))));
    await expect.poll(worstFill, { timeout: 120_000, message: 'worst session fill on hyg-a, %' }).toBeGreaterThanOrEqual(50);
    await hygieneTab(page);

    // Bad input: a clear error on the field, nothing saved.
    await page.getByRole('button', { name: 'New policy' }).click();
    const form = page.getByTestId('hygiene-policy-form');
    await form.getByLabel('Name').fill('every minute');
    await form.getByLabel('Target kind').selectOption('server');
    await form.getByLabel('Server', { exact: true }).selectOption({ label: 'hyg-b' });
    await form.getByLabel('Cron').fill('every minute');
    await form.getByLabel('Time zone').fill('UTC');
    await form.getByLabel('Window start').fill('00:00');
    await form.getByLabel('Window end').fill('24:00');
    await form.getByLabel('Mode').selectOption('preview');
    await form.getByRole('button', { name: 'Save policy' }).click();
    await expect(form.getByTestId('hygiene-error-cron')).toContainText('not a valid cron expression');
    await expect(page.getByTestId('hygiene-policy')).toHaveCount(0);
    // A real short schedule on s2 (2026.9.5): every minute, preview only.
    await form.getByLabel('Cron').fill('* * * * *');
    await form.getByRole('button', { name: 'Save policy' }).click();
    await expect(page.locator('[data-testid="hygiene-policy"][data-policy="every minute"]')).toHaveAttribute('data-next-run', /^\d+$/);

    // Run now on s1: prune and compact (sessions at fill ≥ 0.5), dry run first.
    const runNow = page.getByRole('form', { name: 'Run now' });
    await runNow.getByLabel('Run now target').selectOption({ label: 'server hyg-a' });
    await runNow.getByLabel("Compact sessions above a fill").check();
    await runNow.getByLabel('Compact at fill').fill('0.5');
    await runNow.getByRole('button', { name: /Run now/ }).click();
    const pending = page.locator('[data-testid="hygiene-pending"] [data-testid="hygiene-run"][data-trigger="operator"]');
    await expect(pending).toHaveCount(1, { timeout: 120_000 });
    const dryLine = pending.locator('[data-testid="hygiene-run-server"][data-server-name="hyg-a"]');
    await expect(dryLine).toHaveAttribute('data-state', 'awaiting-approval');
    const predicted = Number(await dryLine.getAttribute('data-dry-rows'));
    // The server keeps its 3 newest rows (ours: z, 6, 5), so at least our four oldest go, plus any older ones.
    expect(predicted, 'our four oldest sessions at least').toBeGreaterThanOrEqual(4);
    await expect(dryLine).toContainText('compact 1');
    const runId = (await pending.getAttribute('data-run-id'))!;
    await pending.getByRole('button', { name: 'Approve' }).click();

    const done = page.locator(`[data-testid="hygiene-history"] [data-testid="hygiene-run"][data-run-id="${runId}"]`);
    await expect(done).toHaveAttribute('data-state', 'done', { timeout: 300_000 });
    const line = done.locator('[data-testid="hygiene-run-server"][data-server-name="hyg-a"]');
    const before = Number(await line.getAttribute('data-rows-before'));
    const after = Number(await line.getAttribute('data-rows-after'));
    await expect(line).toHaveAttribute('data-real-rows', String(predicted));
    expect(before - after, `store rows ${before} → ${after}, predicted ${predicted}`).toBe(predicted);
    test.info().annotations.push({ type: 'hygiene', description: `predicted ${predicted}; store rows ${before} → ${after}; ${(await line.textContent()) ?? ''}` });

    // The Sessions view charts the drop, with the run's marker.
    await gotoView(page, 'Sessions');
    await page.getByTestId('sessions-view').getByLabel('Server', { exact: true }).selectOption({ label: 'hyg-a' });
    const rowsChart = page.getByTestId('agent-chart-rows');
    await expect(rowsChart).toHaveAttribute('data-hygiene-markers', /main:\d+>\d+/, { timeout: 60_000 });
    const series = ((await rowsChart.getAttribute('data-series')) ?? '').split(';').find((s) => s.startsWith('main:'))!.slice(5).split(',').map(Number);
    expect(Math.max(...series), series.join(',')).toBeGreaterThan(series.at(-1)!);
    await page.screenshot({ path: test.info().outputPath('hygiene-sessions-marker.png'), fullPage: true });

    // The every-minute schedule fired by itself on s2 and previewed (dry run only).
    await hygieneTab(page);
    const scheduled = page.locator('[data-testid="hygiene-run"][data-trigger="schedule"][data-policy="every minute"]').first();
    await expect(scheduled).toHaveAttribute('data-state', 'previewed', { timeout: 120_000 });
    await expect(scheduled.locator('[data-testid="hygiene-run-server"][data-server-name="hyg-b"]')).toHaveAttribute('data-state', 'previewed');
    await page.screenshot({ path: test.info().outputPath('hygiene-view.png'), fullPage: true });
  } finally {
    await app.stop();
    await fleet.runAsUser('s1', 'openclaw config unset session.maintenance', 60_000);
  }
  // Privacy: the sentinel went through a real turn and a real compaction, and is nowhere here.
  for (const f of frames) expect(f.includes(sentinel), 'WebSocket frame').toBe(false);
  expect(app.output().includes(sentinel), 'headless host output').toBe(false);
  const files = filesUnder(app.dataDir);
  expect(files.some((f) => f.endsWith('history.sqlite'))).toBe(true);
  for (const file of files) expect(readFileSync(file).includes(sentinel), file).toBe(false);
});
