// npm run bench:table — is the fleet table smooth with 1,000 servers? The built headless app gets
// 1,000 paused servers (paused: never probed, so nothing else loads the machine), Debian's Chromium
// opens the real window, and we measure: time until the table shows, how many rows are in the DOM,
// and frame times while the table is scrolled top to bottom in 2 s and back.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import WebSocket from 'ws';
import { startHeadlessApp } from '../e2e/support/headless-app.ts';

const SERVERS = Number(process.env.BENCH_SERVERS ?? 1000);
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))]!;

async function addPausedServers(origin: string, token: string): Promise<void> {
  const ws = new WebSocket(`${origin.replace('http', 'ws')}/rpc`, ['yardmaster.v1', `yardmaster.token.${token}`], { origin });
  await new Promise((r, j) => (ws.once('open', r), ws.once('error', j)));
  const pending = new Map<number, (ok: boolean) => void>();
  ws.on('message', (raw) => {
    const f = JSON.parse(raw.toString());
    if (f.type === 'result') pending.get(f.id)?.(f.result.ok);
  });
  for (let i = 0; i < SERVERS; i++) {
    const ok = await new Promise<boolean>((resolve) => {
      pending.set(i, resolve);
      ws.send(
        JSON.stringify({
          type: 'invoke',
          id: i,
          method: 'servers.add',
          payload: {
            name: `bench-${String(i).padStart(4, '0')}`,
            host: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`,
            sshPort: 22,
            sshUser: 'oc',
            privateKeyPath: '/nonexistent',
            gatewayPort: 18789,
            role: ['ops', 'communications', 'development'][i % 3],
            tags: i % 10 === 0 ? ['eu'] : ['us'],
            enabled: false,
          },
        }),
      );
    });
    if (!ok) throw new Error(`servers.add ${i} failed`);
  }
  ws.close();
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ym-bench-table-'));
  writeFileSync(join(dir, 'known_hosts'), '');
  const app = await startHeadlessApp({ knownHosts: join(dir, 'known_hosts'), pollInterval: '60s' });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  try {
    await addPausedServers(app.origin, app.token);
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const started = Date.now();
    await page.goto(app.url);
    await page.getByTestId('row-count').filter({ hasText: `${SERVERS} of ${SERVERS}` }).waitFor({ timeout: 60_000 });
    await page.getByTestId('server-row').first().waitFor();
    const shownMs = Date.now() - started;
    const rowsInDom = await page.getByTestId('server-row').count();

    // Scroll the table box from top to bottom over 2 s and back, one step per animation frame,
    // recording each frame's duration (a smooth table keeps them near 16.7 ms).
    const frames = await page.evaluate(
      () =>
        new Promise<number[]>((resolve) => {
          const box = document.querySelector<HTMLElement>('[data-testid="table-scroll"]')!;
          const times: number[] = [];
          const max = box.scrollHeight - box.clientHeight;
          let t0 = 0;
          let last = 0;
          const step = (t: number) => {
            if (!t0) t0 = last = t;
            else times.push(t - last);
            last = t;
            const phase = (t - t0) / 2000;
            if (phase >= 2) return resolve(times);
            box.scrollTop = phase < 1 ? phase * max : (2 - phase) * max;
            requestAnimationFrame(step);
          };
          requestAnimationFrame(step);
        }),
    );
    const maxRowsInDom = await page.getByTestId('server-row').count();
    console.log(
      JSON.stringify({
        servers: SERVERS,
        tableShownMs: shownMs,
        rowsInDomAtStart: rowsInDom,
        rowsInDomAfterScroll: maxRowsInDom,
        frames: frames.length,
        frameMsP50: Math.round(pct(frames, 50) * 10) / 10,
        frameMsP95: Math.round(pct(frames, 95) * 10) / 10,
        frameMsMax: Math.round(Math.max(...frames) * 10) / 10,
        framesOver50ms: frames.filter((f) => f > 50).length,
      }),
    );
  } finally {
    await browser.close();
    await app.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
