// The token read runs the real script with the real `sh` and `node` against real config files: only
// the auth mode and token come out, never the rest of the file (provider API keys).
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configScript, tokenFromAuth } from './gateway-token';

function runScript(configText: string | null): { code: number; stdout: string } {
  const home = mkdtempSync(join(tmpdir(), 'ym-token-'));
  if (configText !== null) {
    mkdirSync(join(home, '.openclaw'));
    writeFileSync(join(home, '.openclaw', 'openclaw.json'), configText);
  }
  try {
    const stdout = execFileSync('sh', ['-c', configScript()], { env: { PATH: process.env.PATH, HOME: home }, encoding: 'utf8' });
    return { code: 0, stdout };
  } catch (err) {
    const e = err as { status: number; stdout: string };
    return { code: e.status, stdout: e.stdout };
  }
}

describe('gateway token from the config, read narrowly on the server', () => {
  it('prints only the auth mode and token of a JSON5 config with comments; the provider key stays', () => {
    const r = runScript(`{
      // local gateway
      gateway: { mode: 'local', auth: { mode: 'token', token: 'abcdef0123456789', }, },
      models: { providers: { x: { apiKey: 'sk-live-123' } } },
    }`);
    expect(r).toEqual({ code: 0, stdout: '{"mode":"token","token":"abcdef0123456789"}' });
    expect(tokenFromAuth(r.stdout)).toBe('abcdef0123456789');
  });

  it('says why when there is no file or it does not parse', () => {
    expect(runScript(null).code).toBe(3);
    expect(runScript('this is not a config').code).toBe(5);
  });

  it.each([
    ['env reference', `{ gateway: { auth: { mode: 'token', token: '\${OPENCLAW_GATEWAY_TOKEN}' } } }`],
    ['password mode', `{ gateway: { auth: { mode: 'password', token: 'abcdef0123456789' } } }`],
    ['redacted copy', `{ gateway: { auth: { token: '__OPENCLAW_REDACTED__' } } }`],
    ['no gateway', `{ agents: {} }`],
  ])('gives nothing for %s', (_label, text) => {
    const r = runScript(text);
    expect(r.code).toBe(0);
    expect(tokenFromAuth(r.stdout)).toBeNull();
  });

  it('follows OPENCLAW_CONFIG_PATH / OPENCLAW_STATE_DIR, or the profile state dir', () => {
    expect(configScript()).toContain('f="${OPENCLAW_CONFIG_PATH:-${OPENCLAW_STATE_DIR:-$HOME/.openclaw}/openclaw.json}"');
    expect(configScript({ profile: 'work' })).toContain('f="$HOME/.openclaw-work/openclaw.json"');
    expect(configScript({ stateDir: '/srv/openclaw/state' })).toContain('f="/srv/openclaw/state/openclaw.json"');
  });
});
