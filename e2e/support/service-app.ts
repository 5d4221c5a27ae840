// Runs the ops service exactly as its systemd unit does (deploy/yardmaster.service's ExecStart, with
// /opt/yardmaster mapped to this checkout and /etc/yardmaster/config.json5 to a test config), and the
// `yardmaster` CLI next to it.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { execStartOf } from '../../src/server/service/unit-file.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');
const UNIT_CONFIG = '/etc/yardmaster/config.json5';

/** The unit's ExecStart, split into argv, with the install prefix mapped onto this checkout. */
export function unitCommandLine(configPath: string): string[] {
  const unit = readFileSync(join(ROOT, 'deploy', 'yardmaster.service'), 'utf8');
  return execStartOf(unit).map((arg) => (arg === UNIT_CONFIG ? configPath : arg.replace(/^\/opt\/yardmaster(?=\/)/, ROOT)));
}

/** A throwaway self-signed certificate for localhost / 127.0.0.1. */
export function selfSignedCert(): { certPath: string; keyPath: string } {
  const dir = mkdtempSync(join(tmpdir(), 'ym-e2e-cert-'));
  const certPath = join(dir, 'cert.pem');
  const keyPath = join(dir, 'key.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', keyPath, '-out', certPath, '-days', '2', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1'], { stdio: 'ignore' });
  return { certPath, keyPath };
}

export function writeServiceConfig(config: Record<string, unknown>): string {
  const path = join(mkdtempSync(join(tmpdir(), 'ym-e2e-conf-')), 'config.json5');
  writeFileSync(path, `// written by the e2e test\n${JSON.stringify(config, null, 2)}\n`);
  return path;
}

/** Runs `yardmaster <args>` (the same bin the unit runs) and returns stdout; throws with stderr on failure. */
export function yardmaster(args: string[]): string {
  const [cmd, ...pre] = unitCommandLine('/unused').slice(0, -3); // drop "serve --config <file>"
  return execFileSync(cmd!, [...pre, ...args], { cwd: ROOT, encoding: 'utf8' });
}

export function createToken(configPath: string, role: 'viewer' | 'operator'): { token: string; id: string } {
  const out = yardmaster(['token', 'create', '--role', role, '--name', `e2e ${role}`, '--config', configPath]);
  const token = out.split('\n')[0]!.trim();
  const id = /# id ([a-f0-9]+)/.exec(out)?.[1];
  if (!token.startsWith('ym_') || !id) throw new Error(`unexpected token create output:\n${out}`);
  return { token, id };
}

export interface ServiceProcess {
  url: string;
  pid: number;
  output(): string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  signal(sig: NodeJS.Signals): Promise<number | null>;
}

export async function startService(configPath: string, extraArgs: string[] = []): Promise<ServiceProcess> {
  const [cmd, ...args] = unitCommandLine(configPath);
  const child: ChildProcess = spawn(cmd!, [...args, ...extraArgs], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout!.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (log += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`service did not start:\n${log}`)), 30_000);
    child.stdout!.on('data', () => {
      const m = /open (https?:\/\/\S+)/.exec(log);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    void exited.then((code) => reject(new Error(`service exited (${code}):\n${log}`)));
  });
  return {
    url,
    pid: child.pid!,
    output: () => log,
    exited,
    signal: async (sig) => {
      child.kill(sig);
      return exited;
    },
  };
}
