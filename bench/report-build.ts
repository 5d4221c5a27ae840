// npm run bench:report — how long building an incident report takes for a 24 h window (and a 30-day
// one) when the store holds BENCH_SERVERS (50) servers at a 15 s poll for 30 h, 20 % of them with a
// 5-minute outage in the window. The history is written by the real HistoryStore (the collector's own
// writes), and the report by the real ReportService, so no fleet is needed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServerConfig, ServerSnapshot, ServerStatus } from '../src/shared/domain.ts';
import { sqliteAlertStore } from '../src/core/alerts/alert-store.ts';
import { openHistoryStore } from '../src/core/history/history-store.ts';
import { createLogger } from '../src/core/log.ts';
import { createReports } from '../src/core/reports/create-reports.ts';
import { installPseudonyms } from '../src/core/privacy/pseudonyms.ts';

const SERVERS = Number(process.env.BENCH_SERVERS ?? 50);
const RUNS = Number(process.env.BENCH_RUNS ?? 20);
const HOUR = 3_600_000;
const STEP = 15_000;
const dir = mkdtempSync(join(tmpdir(), 'ym-bench-report-'));
const history = openHistoryStore(join(dir, 'history.sqlite'));
const now = Date.now();
const from = now - 30 * HOUR;
const outageAt = now - 6 * HOUR;

const servers: ServerConfig[] = Array.from({ length: SERVERS }, (_, i) => ({
  id: `srv-${i}`, name: `s${i}`, host: `gw-${i}.example`, sshPort: 22, sshUser: 'ops', privateKeyPath: '/k', gatewayPort: 18789, enabled: true, createdAt: 0,
}));
const snapshot = (serverId: string, status: ServerStatus, at: number, i: number): ServerSnapshot => ({
  serverId, status, checkedAt: at, statusSince: at, notUpSince: null, failureStreak: 0, durationMs: 30 + (i % 20),
  version: status === 'UP' ? '2026.9.6' : null, build: null, agents: [], gateway: null,
  runtime: status === 'UP' ? ({ rssBytes: 4e8 + (at % HOUR) * 10, heapUsedBytes: null, eventLoopDelayP99Ms: 10 + (i % 7) } as never) : null,
  sessions: null, heartbeats: null, stores: null, cliVersion: null, error: status === 'UP' ? null : { kind: 'gateway-unreachable', message: '' },
});

const t0 = performance.now();
const alerts = sqliteAlertStore(history.db);
for (const [n, s] of servers.entries()) {
  const flaky = n % 5 === 0;
  let last: ServerStatus = 'UNKNOWN';
  history.db.exec('BEGIN');
  for (let at = from, i = 0; at <= now; at += STEP, i++) {
    const status: ServerStatus = flaky && at >= outageAt && at < outageAt + 5 * 60_000 ? 'DOWN' : 'UP';
    const t = status !== last ? { serverId: s.id, at, from: last, to: status, outageMs: status === 'UP' && last === 'DOWN' ? 5 * 60_000 : null, errorKind: null, errorMessage: null } : null;
    history.recordSnapshot(snapshot(s.id, status, at, i), t);
    last = status;
  }
  history.db.exec('COMMIT');
  if (flaky) {
    alerts.upsert({ id: `a-${n}`, rule: 'server-down', severity: 'critical', serverId: s.id, agentId: null, summary: '', startedAt: outageAt + 2_000, resolvedAt: outageAt + 5 * 60_000, inhibited: false, silencedBy: null, ackedAt: null, ackedBy: null });
  }
}
const seedS = (performance.now() - t0) / 1000;

const { service } = createReports({ dataDir: dir, pseudonyms: installPseudonyms(join(dir, 'pseudonym.key')), db: history.db, servers: () => servers, agentsOf: () => ['main', 'ops'], logger: createLogger({ stderr: false }) });
const time = (build: () => unknown): number[] => {
  const out: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const s = performance.now();
    build();
    out.push(performance.now() - s);
  }
  return out.sort((a, b) => a - b);
};
const q = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor(p * xs.length))]!.toFixed(1);
const day = time(() => service.create({ from: { range: { from: now - 24 * HOUR, to: now } } }));
const alertReport = time(() => service.create({ from: { alertId: 'a-0' } }));
const month = time(() => service.create({ from: { range: { from: now - 30 * 24 * HOUR, to: now } } }));
console.log(`bench:report — ${SERVERS} servers, 30 h of 15 s probes (${seedS.toFixed(1)} s to seed), ${SERVERS / 5} with a 5-min outage, ${RUNS} runs each`);
console.log('report                      p50 ms   p95 ms   max ms');
for (const [name, xs] of [['fleet range, 24 h', day], ['one alert (6 h lead-in)', alertReport], ['fleet range, 30 d', month]] as const) {
  console.log(`${name.padEnd(26)} ${q(xs, 0.5).padStart(7)}  ${q(xs, 0.95).padStart(7)}  ${xs[xs.length - 1]!.toFixed(1).padStart(7)}`);
}
history.close();
rmSync(dir, { recursive: true, force: true });
