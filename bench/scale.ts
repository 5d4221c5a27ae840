// npm run bench:scale — the real core against 100, 500 and 1,000 simulated OpenClaw servers.
//   --servers 100,500,1000   fleet sizes (each its own process: bench/scale-run.ts)
//   --minutes 10             measured minutes per size (after --warmup seconds, default 90)
//   --storm 0.1              at the largest size, crash this share of gateways at once and bring them back
//   --node-flags "<flags>"   Node/V8 flags for the console process (default: the ones the systemd unit
//                            gives the ops service, deploy/yardmaster.service; "" for Node's defaults)
//   --cpu-prof               write a V8 CPU profile of each run's console process into bench/results/
//   --out bench/results/scale.json
//   --table-from <results.json>   only print the table of an earlier run
// Prints a table and writes the results as JSON. Figures are measurements, never pass/fail.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execStartOf, nodeFlagsOf } from '../src/server/service/unit-file.ts';
import type { ScaleResult } from './scale-run.ts';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1]! : fallback;
};
const here = dirname(fileURLToPath(import.meta.url));
const sizes = arg('servers', '100,500,1000').split(',').map(Number);
const minutes = arg('minutes', '10');
const warmup = arg('warmup', '90');
const storm = arg('storm', '0.1');
const interval = arg('interval', '15000');
const out = arg('out', join(here, 'results', 'scale.json'));
const profile = process.argv.includes('--cpu-prof');
const heapSnapshot = process.argv.includes('--heap-snapshot');
const serviceFlags = nodeFlagsOf(execStartOf(readFileSync(join(here, '..', 'deploy', 'yardmaster.service'), 'utf8')));
const nodeFlags = arg('node-flags', serviceFlags.join(' ')).split(' ').filter(Boolean);

function runOne(n: number, withStorm: boolean): Promise<ScaleResult> {
  const flags = [...nodeFlags, '--experimental-transform-types', '--disable-warning=ExperimentalWarning', '--disable-warning=MODULE_TYPELESS_PACKAGE_JSON', '--import', join(here, 'ts-resolve.mjs')];
  if (profile) flags.push('--cpu-prof', `--cpu-prof-dir=${join(here, 'results')}`, `--cpu-prof-name=scale-${n}.cpuprofile`);
  const args = [...flags, join(here, 'scale-run.ts'), '--servers', String(n), '--minutes', minutes, '--warmup', warmup, '--interval', interval, '--storm', withStorm ? storm : '0', ...(heapSnapshot ? ['--heap-snapshot'] : [])];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.on('exit', (code) => {
      const line = stdout.trim().split('\n').at(-1) ?? '';
      if (!line.startsWith('{')) return reject(new Error(`scale run for ${n} servers failed (exit ${code})`));
      if (code !== 0) process.stderr.write(`bench:scale: the ${n}-server run measured, then failed while shutting down (exit ${code})\n`);
      resolve(JSON.parse(line) as ScaleResult);
    });
  });
}

function table(results: ScaleResult[]): string {
  const rows: Array<[string, (r: ScaleResult) => string]> = [
    ['Console CPU (% of one core)', (r) => `${r.cpuPctOfOneCore}`],
    ['RSS max / end (MB)', (r) => `${r.rssMbMax} / ${r.rssMbEnd}`],
    ['Poll-cycle lag p50 / p95 / max (ms)', (r) => `${r.cycleLagMs.p50} / ${r.cycleLagMs.p95} / ${r.cycleLagMs.max}`],
    ['Lag p95 first / second half (ms)', (r) => `${r.cycleLagMs.firstHalfP95} / ${r.cycleLagMs.secondHalfP95}`],
    ['Event-loop delay p99 (ms)', (r) => `${r.eventLoopDelayP99Ms}`],
    ['SQLite write time per cycle (ms)', (r) => `${r.sqliteWriteMsPerCycle}`],
    ['DB growth per server per day (KB)', (r) => `${r.dbGrowthKbPerServerPerDay}`],
    ['SSH handshakes per minute', (r) => `${r.sshHandshakesPerMinute}`],
    ['Snapshots per minute', (r) => `${r.snapshotsPerMinute}`],
    ['Servers not UP at the end', (r) => `${r.notUpAtEnd}${r.notUpReasons && r.notUpAtEnd ? ` (${Object.entries(r.notUpReasons).map(([k, n]) => `${n} ${k}`).join(', ')})` : ''}`],
    ['Simulator CPU (% of one core)', (r) => `${r.simulatorCpuPctOfOneCore}`],
  ];
  const head = `| ${['Servers', ...results.map((r) => String(r.servers))].join(' | ')} |`;
  const sep = `|${' --- |'.repeat(results.length + 1)}`;
  const lines = rows.map(([label, f]) => `| ${[label, ...results.map(f)].join(' | ')} |`);
  const stormed = results.find((r) => r.storm);
  if (stormed?.storm) {
    const s = stormed.storm;
    lines.push(
      '',
      `Fault storm at ${stormed.servers}: ${s.crashed} gateways crashed at once → all DOWN in ${s.allDownMs ?? 'never'} ms, all server-down alerts in ${s.allAlertedMs ?? 'never'} ms; ` +
        `${s.notices} desktop notice(s) listing ${s.listedServers} of them; back up: all UP in ${s.allUpMs ?? 'never'} ms, all resolved in ${s.allResolvedMs ?? 'never'} ms; ` +
        `${s.bystanderTransitions} status changes of servers outside the storm.`,
    );
  }
  return [head, sep, ...lines].join('\n');
}

async function main(): Promise<void> {
  const from = arg('table-from', '');
  if (from) {
    const saved = JSON.parse(readFileSync(from, 'utf8')) as { minutes: number; results: ScaleResult[] };
    return void process.stdout.write(`${table(saved.results)}\n`);
  }
  const results: ScaleResult[] = [];
  const largest = Math.max(...sizes);
  mkdirSync(dirname(out), { recursive: true });
  for (const n of sizes) {
    process.stderr.write(`bench:scale: ${n} servers, ${warmup} s warm-up + ${minutes} min…\n`);
    results.push(await runOne(n, Number(storm) > 0 && n === largest));
    // Written after every size, so a later size that fails leaves the earlier ones.
    writeFileSync(out, `${JSON.stringify({ measuredAt: new Date().toISOString(), minutes: Number(minutes), nodeFlags, results }, null, 2)}\n`);
    process.stderr.write(`${JSON.stringify(results.at(-1))}\n`);
  }
  process.stdout.write(`${table(results)}\n\n(${minutes} min measured per size after ${warmup} s warm-up; console Node flags: ${nodeFlags.join(' ') || 'none'}; JSON: ${out})\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`${String(err)}\n`);
  process.exit(1);
});
