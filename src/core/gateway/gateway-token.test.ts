import { describe, expect, it } from 'vitest';
import { configScript, tokenFromConfigText } from './gateway-token';

describe('gateway token from config', () => {
  it('reads a token-mode token from JSON5 with comments', () => {
    const text = `{
      // local gateway
      gateway: { mode: 'local', auth: { mode: 'token', token: 'abcdef0123456789', }, },
      models: { providers: { x: { apiKey: 'sk-live-123' } } },
    }`;
    expect(tokenFromConfigText(text)).toBe('abcdef0123456789');
  });

  it.each([
    ['env reference', `{ gateway: { auth: { mode: 'token', token: '\${OPENCLAW_GATEWAY_TOKEN}' } } }`],
    ['password mode', `{ gateway: { auth: { mode: 'password', token: 'abcdef0123456789' } } }`],
    ['redacted copy', `{ gateway: { auth: { token: '__OPENCLAW_REDACTED__' } } }`],
    ['no gateway', `{ agents: {} }`],
    ['not JSON5', `this is not a config`],
  ])('gives nothing for %s', (_label, text) => {
    expect(tokenFromConfigText(text)).toBeNull();
  });
});

describe('config location', () => {
  it('follows OPENCLAW_CONFIG_PATH / OPENCLAW_STATE_DIR, or the profile state dir', () => {
    expect(configScript()).toBe('cat -- "${OPENCLAW_CONFIG_PATH:-${OPENCLAW_STATE_DIR:-$HOME/.openclaw}/openclaw.json}"');
    expect(configScript({ profile: 'work' })).toBe('cat -- "$HOME/.openclaw-work/openclaw.json"');
    expect(configScript({ stateDir: '/srv/openclaw/state' })).toBe('cat -- "/srv/openclaw/state/openclaw.json"');
  });
});
