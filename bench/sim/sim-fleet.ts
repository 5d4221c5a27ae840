// Starts N simulated OpenClaw servers in child processes (bench/sim/fleet-sim.ts, a slice each) and
// gives the benchmark their addresses, a client key they accept, a known_hosts file with their host
// keys, and controls to crash and restart gateways. The simulator never runs in the console's process.
import { fork, type ChildProcess } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateKeyPair } from '../../src/core/ssh/fake-ssh-server.ts';
import type { SimCommand, SimCounters, SimReport, SimServerInfo, SimStart } from './sim-protocol';

export interface SimFleet {
  servers: SimServerInfo[];
  privateKeyPath: string;
  knownHostsPath: string;
  down(indices: number[]): void;
  up(indices: number[]): void;
  /** Summed over the slices, plus each slice's CPU (user+system µs) and RSS. */
  counters(): Promise<{ counters: SimCounters; cpuMicros: number; rssBytes: number }>;
  close(): Promise<void>;
}

export interface SimFleetOptions {
  count: number;
  dir: string;
  gatewayPort?: number;
  perProcess?: number;
  tickIntervalMs?: number;
  configChangeEverySec?: number;
}

const SIM_ENTRY = fileURLToPath(new URL('./fleet-sim.ts', import.meta.url));
const RESOLVER = fileURLToPath(new URL('../ts-resolve.mjs', import.meta.url));

export async function startSimFleet(o: SimFleetOptions): Promise<SimFleet> {
  const client = generateKeyPair();
  const privateKeyPath = join(o.dir, 'id_sim');
  writeFileSync(privateKeyPath, client.privateKey);
  chmodSync(privateKeyPath, 0o600);
  const gatewayPort = o.gatewayPort ?? 18789;
  const perProcess = o.perProcess ?? 500;
  const children: Array<{ proc: ChildProcess; first: number; count: number }> = [];
  const servers: SimServerInfo[] = [];
  for (let first = 0; first < o.count; first += perProcess) {
    const start: SimStart = {
      firstIndex: first,
      count: Math.min(perProcess, o.count - first),
      basePort: 0,
      gatewayPort,
      clientPublicKey: client.publicKey,
      tickIntervalMs: o.tickIntervalMs ?? 30_000,
      configChangeEverySec: o.configChangeEverySec ?? 1800,
    };
    const proc = fork(SIM_ENTRY, [JSON.stringify(start)], {
      execArgv: ['--experimental-transform-types', '--disable-warning=ExperimentalWarning', '--disable-warning=MODULE_TYPELESS_PACKAGE_JSON', '--import', RESOLVER],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    children.push({ proc, first, count: start.count });
    const ready = await new Promise<SimServerInfo[]>((resolve, reject) => {
      proc.once('exit', (code) => reject(new Error(`simulator slice exited (${code})`)));
      proc.on('message', (m: SimReport) => {
        if (m.type === 'ready') resolve(m.servers);
        if (m.type === 'failed') reject(new Error(m.message));
      });
    });
    proc.removeAllListeners('exit');
    servers.push(...ready);
  }
  const knownHostsPath = join(o.dir, 'known_hosts');
  writeFileSync(knownHostsPath, servers.map((s) => `[127.0.0.1]:${s.port} ${s.hostPublicKey}\n`).join(''));

  const send = (m: SimCommand, indices?: number[]) => {
    for (const c of children) {
      if (!indices) c.proc.send(m);
      else {
        const mine = indices.filter((i) => i >= c.first && i < c.first + c.count);
        if (mine.length) c.proc.send({ ...m, indices: mine });
      }
    }
  };
  return {
    servers,
    privateKeyPath,
    knownHostsPath,
    down: (indices) => send({ type: 'down', indices }, indices),
    up: (indices) => send({ type: 'up', indices }, indices),
    counters: async () => {
      const reports = await Promise.all(
        children.map(
          (c) =>
            new Promise<Extract<SimReport, { type: 'counters' }>>((resolve) => {
              const on = (m: SimReport) => {
                if (m.type !== 'counters') return;
                c.proc.off('message', on);
                resolve(m);
              };
              c.proc.on('message', on);
              c.proc.send({ type: 'counters' } satisfies SimCommand);
            }),
        ),
      );
      const sum: SimCounters = { handshakes: 0, execs: 0, forwards: 0, refusedForwards: 0, rpcs: 0, httpRequests: 0, wsOpen: 0 };
      let cpuMicros = 0;
      let rssBytes = 0;
      for (const r of reports) {
        for (const k of Object.keys(sum) as Array<keyof SimCounters>) sum[k] += r.counters[k];
        cpuMicros += r.cpu.user + r.cpu.system;
        rssBytes += r.rssBytes;
      }
      return { counters: sum, cpuMicros, rssBytes };
    },
    close: async () => {
      await Promise.all(
        children.map(
          (c) =>
            new Promise<void>((resolve) => {
              if (c.proc.exitCode !== null) return resolve();
              c.proc.once('exit', () => resolve());
              c.proc.kill('SIGTERM');
            }),
        ),
      );
    },
  };
}
