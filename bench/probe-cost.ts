// npm run bench:probe — what watching costs the watched server. Starts one real test server (OpenClaw
// gateway + sshd, heartbeats off so they do not add noise), then measures the CPU time of the server's
// process trees (sshd with every session and command it ran, and the gateway with its workers), each
// tree on its own:
//   1. BENCH_ROUNDS (3) rounds of: idle, nobody watching; then Yardmaster watching it (the built
//      headless app, default path: persistent SSH + gateway WebSocket with its pings, liveness every
//      interval, RPC facts every 60 s). Alternating, so the gateway's own drifting background work
//      (the noise floor) falls on both alike;
//   2. the same facts on the same schedule with the `openclaw` CLI over SSH, as a script would:
//      `health --json` every interval, plus `status`, `sessions` and `cron list` every 60 s;
//   3. the naive script: all four CLI commands every interval.
// Prints CPU-seconds per minute above idle (per tree for Yardmaster) and the ratios.
import { spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { startTestFleet } from '../e2e/fixture/test-fleet.ts';
import { startHeadlessApp } from '../e2e/support/headless-app.ts';

const WINDOW_MS = Number(process.env.BENCH_WINDOW_MS ?? 120_000);
const RPC_INTERVAL_MS = 60_000;
const INTERVAL_MS = Number(process.env.BENCH_INTERVAL_MS ?? 15_000);
const TICKS_PER_SECOND = 100; // USER_HZ on Linux
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SETTLE_MS = Number(process.env.BENCH_SETTLE_MS ?? 90_000);

/** utime+stime (ticks) of every live process in the trees under the given root pids. */
function treeTicks(roots: number[]): Map<number, number> {
  const parent = new Map<number, number>();
  const ticks = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parent.set(Number(name), Number(f[1]));
      ticks.set(Number(name), Number(f[11]) + Number(f[12]));
    } catch {
      // exited while we looked
    }
  }
  const out = new Map<number, number>();
  const rootSet = new Set(roots);
  for (const [pid, t] of ticks) {
    for (let p: number | undefined = pid; p && p > 1; p = parent.get(p)) {
      if (rootSet.has(p)) {
        out.set(pid, t);
        break;
      }
    }
  }
  return out;
}

/**
 * CPU used by the trees during `during()`. Sampled every 100 ms rather than read from cutime at the
 * end, because a sandboxed kernel may not fold exited children into their parent's cutime: each
 * process counts from its first sighting (or from 0 if born during the window) to its last.
 */
async function cpuDuring(groups: Record<string, () => number[]>, during: () => Promise<void>): Promise<Record<string, number>> {
  const first = new Map<string, number>();
  const last = new Map<string, number>();
  const sample = (initial: boolean) => {
    for (const [group, roots] of Object.entries(groups)) {
      for (const [pid, t] of treeTicks(roots())) {
        const key = `${group}:${pid}`;
        if (!first.has(key)) first.set(key, initial ? t : 0);
        last.set(key, t);
      }
    }
  };
  sample(true);
  const timer = setInterval(() => sample(false), 100);
  try {
    await during();
  } finally {
    clearInterval(timer);
  }
  sample(false);
  const out: Record<string, number> = Object.fromEntries(Object.keys(groups).map((g) => [g, 0]));
  for (const [key, t] of last) out[key.slice(0, key.indexOf(':'))]! += (t - (first.get(key) ?? 0)) / TICKS_PER_SECOND;
  return out;
}

function sshdPidOf(rootDir: string): number {
  for (const name of readdirSync('/proc').filter((n) => /^\d+$/.test(n))) {
    try {
      const cmd = readFileSync(`/proc/${name}/cmdline`, 'utf8');
      if (cmd.includes('sshd') && cmd.includes(rootDir)) {
        const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        const parentCmd = readFileSync(`/proc/${ppid}/cmdline`, 'utf8');
        if (!(parentCmd.includes('sshd') && parentCmd.includes(rootDir))) return Number(name);
      }
    } catch {
      // gone
    }
  }
  throw new Error('sshd of the test server not found');
}

interface Cost {
  total: number;
  sshd: number;
  gateway: number;
}

let groups: Record<'sshd' | 'gateway', () => number[]> = { sshd: () => [], gateway: () => [] };

async function measure(label: string, during: () => Promise<void>): Promise<Cost> {
  const started = Date.now();
  const seconds = await cpuDuring(groups, during);
  const minutes = (Date.now() - started) / 60_000;
  const cost = { sshd: seconds.sshd! / minutes, gateway: seconds.gateway! / minutes, total: (seconds.sshd! + seconds.gateway!) / minutes };
  console.log(`${label.padEnd(46)} ${cost.total.toFixed(3)} CPU-s/min (sshd ${cost.sshd.toFixed(3)}, gateway ${cost.gateway.toFixed(3)})`);
  return cost;
}

