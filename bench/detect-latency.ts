// npm run bench:detect — how fast a human hears about it: on one real test server watched by the
// built headless app at the default 15 s poll, the time from SIGKILL of the gateway (crash) and from
// SIGSTOP (hang) to the server-down alert reaching the window's WebSocket. Median of BENCH_RUNS (5).
// First, a healthy period (BENCH_HEALTHY_MS, 10 min) with heartbeats running every minute, with the
// same fast detection on: every alert raised and every status change in it is a false alert.
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { startTestFleet } from '../e2e/fixture/test-fleet.ts';
import { startHeadlessApp } from '../e2e/support/headless-app.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const HEALTHY_MS = Number(process.env.BENCH_HEALTHY_MS ?? 10 * 60_000);
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'ym-detect-'));
  chmodSync(root, 0o755);
  const fleet = await startTestFleet({ root, servers: [{ name: 'detect1' }], heartbeatEvery: '1m' });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void fleet.stop().finally(() => process.exit(130)));
  const server = fleet.server('detect1');
  const info = server.info;
  const app = await startHeadlessApp({ knownHosts: info.knownHostsPath, pollInterval: '15s', extraArgs: ['--alert-hold-down', '1s'] });
  const ws = new WebSocket(`${app.origin.replace('http', 'ws')}/rpc`, ['yardmaster.v1', `yardmaster.token.${app.token}`], { origin: app.origin });
  await new Promise((r, j) => (ws.once('open', r), ws.once('error', j)));
  const waiters: Array<(frame: { topic: string; data: Record<string, unknown> }) => boolean> = [];
  ws.on('message', (raw) => {
    const f = JSON.parse(raw.toString());
    if (f.type !== 'event') return;
    for (let i = waiters.length - 1; i >= 0; i--) if (waiters[i]!(f)) waiters.splice(i, 1);
  });
  const waitFor = (match: (f: { topic: string; data: Record<string, unknown> }) => boolean, timeoutMs = 120_000) =>
    new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('timed out waiting')), timeoutMs);
      waiters.push((f) => {
        if (!match(f)) return false;
        clearTimeout(timer);
        resolve(Date.now());
        return true;
      });
    });
  const downAlert = (f: { topic: string; data: Record<string, unknown> }) => f.topic === 'alert.changed' && f.data.rule === 'server-down' && f.data.resolvedAt === null;
  const up = (f: { topic: string; data: Record<string, unknown> }) => f.topic === 'server.snapshot' && f.data.status === 'UP';

  const isUp = waitFor(up);
  ws.send(JSON.stringify({ type: 'invoke', id: 1, method: 'servers.add', payload: { name: 'detect1', host: '127.0.0.1', sshPort: info.sshPort, sshUser: info.sshUser, privateKeyPath: info.privateKeyPath, gatewayPort: info.gatewayPort } }));
  await isUp;
  const crash: number[] = [];
  const hang: number[] = [];
  const falseAlerts: string[] = [];
  try {
    // The healthy period: nothing is wrong, so anything raised or any status other than UP is false.
    const healthyWatch = (f: { topic: string; data: Record<string, unknown> }) => {
      const alert = `alert ${String(f.data.rule)} ${String(f.data.id)}`;
      if (f.topic === 'alert.changed' && f.data.resolvedAt === null && !falseAlerts.includes(alert)) falseAlerts.push(alert);
      if (f.topic === 'server.snapshot' && f.data.status !== 'UP') falseAlerts.push(`status ${String(f.data.status)}`);
      return false;
    };
    waiters.push(healthyWatch);
    console.log(`healthy period: ${Math.round(HEALTHY_MS / 60_000)} min with heartbeats every minute…`);
    await sleep(HEALTHY_MS);
    waiters.splice(waiters.indexOf(healthyWatch), 1);
    console.log(`healthy period: ${falseAlerts.length} false alerts${falseAlerts.length ? ` (${[...new Set(falseAlerts)].join(', ')})` : ''}`);

    for (let i = 0; i < RUNS; i++) {
      await sleep(3_000 + Math.random() * 12_000); // land anywhere in the poll cycle
      let alerted = waitFor(downAlert);
      let t0 = Date.now();
      await server.stopGateway('SIGKILL');
      crash.push((await alerted) - t0);
      let back = waitFor(up);
      await server.startGateway();
      await back;

      await sleep(3_000 + Math.random() * 12_000);
      alerted = waitFor(downAlert);
      t0 = Date.now();
      server.pauseGateway();
      hang.push((await alerted) - t0);
      back = waitFor(up);
      server.resumeGateway();
      await back;
      console.log(`run ${i + 1}: crash → alert ${(crash[i]! / 1000).toFixed(1)} s, hang → alert ${(hang[i]! / 1000).toFixed(1)} s`);
    }
    console.log(`crash → alert: median ${(median(crash) / 1000).toFixed(2)} s over ${RUNS} runs (target ≤ 1 s)`);
    console.log(`hang → alert: median ${(median(hang) / 1000).toFixed(2)} s over ${RUNS} runs (target ≤ 5 s)`);
    console.log(`false alerts over ${Math.round(HEALTHY_MS / 60_000)} healthy minutes: ${falseAlerts.length} (target 0)`);
    const out = join(process.cwd(), 'bench', 'results');
    mkdirSync(out, { recursive: true });
    const result = { at: new Date().toISOString(), runs: RUNS, crashMs: crash, hangMs: hang, crashMedianMs: median(crash), hangMedianMs: median(hang), healthyMinutes: HEALTHY_MS / 60_000, falseAlerts };
    writeFileSync(join(out, 'detect.json'), JSON.stringify(result, null, 2) + '\n');
  } finally {
    ws.close();
    await app.stop();
    await fleet.stop();
  }
}

void main().catch((err) => {
  console.error(err);
  process.exit(1);
});
