// `npm run demo` (root): a small real fleet on this machine — two OpenClaw gateways behind their own
// sshd (2026.9.6 and 2026.9.5, from the e2e fixture, with the fake model) — and the headless console
// already watching both. Prints the address to open; Ctrl-C stops everything.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { readFleetDescription } from '../e2e/fixture/test-fleet.ts';

const root = mkdtempSync(join(tmpdir(), 'ym-demo-'));
chmodSync(root, 0o755);
const fleetFile = join(root, 'fleet.json');
const children: ChildProcess[] = [];
const stopAll = () => {
  for (const c of children.reverse()) c.kill('SIGTERM');
};
process.on('SIGINT', stopAll);
process.on('SIGTERM', stopAll);

function waitForLine(child: ChildProcess, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffer = '';
    child.stdout!.on('data', (d: Buffer) => {
      buffer += d.toString();
      const m = pattern.exec(buffer);
      if (m) resolve(m[1] ?? m[0]);
    });
    child.once('exit', (code) => reject(new Error(`exited with ${code} before it was ready`)));
  });
}

console.log('Starting two real OpenClaw servers (about 20 s)…');
const fleet = spawn(process.execPath, ['e2e/fixture/fleet-cli.ts', 'up', '--root', root, '--out', fleetFile, '--servers', 'demo1,demo2@2026.9.5', '--quiet'], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
children.push(fleet);
await waitForLine(fleet, /FLEET READY/);
const description = readFleetDescription(fleetFile);

const knownHosts = join(root, 'known_hosts');
const { writeFileSync } = await import('node:fs');
writeFileSync(knownHosts, description.servers.map((s) => `[127.0.0.1]:${s.sshPort} ${s.hostPublicKey}`).join('\n') + '\n');
const app = spawn(process.execPath, ['out/main/headless.js', '--port', process.env.PORT ?? '4870', '--data-dir', join(root, 'console'), '--known-hosts', knownHosts], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
children.push(app);
const url = await waitForLine(app, /open (http:\/\/\S+)/);
const origin = new URL(url).origin;
const token = /#token=(\S+)/.exec(url)![1]!;

const ws = new WebSocket(`${origin.replace('http', 'ws')}/rpc`, ['yardmaster.v1', `yardmaster.token.${token}`], { origin });
await new Promise((resolve, reject) => (ws.once('open', resolve), ws.once('error', reject)));
description.servers.forEach((s, i) =>
  ws.send(
    JSON.stringify({
      type: 'invoke',
      id: i + 1,
      method: 'servers.add',
      payload: {
        name: `${s.name} (${s.openclawVersion})`,
        host: '127.0.0.1',
        sshPort: s.sshPort,
        sshUser: s.sshUser,
        privateKeyPath: s.privateKeyPath,
        gatewayPort: s.gatewayPort,
        role: i === 0 ? 'ops' : 'development',
      },
    }),
  ),
);
ws.close();
console.log(`\nYardmaster demo: open ${url}\nCtrl-C stops the console and both servers.`);
