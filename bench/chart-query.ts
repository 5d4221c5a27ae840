// npm run bench:chart — how long the Sessions view's 30-day chart query for one server takes when the
// history holds 1,000 servers' session-health rollups. In-process against a real SQLite file built by
// the real HealthHistory code (the same writes the collector does), so no fleet is needed.
// Prints p50/p95/max over BENCH_QUERIES (200) queries; the target is p95 < 20 ms.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HealthHistory } from '../src/core/history/health-history.ts';
import { HOUR, MINUTE, openHistoryStore } from '../src/core/history/history-store.ts';

const SERVERS = Number(process.env.BENCH_SERVERS ?? 1000);
const AGENTS = 2;
const SESSIONS = 4; // charted sessions per server kept in this fixture (the live cap is 50; the query cost does not depend on it)
const DAYS = 30;
const QUERIES = Number(process.env.BENCH_QUERIES ?? 200);
const TARGET_P95_MS = 20;

const dir = mkdtempSync(join(tmpdir(), 'ym-bench-chart-'));
const file = join(dir, 'history.sqlite');
const store = openHistoryStore(file);
const db = store.db;
const health = new HealthHistory(db);
const now = Date.now() - (Date.now() % HOUR);
const from = now - DAYS * 24 * HOUR;

// Hour rollups for 30 days for every series (what a 30-day chart reads), written directly in bulk:
// replaying 43,200 minute samples per series through addSamples would take an hour to build.
const t0 = performance.now();
const put = db.prepare(
  'INSERT INTO health_rollups (resolution_ms, server_id, dimension, metric, bucket, min, max, sum, count) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
);
let rows = 0;
for (let s = 0; s < SERVERS; s++) {
  const serverId = `server-${String(s).padStart(4, '0')}`;
  db.exec('BEGIN');
  for (let b = from; b <= now; b += HOUR) {
    const phase = ((b - from) / HOUR + s) % 48;
    for (let a = 0; a < AGENTS; a++) {
      const dim = `agent:agent${a}`;
      const fill = 0.2 + 0.015 * phase;
      put.run(HOUR, serverId, dim, 'max_fill', b, fill * 0.9, fill, fill * 60, 60);
      put.run(HOUR, serverId, dim, 'rows', b, 100 + s, 100 + s, (100 + s) * 60, 60);
      put.run(HOUR, serverId, dim, 'zero_rows', b, 10, 12, 660, 60);
      put.run(HOUR, serverId, dim, 'store_bytes', b, 1e7, 1e7, 6e8, 60);
      rows += 4;
    }
    for (let k = 0; k < SESSIONS; k++) {
      const dim = `session:agent:agent0:s${k}`;
      put.run(HOUR, serverId, dim, 'fill', b, 0.1, 0.2 + 0.01 * phase, 9, 60);
      put.run(HOUR, serverId, dim, 'tokens', b, 6000, 12000 + 600 * phase, 540000, 60);
      rows += 2;
    }
  }
  db.exec('COMMIT');
}
// Plus a last day of live-path writes for one server (minute rollups and raw samples via addSamples).
for (let t = now - 24 * HOUR; t < now; t += MINUTE) {
  health.addSamples('server-0500', t, [
    { dimension: 'agent:agent0', metric: 'max_fill', value: 0.5 },
    { dimension: 'session:agent:agent0:s0', metric: 'fill', value: 0.5 },
  ]);
}
db.exec('ANALYZE');
const buildS = (performance.now() - t0) / 1000;

const timings: number[] = [];
let points = 0;
for (let i = 0; i < QUERIES; i++) {
  const serverId = `server-${String(Math.floor(Math.random() * SERVERS)).padStart(4, '0')}`;
  const q0 = performance.now();
  // What the Sessions view asks for one server over 30 days: every agent's fill, plus one session's fill.
  const agents = health.seriesByPrefix(serverId, 'agent:', 'max_fill', from, now, now);
  const session = health.series(serverId, 'session:agent:agent0:s0', 'fill', from, now, now);
  timings.push(performance.now() - q0);
  points += [...agents.byDimension.values()].reduce((n, p) => n + p.length, 0) + session.points.length;
}
timings.sort((a, b) => a - b);
const pick = (q: number) => timings[Math.min(timings.length - 1, Math.floor(q * timings.length))]!;
const p95 = pick(0.95);
const mb = statSync(file).size / 1048576;
console.log(`chart query: ${SERVERS} servers, ${rows.toLocaleString('en')} hourly rollup rows, ${mb.toFixed(0)} MB history (built in ${buildS.toFixed(0)} s)`);
console.log(`30-day chart for one server (all agents' fill + one session's fill, ${Math.round(points / QUERIES)} points): p50 ${pick(0.5).toFixed(2)} ms, p95 ${p95.toFixed(2)} ms, max ${timings.at(-1)!.toFixed(2)} ms over ${QUERIES} queries`);
console.log(`target p95 < ${TARGET_P95_MS} ms: ${p95 < TARGET_P95_MS ? 'met' : 'MISSED'}`);
store.close();
rmSync(dir, { recursive: true, force: true });
if (p95 >= TARGET_P95_MS) process.exitCode = 1;
