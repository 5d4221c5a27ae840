// Detecting OpenClaw on the console machine, with a temporary HOME and PATH.
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectLocalOpenclaw, gatewayPortFromConfig } from './local-openclaw';

const tempHome = () => mkdtempSync(join(tmpdir(), 'ym-home-'));
const SECRET = 'do-not-return-this-token';

describe('local OpenClaw detection', () => {
  it('finds nothing in an empty home with an empty PATH', async () => {
    const home = tempHome();
    expect(await detectLocalOpenclaw({ home, env: { PATH: join(home, 'bin') }, user: 'alice' })).toEqual({
      installed: false,
      binaryPath: null,
      configPath: null,
      gatewayPort: 18789,
      gatewayPortSource: 'default',
      user: 'alice',
    });
  });

  it('reads only gateway.port from ~/.openclaw/openclaw.json (JSON5), never the token', async () => {
    const home = tempHome();
    mkdirSync(join(home, '.openclaw'));
    writeFileSync(join(home, '.openclaw', 'openclaw.json'), `{ // JSON5\n gateway: { port: 19042, auth: { mode: 'token', token: '${SECRET}' } }, }`);
    const found = await detectLocalOpenclaw({ home, env: { PATH: '' }, user: 'alice' });
    expect(found).toMatchObject({ installed: true, binaryPath: null, configPath: join(home, '.openclaw', 'openclaw.json'), gatewayPort: 19042, gatewayPortSource: 'config' });
    expect(JSON.stringify(found)).not.toContain(SECRET);
  });

  it('finds an executable openclaw on the PATH (not a plain file), and follows OPENCLAW_STATE_DIR', async () => {
    const home = tempHome();
    const bin = join(home, 'bin');
    const notExec = join(home, 'other');
    mkdirSync(bin);
    mkdirSync(notExec);
    writeFileSync(join(notExec, 'openclaw'), '#!/bin/sh\n');
    writeFileSync(join(bin, 'openclaw'), '#!/bin/sh\n');
    chmodSync(join(bin, 'openclaw'), 0o755);
    const state = join(home, 'state');
    mkdirSync(state);
    writeFileSync(join(state, 'openclaw.json'), '{"gateway":{"port":70000}}');
    const found = await detectLocalOpenclaw({ home, env: { PATH: `${notExec}:${bin}`, OPENCLAW_STATE_DIR: state }, user: 'bob' });
    expect(found).toMatchObject({ installed: true, binaryPath: join(bin, 'openclaw'), configPath: join(state, 'openclaw.json'), gatewayPort: 18789, gatewayPortSource: 'default' });
  });

  it('ignores malformed configs and bad ports', () => {
    expect(gatewayPortFromConfig('{ not json')).toBeNull();
    expect(gatewayPortFromConfig('null')).toBeNull();
    expect(gatewayPortFromConfig('{"gateway":{"port":"18789"}}')).toBeNull();
    expect(gatewayPortFromConfig('{"gateway":{"port":0}}')).toBeNull();
    expect(gatewayPortFromConfig('{"gateway":{"port":8080}}')).toBe(8080);
  });
});
