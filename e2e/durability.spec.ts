// History survives `kill -9` of the console: WAL, each probe's writes all-or-nothing, and one commit
// a second for the whole fleet (the cost bench:scale found) mean at most the last second of writes is
// lost — here one 1 s probe cycle, plus the one in flight — never a hole before it, and the database
// opens clean afterwards.
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { expect, test } from '@playwright/test';
import { attachFleet } from './fixture/fleet-client.ts';
import { addServer, expectStatus, serverRow } from './support/console-page.ts';
import { startHeadlessApp } from './support/headless-app.ts';

test('history survives SIGKILL of the console with at most one probe cycle lost', async ({ page }) => {
  const fleet = attachFleet();
  const s1 = fleet.server('s1');
  const app = await startHeadlessApp({ knownHosts: s1.knownHostsPath, pollInterval: '1s' });
  const seen: number[] = [];
  page.on('websocket', (ws) =>
    ws.on('framereceived', (f) => {
      const text = typeof f.payload === 'string' ? f.payload : f.payload.toString('utf8');
      const m = /"topic":"server\.snapshot","data":\{[^}]*?"checkedAt":(\d+)/.exec(text);
      if (m) seen.push(Number(m[1]));
    }),
  );
  await page.goto(app.url);
  await addServer(page, 'durable', s1);
  await expectStatus(serverRow(page, 'durable'), 'UP');
  await expect.poll(() => seen.length, { timeout: 30_000 }).toBeGreaterThanOrEqual(5);
  await app.kill('SIGKILL');
  const lastShown = Math.max(...seen);

  const db = new DatabaseSync(join(app.dataDir, 'history.sqlite'));
  try {
    expect((db.prepare('PRAGMA integrity_check').get() as { integrity_check: string }).integrity_check).toBe('ok');
    const stored = db.prepare('SELECT ts FROM probe_samples ORDER BY ts').all() as Array<{ ts: number }>;
    const storedTs = new Set(stored.map((r) => r.ts));
    // Every snapshot the window was shown is on disk, but for the tail of the last commit interval.
    const lastStored = Math.max(...storedTs);
    const lost = seen.filter((ts) => !storedTs.has(ts));
    for (const ts of lost) expect(ts, `snapshot at ${ts} lost before the last stored one (${lastStored})`).toBeGreaterThan(lastStored);
    expect(lost.length, `lost ${lost.join(', ')} of the ${seen.length} shown (last ${lastShown})`).toBeLessThanOrEqual(2);
    expect(stored.length).toBeGreaterThanOrEqual(seen.length - 2);
    const metrics = db.prepare("SELECT count(*) AS n FROM metric_samples WHERE metric = 'up'").get() as { n: number };
    expect(metrics.n).toBe(stored.length);
  } finally {
    db.close();
  }
});
