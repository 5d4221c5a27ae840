// Starts ONE real test fleet for the whole run (real OpenClaw gateways behind real sshds, with the
// fake model): s1 on 2026.9.6 and s2 on 2026.9.5 (version skew), unless $YARDMASTER_E2E_FLEET already
// names a running one. Returns the teardown.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FLEET_ENV_VAR } from '../fixture/test-fleet.ts';

export default async function globalSetup(): Promise<() => Promise<void>> {
  if (process.env[FLEET_ENV_VAR]) return async () => {};
  const root = mkdtempSync(join(tmpdir(), 'ym-e2e-fleet-'));
  chmodSync(root, 0o755); // the test server's unprivileged user must reach its home below it
  const out = join(root, 'fleet.json');
  const child: ChildProcess = spawn(process.execPath, ['e2e/fixture/fleet-cli.ts', 'up', '--root', root, '--out', out, '--servers', 's1,s2@2026.9.5'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    let buffer = '';
    child.stdout!.on('data', (d: Buffer) => {
      buffer += d.toString();
      if (buffer.includes('FLEET READY')) resolve();
    });
    void exited.then((code) => reject(new Error(`test fleet failed to start (exit ${code}); see its log above`)));
  });
  process.env[FLEET_ENV_VAR] = out;
  return async () => {
    child.kill('SIGTERM');
    await exited;
  };
}
