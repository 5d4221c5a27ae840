// One run of bench:scale (bench/scale.ts runs one of these per fleet size, each in its own process so
// one size's memory never shows in the next): N simulated servers in child processes, the real core in
// this one (createCore, its SQLite store on disk, a file logger, the default intervals), measured from
// inside. Optional fault storm: a share of the gateways crash at once and come back.
// Prints one JSON line (ScaleResult) on stdout at the end.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DatabaseSync } from 'node:sqlite';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { writeHeapSnapshot } from 'node:v8';
import { createCore } from '../src/core/create-core.ts';
import { writeTime } from '../src/core/history/sqlite.ts';
import { createLogger } from '../src/core/log.ts';
import { createMemorySettingsBackend } from '../src/core/settings/settings-store.ts';
import type { Alert, ServerStatus } from '../src/shared/domain.ts';
import { startSimFleet } from './sim/sim-fleet.ts';

const RESULTS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'results');

export interface StormResult {
  crashed: number;
  /** From the crash until every crashed server showed DOWN / had its server-down alert raised. */
  allDownMs: number | null;
  allAlertedMs: number | null;
  /** Desktop notices (alert.notify) raised during the storm, and how many servers the grouped ones list. */
  notices: number;
  listedServers: number;
  /** From the restart until every one showed UP again / had its alert resolved. */
  allUpMs: number | null;
  allResolvedMs: number | null;
  /** Servers outside the storm that changed status meanwhile (false transitions). */
  bystanderTransitions: number;
}