const mean = (xs: Cost[], k: keyof Cost) => xs.reduce((a, x) => a + x[k], 0) / xs.length;

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** One watched window: a fresh console adds the server, connects, settles, then is measured. */
async function watchedWindow(round: number, info: { knownHostsPath: string; sshPort: number; sshUser: string; privateKeyPath: string; gatewayPort: number }): Promise<Cost> {
  const app = await startHeadlessApp({ knownHosts: info.knownHostsPath, pollInterval: `${INTERVAL_MS}ms` });
  try {
    // The console accepts only its own Origin, as a browser on its page would send.
    const ws = new WebSocket(`${app.origin.replace('http', 'ws')}/rpc`, ['yardmaster.v1', `yardmaster.token.${app.token}`], { origin: app.origin });
    await new Promise((r, j) => (ws.once('open', r), ws.once('error', j)));
    ws.send(
      JSON.stringify({
        type: 'invoke',
        id: 1,
        method: 'servers.add',
        payload: { name: 'bench1', host: '127.0.0.1', sshPort: info.sshPort, sshUser: info.sshUser, privateKeyPath: info.privateKeyPath, gatewayPort: info.gatewayPort },
      }),
    );
    await sleep(INTERVAL_MS + 5_000); // connection set-up happens once; measure steady state
    const cost = await measure(`round ${round}: Yardmaster (SSH pool + gateway WebSocket)`, () => sleep(WINDOW_MS));
    ws.close();
    return cost;
  } finally {
    await app.stop();
  }
}

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'ym-bench-'));
  chmodSync(root, 0o755);
  const fleet = await startTestFleet({ root, servers: [{ name: 'bench1' }], heartbeatEvery: '0m' });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void fleet.stop().finally(() => process.exit(130)));
  }
  const server = fleet.server('bench1');
  const info = server.info;
  const sshd = sshdPidOf(info.rootDir);
  groups = { sshd: () => [sshd], gateway: () => [server.gatewayPid() ?? 0].filter(Boolean) };
  console.log(`probe cost on the watched server: ${ROUNDS} rounds of idle / watched, window ${WINDOW_MS / 1000} s, interval ${INTERVAL_MS / 1000} s, openclaw ${info.openclawVersion}`);
  try {
    await sleep(SETTLE_MS); // a fresh gateway does start-up work (plugin catalog, stores) for a while
    // Idle and watched windows alternate, so the gateway's own background work, which drifts over
    // minutes, falls on both alike; the sshd tree has no background work and is the exact part.
    const idles: Cost[] = [];
    const watched: Cost[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      idles.push(await measure(`round ${round}: idle (nobody watching)`, () => sleep(WINDOW_MS)));
      watched.push(await watchedWindow(round, info));
    }
    const idle = { total: mean(idles, 'total'), sshd: mean(idles, 'sshd'), gateway: mean(idles, 'gateway') };
    const yardmaster = { total: mean(watched, 'total'), sshd: mean(watched, 'sshd'), gateway: mean(watched, 'gateway') };
    console.log(
      `Yardmaster above idle: ${(yardmaster.total - idle.total).toFixed(3)} CPU-s/min (sshd ${(yardmaster.sshd - idle.sshd).toFixed(3)}, gateway ${(yardmaster.gateway - idle.gateway).toFixed(3)}; target ≤ 0.15); ` +
        `idle spread ${Math.min(...idles.map((x) => x.total)).toFixed(3)}–${Math.max(...idles.map((x) => x.total)).toFixed(3)}`,
    );

    const failures: string[] = [];
    const ssh = (command: string) =>
      new Promise<void>((resolve) => {
        const child = spawn(
          'ssh',
          ['-p', String(info.sshPort), '-i', info.privateKeyPath, '-o', `UserKnownHostsFile=${info.knownHostsPath}`, '-o', 'StrictHostKeyChecking=yes', '-o', 'BatchMode=yes', `${info.sshUser}@127.0.0.1`, command],
          { stdio: ['ignore', 'ignore', 'pipe'] },
        );
        let stderr = '';
        child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
        child.on('exit', (code) => {
          if (code !== 0) failures.push(`exit ${code}: ${stderr.trim().slice(0, 200)}`);
          resolve();
        });
      });
    const HEALTH = 'openclaw health --json >/dev/null';
    const FACTS = 'openclaw status --json >/dev/null; openclaw sessions --all-agents --json --limit all >/dev/null; openclaw cron list --all --json >/dev/null';
    const pollLoop = (factsEvery: number) => async () => {
      const end = Date.now() + WINDOW_MS;
      let lastFacts = 0;
      while (Date.now() < end) {
        const next = Date.now() + INTERVAL_MS;
        const withFacts = Date.now() - lastFacts >= factsEvery;
        if (withFacts) lastFacts = Date.now();
        await ssh(withFacts ? `${HEALTH}; ${FACTS}` : HEALTH);
        await sleep(Math.max(0, next - Date.now()));
      }
    };
    const cli = (await measure('CLI over SSH, same facts and schedule', pollLoop(RPC_INTERVAL_MS))).total;
    const naive = (await measure('CLI over SSH, everything every interval', pollLoop(0))).total;
    if (failures.length) console.log(`CLI polls that failed: ${failures.length}; first: ${failures[0]}`);
    const above = (x: number) => x - idle.total;
    console.log(`above idle (${idle.total.toFixed(3)}): Yardmaster ${above(yardmaster.total).toFixed(3)}, CLI same schedule ${above(cli).toFixed(3)}, CLI naive ${above(naive).toFixed(3)} CPU-s/min`);
    const ratio = (x: number) => (above(yardmaster.total) > 0.005 ? `${(above(x) / above(yardmaster.total)).toFixed(1)}x` : 'Yardmaster below the noise floor');
    console.log(`ratio CLI same schedule / Yardmaster: ${ratio(cli)}; naive CLI / Yardmaster: ${ratio(naive)}  (target: at least 10x)`);
  } finally {
    await fleet.stop();
  }
}

void main().catch((err) => {
  console.error(err);
  process.exit(1);
});
