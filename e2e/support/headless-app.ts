// Runs the built headless host (out/main/headless.js) as its own process, like a user would.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { installPseudonyms } from '../../src/core/privacy/pseudonyms.ts';

export interface HeadlessApp {
  url: string;
  origin: string;
  token: string;
  dataDir: string;
  pid: number;
  output(): string;
  /** A session key as this install stores and shows it outside the session's own page (its pseudonym). */
  sessionRef(key: string): string;
  stop(): Promise<void>;
  /** A hard kill (no shutdown handlers), for durability tests. */
  kill(signal: NodeJS.Signals): Promise<void>;
}

export async function startHeadlessApp(opts: {
  knownHosts: string;
  pollInterval?: string;
  dataDir?: string;
  extraArgs?: string[];
  env?: Record<string, string>;
}): Promise<HeadlessApp> {
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'ym-e2e-app-'));
  const token = `e2e${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`.padEnd(24, 'x');
  const child: ChildProcess = spawn(
    process.execPath,
    ['out/main/headless.js', '--port', '0', '--data-dir', dataDir, '--token', token, '--known-hosts', opts.knownHosts, '--poll-interval', opts.pollInterval ?? '2s', ...(opts.extraArgs ?? [])],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...opts.env } },
  );
  let log = '';
  child.stdout!.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
  let stopping = false;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      // A console that dies under a test is the finding; its own words say why.
      if (!stopping) process.stderr.write(`headless app exited unexpectedly (code ${code}, signal ${signal}):\n${log.slice(-4000)}\n`);
      resolve();
    }),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`headless app did not start:\n${log}`)), 20_000);
    const onData = () => {
      const m = /open (http:\/\/\S+)/.exec(log);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', onData);
    void exited.then(() => reject(new Error(`headless app exited:\n${log}`)));
  });
  return {
    url,
    origin: new URL(url).origin,
    token,
    dataDir,
    pid: child.pid!,
    output: () => log,
    // The app made its secret at start-up; reading it here is what an operator's own tooling could do.
    sessionRef: (key) => installPseudonyms(join(dataDir, 'pseudonym.key')).session(key),
    stop: async () => {
      stopping = true;
      child.kill('SIGTERM');
      await exited;
    },
    kill: async (signal) => {
      stopping = true;
      child.kill(signal);
      await exited;
    },
  };
}
