// The shipped example config validates, and the README shows exactly the unit file in deploy/.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import JSON5 from 'json5';
import { describe, expect, it } from 'vitest';
import { validateServiceConfig } from './service-config';
import { execStartOf, nodeFlagsOf } from './unit-file';

const root = join(__dirname, '..', '..', '..');

describe('deploy files', () => {
  it('the example config is valid', () => {
    const c = validateServiceConfig(JSON5.parse(readFileSync(join(root, 'deploy', 'config.example.json5'), 'utf8')), 'example');
    expect(c.tls?.cert).toBe('/etc/yardmaster/tls/cert.pem');
  });

  it('the README carries the systemd unit verbatim, hardened', () => {
    const unit = readFileSync(join(root, 'deploy', 'yardmaster.service'), 'utf8');
    expect(readFileSync(join(root, 'README.md'), 'utf8')).toContain(unit.trim());
    for (const line of ['NoNewPrivileges=yes', 'ProtectSystem=strict', 'StateDirectory=yardmaster', 'User=yardmaster']) expect(unit).toContain(line);
  });
});

describe('the unit file reader', () => {
  const unit = readFileSync(join(root, 'deploy', 'yardmaster.service'), 'utf8');

  it('finds ExecStart and the Node flags before the script', () => {
    expect(execStartOf('[Service]\nExecStart=/x/node24.sh node --a=1 --b /x/bin/y.mjs serve --config c\n')).toEqual(['/x/node24.sh', 'node', '--a=1', '--b', '/x/bin/y.mjs', 'serve', '--config', 'c']);
    expect(nodeFlagsOf(['/x/node24.sh', 'node', '--a=1', '--b', '/x/bin/y.mjs', '--not-a-node-flag'])).toEqual(['--a=1', '--b']);
    expect(nodeFlagsOf(['/usr/bin/node', '/x/bin/y.mjs'])).toEqual([]);
    expect(() => execStartOf('[Service]\n')).toThrow(/no ExecStart/);
  });

  it("gives the service heap flags this Node accepts (a misspelt V8 flag makes node exit 9 before the service starts)", () => {
    const flags = nodeFlagsOf(execStartOf(unit));
    expect(flags.some((f) => f.startsWith('--heap-growing-percent='))).toBe(true);
    const run = spawnSync(process.execPath, [...flags, '-e', '0'], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });
});
