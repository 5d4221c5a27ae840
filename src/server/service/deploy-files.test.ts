// The shipped example config validates, and the README shows exactly the unit file in deploy/.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import JSON5 from 'json5';
import { describe, expect, it } from 'vitest';
import { validateServiceConfig } from './service-config';

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
