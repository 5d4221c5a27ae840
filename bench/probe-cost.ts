// npm run bench:probe — what watching costs the watched server. Starts one real test server (OpenClaw
// gateway + sshd, heartbeats off so they do not add noise), then measures the CPU time of the server's
// process trees (sshd with every session and command it ran, and the gateway with its workers):
//   1. idle, nobody watching (baseline, measured before and after, averaged: the gateway's own
//      background work is the noise floor);
//   2. Yardmaster watching it: the built headless app, default path (persistent SSH + gateway
//      WebSocket; liveness every interval, RPC facts every 60 s);
//   3. the same facts on the same schedule with the `openclaw` CLI over SSH, as a script would:
//      `health --json` every interval, plus `status`, `sessions` and `cron list` every 60 s;
//   4. the naive script: all four CLI commands every interval.
// Prints CPU-seconds per minute above idle for 2–4 and the ratios.
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
async function cpuDuring(roots: () => number[], during: () => Promise<void>): Promise<number> {
  const first = new Map<number, number>();
  const last = new Map<number, number>();
  const sample = (initial: boolean) => {
    for (const [pid, t] of treeTicks(roots())) {
      if (!first.has(pid)) first.set(pid, initial ? t : 0);
      last.set(pid, t);
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
  let ticks = 0;
  for (const [pid, t] of last) ticks += t - (first.get(pid) ?? 0);
  return ticks / TICKS_PER_SECOND;
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

async function measure(label: string, pids: () => number[], during: () => Promise<void>): Promise<number> {
  const started = Date.now();
  const seconds = await cpuDuring(pids, during);
  const minutes = (Date.now() - started) / 60_000;
  const perMinute = seconds / minutes;
  console.log(`${label.padEnd(46)} ${perMinute.toFixed(3)} CPU-s/min`);
  return perMinute;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

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
  const pids = () => [sshd, server.gatewayPid() ?? 0].filter(Boolean);
  console.log(`probe cost on the watched server: window ${WINDOW_MS / 1000} s, interval ${INTERVAL_MS / 1000} s, openclaw ${info.openclawVersion}`);
  try {
    await sleep(20_000); // let start-up work settle
    const idle = await measure('idle (nobody watching)', pids, () => sleep(WINDOW_MS));

    const app = await startHeadlessApp({ knownHosts: info.knownHostsPath, pollInterval: `${INTERVAL_MS}ms` });
    let yardmaster: number;
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
      yardmaster = await measure('Yardmaster (SSH pool + gateway WebSocket)', pids, () => sleep(WINDOW_MS));
      ws.close();
    } finally {
      await app.stop();
    }

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
    const cli = await measure('CLI over SSH, same facts and schedule', pids, pollLoop(RPC_INTERVAL_MS));
    const naive = await measure('CLI over SSH, everything every interval', pids, pollLoop(0));
    const idleAfter = await measure('idle again', pids, () => sleep(WINDOW_MS));
    if (failures.length) console.log(`CLI polls that failed: ${failures.length}; first: ${failures[0]}`);
    const floor = (idle + idleAfter) / 2;
    const above = (x: number) => x - floor;
    console.log(`above idle (${floor.toFixed(3)}): Yardmaster ${above(yardmaster).toFixed(3)}, CLI same schedule ${above(cli).toFixed(3)}, CLI naive ${above(naive).toFixed(3)} CPU-s/min`);
    const ratio = (x: number) => (above(yardmaster) > 0.005 ? `${(above(x) / above(yardmaster)).toFixed(1)}x` : 'Yardmaster below the noise floor');
    console.log(`ratio CLI same schedule / Yardmaster: ${ratio(cli)}; naive CLI / Yardmaster: ${ratio(naive)}  (target: at least 10x)`);
  } finally {
    await fleet.stop();
  }
}

void main().catch((err) => {
  console.error(err);
  process.exit(1);
});
