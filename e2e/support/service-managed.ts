// Turns a fixture test server into one that can be updated for real: its own writable copy of the
// openclaw install (npm-global prefix in its home, as a real server has), npm pointed at the local
// offline cache that scripts/setup.sh fills (the test servers cannot reach any registry), and the
// gateway run by a service stand-in (ym-gatewayctl) that the console drives over SSH.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestServerHandle } from '../fixture/test-server.ts';
import { e2eDir, openclawPrefix } from '../fixture/test-server.ts';

const here = path.dirname(fileURLToPath(import.meta.url));

/** The world-readable npm cache scripts/setup.sh fills with every openclaw version the tests use. */
export function offlineNpmCache(): string {
  return path.join(e2eDir(), 'npm-cache');
}

export interface ManagedServer {
  handle: TestServerHandle;
  prefix: string;
  /** The custom service commands to give the console for this server. */
  service: { start: string; stop: string; status: string };
  /** A file that, while it exists, makes `ym-gatewayctl start` fail (a canary whose start fails). */
  failStartFlag: string;
}

export async function makeServiceManaged(handle: TestServerHandle, version: string): Promise<ManagedServer> {
  const { homeDir, sshUser } = handle.info;
  const cache = offlineNpmCache();
  for (const v of ['2026.9.5', '2026.9.6']) {
    if (!fs.existsSync(path.join(cache, `.complete-${v}`))) throw new Error(`the offline npm cache ${cache} lacks openclaw@${v}: run scripts/setup.sh`);
  }
  await handle.stopGateway('SIGTERM');
  const prefix = path.join(homeDir, 'openclaw-prefix');
  fs.rmSync(prefix, { recursive: true, force: true });
  execFileSync('cp', ['-a', openclawPrefix(version), prefix]);
  fs.rmSync(path.join(prefix, '.complete'), { force: true });
  const bin = path.join(homeDir, 'bin');
  fs.mkdirSync(bin, { recursive: true });
  fs.copyFileSync(path.join(here, 'ym-gatewayctl.sh'), path.join(bin, 'ym-gatewayctl'));
  fs.chmodSync(path.join(bin, 'ym-gatewayctl'), 0o755);
  const failStartFlag = path.join(homeDir, 'fail-start');
  fs.rmSync(failStartFlag, { force: true });
  // npm on the server: offline (never a registry), its own prefix for -g, and its own copy of the
  // cache: npm writes to its cache even when it only reads (a read-only shared cache gives ENOTCACHED).
  const ownCache = path.join(homeDir, '.npm-offline-cache');
  fs.rmSync(ownCache, { recursive: true, force: true });
  execFileSync('cp', ['-a', cache, ownCache]);
  fs.writeFileSync(path.join(homeDir, '.npmrc'), `cache=${ownCache}\noffline=true\nprefix=${prefix}\nupdate-notifier=false\nfund=false\naudit=false\n`);
  const bashrc = path.join(homeDir, '.bashrc');
  const text = fs.readFileSync(bashrc, 'utf8').replace(`${openclawPrefix(handle.info.openclawVersion)}/bin`, `${bin}:${prefix}/bin`);
  fs.writeFileSync(bashrc, text.replace('export PATH=', `export YM_GATEWAYCTL_FAIL_START=${failStartFlag}\nexport PATH=`));
  execFileSync('chown', ['-R', `${sshUser}:${sshUser}`, prefix, bin, ownCache, path.join(homeDir, '.npmrc'), bashrc]);
  const started = await handle.runAsUser('ym-gatewayctl start', { timeoutMs: 200_000 });
  if (started.code !== 0) throw new Error(`${handle.info.name}: ym-gatewayctl start failed (${started.code}): ${started.stdout}${started.stderr}`);
  const v = await handle.runAsUser('openclaw --version');
  if (!v.stdout.includes(version)) throw new Error(`${handle.info.name}: expected openclaw ${version}, got ${v.stdout.trim()}`);
  return {
    handle,
    prefix,
    service: { start: `${bin}/ym-gatewayctl start`, stop: `${bin}/ym-gatewayctl stop`, status: `${bin}/ym-gatewayctl status` },
    failStartFlag,
  };
}
