// A real Alertmanager and a real Prometheus (Debian packages) on loopback ports of their own, with
// their state in temp dirs, plus a webhook receiver recording what Alertmanager notifies.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export async function freePort(): Promise<number> {
  const srv = createNetServer();
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve));
  const port = (srv.address() as { port: number }).port;
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  return port;
}

export interface Daemon {
  url: string;
  output(): string;
  stop(): Promise<void>;
}

async function startDaemon(cmd: string, args: string[], url: string, ready: string): Promise<Daemon> {
  const child: ChildProcess = spawn(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout!.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${cmd} exited:\n${log}`);
    const ok = await fetch(url + ready).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) throw new Error(`${cmd} not ready:\n${log}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    output: () => log,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export interface Notification {
  status: 'firing' | 'resolved';
  alerts: Array<{ status: 'firing' | 'resolved'; labels: Record<string, string>; annotations: Record<string, string>; generatorURL: string }>;
}

/** An HTTP endpoint Alertmanager's webhook receiver posts to; keeps every notification. */
export async function startReceiver(): Promise<{ url: string; received: Notification[]; close(): Promise<void> }> {
  const received: Notification[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      received.push(JSON.parse(body) as Notification);
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return { url: `http://127.0.0.1:${port}/`, received, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

export async function startAlertmanager(receiverUrl: string): Promise<Daemon> {
  const dir = mkdtempSync(join(tmpdir(), 'ym-e2e-am-'));
  const config = join(dir, 'alertmanager.yml');
  // Short waits so the test sees notifications in seconds; repeat far away, so a second page is a duplicate.
  writeFileSync(
    config,
    `route:\n  receiver: recorder\n  group_by: [rule, server]\n  group_wait: 1s\n  group_interval: 1s\n  repeat_interval: 4h\nreceivers:\n  - name: recorder\n    webhook_configs:\n      - url: ${receiverUrl}\n        send_resolved: true\n`,
  );
  const port = await freePort();
  return startDaemon(
    '/usr/bin/prometheus-alertmanager',
    // --cluster.listen-address= turns off HA gossip (which would listen on every interface).
    [`--config.file=${config}`, `--storage.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, '--cluster.listen-address='],
    `http://127.0.0.1:${port}`,
    '/-/ready',
  );
}

export async function startPrometheus(scrapeConfig: string): Promise<Daemon> {
  const dir = mkdtempSync(join(tmpdir(), 'ym-e2e-prom-'));
  const config = join(dir, 'prometheus.yml');
  writeFileSync(config, scrapeConfig);
  const port = await freePort();
  return startDaemon(
    '/usr/bin/prometheus',
    [`--config.file=${config}`, `--storage.tsdb.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`],
    `http://127.0.0.1:${port}`,
    '/-/ready',
  );
}

/** One instant query through Prometheus' HTTP API: the sample values by their labels. */
export async function promQuery(prom: Daemon, query: string, time: number): Promise<Array<{ metric: Record<string, string>; value: number }>> {
  const res = await fetch(`${prom.url}/api/v1/query?query=${encodeURIComponent(query)}&time=${time / 1000}`);
  const json = (await res.json()) as { status: string; data: { result: Array<{ metric: Record<string, string>; value: [number, string] }> } };
  if (json.status !== 'success') throw new Error(`query failed: ${JSON.stringify(json)}`);
  return json.data.result.map((r) => ({ metric: r.metric, value: Number(r.value[1]) }));
}