export interface ScaleResult {
  servers: number;
  pollIntervalMs: number;
  measuredMinutes: number;
  cpuPctOfOneCore: number;
  rssMbMax: number;
  rssMbEnd: number;
  heapMbEnd: number;
  cycleLagMs: { p50: number; p95: number; max: number; firstHalfP95: number; secondHalfP95: number };
  probeDurationMs: { p50: number; p95: number };
  eventLoopDelayP99Ms: number;
  sqliteWriteMsPerCycle: number;
  sqliteTransactionsPerCycle: number;
  dbGrowthKbPerServerPerDay: number;
  sshHandshakesPerMinute: number;
  snapshotsPerMinute: number;
  notUpAtEnd: number;
  notUpReasons?: Record<string, number>;
  simulatorCpuPctOfOneCore: number;
  storm?: StormResult;
}

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
};
const N = Number(arg('servers', '100'));
const MINUTES = Number(arg('minutes', '10'));
const WARMUP_S = Number(arg('warmup', '60'));
const STORM = Number(arg('storm', '0')); // share of servers crashed, e.g. 0.1
const INTERVAL = Number(arg('interval', '15000'));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const pct = (xs: number[], p: number) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length * p) / 100))]! : 0);
const countBy = (keys: string[]): Record<string, number> => keys.reduce<Record<string, number>>((acc, k) => ({ ...acc, [k]: (acc[k] ?? 0) + 1 }), {});
const round = (x: number, d = 1) => Math.round(x * 10 ** d) / 10 ** d;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'ym-scale-'));
  const sim = await startSimFleet({ count: N, dir });
  const dataDir = join(dir, 'data');
  const historyPath = join(dataDir, 'history.sqlite');
  mkdirSync(dataDir);
  const core = createCore({
    host: 'headless',
    appVersion: 'bench',
    dataDir,
    settingsBackend: createMemorySettingsBackend(),
    logger: createLogger({ filePath: join(dataDir, 'yardmaster.log'), stderr: false }),
    knownHostsPath: sim.knownHostsPath,
    agentSocket: '',
    sshConfigPath: join(dir, 'no-ssh-config'),
    pollIntervalMs: INTERVAL,
  });
  const ids: string[] = [];
  for (const s of sim.servers) {
    const r = await core.router.dispatch('servers.add', {
      name: `sim-${String(s.index).padStart(4, '0')}`,
      host: '127.0.0.1',
      sshPort: s.port,
      sshUser: 'oc',
      privateKeyPath: sim.privateKeyPath,
      gatewayPort: s.gatewayPort,
      role: ['ops', 'communications', 'development'][s.index % 3],
    });
    if (!r.ok) throw new Error(`servers.add: ${r.error.message}`);
    ids.push((r.value as { id: string }).id);
  }

  // What the window would see: every snapshot and alert event.
  const status = new Map<string, ServerStatus>();
  const errorKind = new Map<string, string>();
  const lastAt = new Map<string, number>();
  const lags: Array<{ at: number; lag: number }> = [];
  const durations: number[] = [];
  let snapshots = 0;
  const downAt = new Map<string, number>();
  const upAt = new Map<string, number>();
  const alertRaisedAt = new Map<string, number>();
  const alertResolvedAt = new Map<string, number>();
  const transitionsOf = new Map<string, number>();
  let notices: Array<{ serverIds: string[] }> = [];
  let measuring = false;
  core.events.on((topic, data) => {
    if (topic === 'server.snapshot') {
      const s = data as { serverId: string; status: ServerStatus; checkedAt: number; durationMs: number };
      snapshots++;
      const prevStatus = status.get(s.serverId);
      if (prevStatus && prevStatus !== s.status) transitionsOf.set(s.serverId, (transitionsOf.get(s.serverId) ?? 0) + 1);
      status.set(s.serverId, s.status);
      const kind = (data as { error?: { kind?: string } | null }).error?.kind;
      if (kind) errorKind.set(s.serverId, kind);
      else errorKind.delete(s.serverId);
      if (s.status === 'DOWN' && !downAt.has(s.serverId)) downAt.set(s.serverId, Date.now());
      if (s.status === 'UP' && downAt.has(s.serverId) && !upAt.has(s.serverId)) upAt.set(s.serverId, Date.now());
      const prev = lastAt.get(s.serverId);
      lastAt.set(s.serverId, s.checkedAt);
      if (measuring) durations.push(s.durationMs);
      // Scheduled cycles only (a probe-now after a link loss comes early and is not lag).
      if (measuring && prev !== undefined && s.checkedAt - prev >= INTERVAL / 2) lags.push({ at: Date.now(), lag: s.checkedAt - prev - INTERVAL });
    } else if (topic === 'alert.changed') {
      const a = data as Alert;
      if (a.rule !== 'server-down') return;
      if (a.resolvedAt === null && !alertRaisedAt.has(a.serverId)) alertRaisedAt.set(a.serverId, Date.now());
      if (a.resolvedAt !== null && alertRaisedAt.has(a.serverId)) alertResolvedAt.set(a.serverId, Date.now());
    } else if (topic === 'alert.notify') {
      const n = data as { alert: Alert; group?: { servers: Array<{ serverId: string }> } };
      notices.push({ serverIds: n.group ? n.group.servers.map((s) => s.serverId) : [n.alert.serverId] });
    }
  });

  core.start();
  await sleep(WARMUP_S * 1000);

  const reader = new DatabaseSync(historyPath, { readOnly: true });
  const dbBytes = () => {
    const page = reader.prepare('PRAGMA page_size').get() as { page_size: number };
    const count = reader.prepare('PRAGMA page_count').get() as { page_count: number };
    const free = reader.prepare('PRAGMA freelist_count').get() as { freelist_count: number };
    return (count.page_count - free.freelist_count) * page.page_size;
  };
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const simStart = await sim.counters();
  const cpuStart = process.cpuUsage();
  const wallStart = performance.now();
  const writeStart = { ...writeTime };
  const dbStart = dbBytes();
  const snapshotsStart = snapshots;
  measuring = true;
  let rssMax = 0;
  const end = Date.now() + MINUTES * 60_000;
  while (Date.now() < end) {
    await sleep(5_000);
    rssMax = Math.max(rssMax, process.memoryUsage().rss);
  }
  measuring = false;
  const wallMs = performance.now() - wallStart;
  const cpu = process.cpuUsage(cpuStart);
  loop.disable();
  const simEnd = await sim.counters();
  const cycles = wallMs / INTERVAL;
  const dbEnd = dbBytes();
  const half = wallStart + wallMs / 2 - performance.now() + Date.now();
  const mem = process.memoryUsage();
  // --heap-snapshot: what the heap holds after the run, for Chrome DevTools or bench/heap-summary.ts.
  if (process.argv.includes('--heap-snapshot')) process.stderr.write(`heap snapshot: ${writeHeapSnapshot(join(RESULTS_DIR, `scale-${N}.heapsnapshot`))}\n`);
  const result: ScaleResult = {
    servers: N,
    pollIntervalMs: INTERVAL,
    measuredMinutes: round(wallMs / 60_000, 2),
    cpuPctOfOneCore: round(((cpu.user + cpu.system) / 1000 / wallMs) * 100),
    rssMbMax: round(rssMax / 2 ** 20),
    rssMbEnd: round(mem.rss / 2 ** 20),
    heapMbEnd: round(mem.heapUsed / 2 ** 20),
    cycleLagMs: {
      p50: pct(lags.map((l) => l.lag), 50),
      p95: pct(lags.map((l) => l.lag), 95),
      max: Math.max(0, ...lags.map((l) => l.lag)),
      firstHalfP95: pct(lags.filter((l) => l.at < half).map((l) => l.lag), 95),
      secondHalfP95: pct(lags.filter((l) => l.at >= half).map((l) => l.lag), 95),
    },
    probeDurationMs: { p50: pct(durations, 50), p95: pct(durations, 95) },
    eventLoopDelayP99Ms: round(loop.percentile(99) / 1e6),
    sqliteWriteMsPerCycle: round((writeTime.ms - writeStart.ms) / cycles),
    sqliteTransactionsPerCycle: round((writeTime.transactions - writeStart.transactions) / cycles),
    dbGrowthKbPerServerPerDay: round(((dbEnd - dbStart) / N / (wallMs / 86_400_000)) / 1024),
    sshHandshakesPerMinute: round((simEnd.counters.handshakes - simStart.counters.handshakes) / (wallMs / 60_000)),
    snapshotsPerMinute: round((snapshots - snapshotsStart) / (wallMs / 60_000)),
    notUpAtEnd: ids.filter((id) => status.get(id) !== 'UP').length,
    // Why they were not UP: status and classified error kind, counted.
    notUpReasons: countBy(ids.filter((id) => status.get(id) !== 'UP').map((id) => `${status.get(id) ?? 'none'}:${errorKind.get(id) ?? '-'}`)),
    simulatorCpuPctOfOneCore: round(((simEnd.cpuMicros - simStart.cpuMicros) / 1000 / wallMs) * 100),
  };

  if (STORM > 0) result.storm = await storm();

  async function storm(): Promise<StormResult> {
    const step = Math.round(1 / STORM);
    const victims = sim.servers.filter((s) => s.index % step === 0);
    const victimIds = new Set(victims.map((s) => ids[s.index]!));
    for (const m of [downAt, upAt, alertRaisedAt, alertResolvedAt, transitionsOf]) m.clear();
    notices = [];
    const t0 = Date.now();
    sim.down(victims.map((s) => s.index));
    const waitFor = async (done: () => boolean, limitMs: number) => {
      const until = Date.now() + limitMs;
      while (!done() && Date.now() < until) await sleep(100);
    };
    const allIn = (m: Map<string, number>) => [...victimIds].every((id) => m.has(id));
    const latest = (m: Map<string, number>, from: number) => (allIn(m) ? Math.max(...[...victimIds].map((id) => m.get(id)!)) - from : null);
    await waitFor(() => allIn(downAt) && allIn(alertRaisedAt), 3 * 60_000);
    await sleep(10_000); // let grouped notices go out
    const stormNotices = notices;
    const t1 = Date.now();
    sim.up(victims.map((s) => s.index));
    await waitFor(() => allIn(upAt) && allIn(alertResolvedAt), 3 * 60_000);
    const listed = new Set(stormNotices.flatMap((n) => n.serverIds).filter((id) => victimIds.has(id)));
    return {
      crashed: victims.length,
      allDownMs: latest(downAt, t0),
      allAlertedMs: latest(alertRaisedAt, t0),
      notices: stormNotices.length,
      listedServers: listed.size,
      allUpMs: latest(upAt, t1),
      allResolvedMs: latest(alertResolvedAt, t1),
      bystanderTransitions: [...transitionsOf].filter(([id]) => !victimIds.has(id)).reduce((n, [, c]) => n + c, 0),
    };
  }

  reader.close();
  // The figures first: a fault while the core shuts down must not lose the measurement.
  process.stdout.write(`${JSON.stringify(result)}\n`);
  await core.stop();
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
