// Metadata only: a real conversation turn carrying a unique sentinel goes through the real gateway;
// afterwards the sentinel appears nowhere in what Yardmaster keeps or shows: its data dir (SQLite
// database, WAL, settings, log), its process output, and every WebSocket frame sent to the window.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { attachFleet } from './fixture/fleet-client.ts';
import { addServer, expectStatus, serverRow } from './support/console-page.ts';
import { startHeadlessApp } from './support/headless-app.ts';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

test('a conversation sentinel never reaches the database, logs or the window', async ({ page }) => {
  const fleet = attachFleet();
  const s1 = fleet.server('s1');
  const app = await startHeadlessApp({ knownHosts: s1.knownHostsPath });
  const sentinel = `YMSENTINEL${Date.now().toString(36)}${Math.random().toString(36).slice(2, 10)}`;
  const frames: string[] = [];
  page.on('websocket', (ws) => {
    ws.on('framereceived', (f) => frames.push(typeof f.payload === 'string' ? f.payload : f.payload.toString('utf8')));
    ws.on('framesent', (f) => frames.push(typeof f.payload === 'string' ? f.payload : f.payload.toString('utf8')));
  });
  try {
    await page.goto(app.url);
    await addServer(page, 'privacy-s1', s1);
    const row = serverRow(page, 'privacy-s1');
    await expectStatus(row, 'UP');
    await expect(row.getByTestId('server-gateway')).toHaveAttribute('data-via', 'websocket');

    const turn = await fleet.runAgentTurn('s1', 'ops', `Please note the code word ${sentinel} and say nothing else.`);
    expect(turn.ok, turn.stderr).toBe(true);
    // The sentinel really is on the server: the model saw it, so the session transcript holds it.
    const requests = await fleet.modelRequests();
    expect(JSON.stringify(requests)).toContain(sentinel);

    // Let the console poll the server after the turn, twice, through every path it uses.
    const before = frames.length;
    await row.getByRole('button', { name: 'Check now' }).click();
    await expect.poll(() => frames.slice(before).filter((f) => f.includes('"server.snapshot"')).length, { timeout: 30_000 }).toBeGreaterThan(1);
    const ops = row.locator('[data-testid="agent"][data-agent-id="ops"]');
    await expect(ops).toContainText(/[1-9]\d* sessions/);
    // "Check now" also refreshed tier 3 over SSH: the agent's SQLite session store size (file size only).
    await expect(ops.getByTestId('store-size')).toContainText(/store \d/);
  } finally {
    await app.stop();
  }
  expect(frames.length).toBeGreaterThan(0);
  for (const f of frames) expect(f.includes(sentinel), 'WebSocket frame to the window').toBe(false);
  expect(app.output().includes(sentinel), 'headless host output').toBe(false);
  const files = filesUnder(app.dataDir);
  expect(files.some((f) => f.endsWith('history.sqlite'))).toBe(true);
  for (const file of files) expect(readFileSync(file).includes(sentinel), file).toBe(false);
});
