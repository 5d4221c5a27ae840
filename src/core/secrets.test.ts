import { describe, expect, it } from 'vitest';
import { MemorySecretStore, type SecretVault } from './secrets';

const vault = (): SecretVault & { saved: Record<string, string> } => {
  const v = { saved: {} as Record<string, string>, load: () => ({ ...v.saved }), save: (all: Record<string, string>) => void (v.saved = { ...all }) };
  return v;
};

describe('typed secrets', () => {
  it('stay in memory unless the operator asks to remember them; remembered ones survive a restart', () => {
    const v = vault();
    const s = new MemorySecretStore(v);
    s.set('passphrase:s1', 'typed-pass', { remember: false });
    s.set('gateway-token:s1', 'typed-token', { remember: true });
    expect(s.get('passphrase:s1')).toBe('typed-pass');
    expect(v.saved).toEqual({ 'gateway-token:s1': 'typed-token' });
    expect(s.isRemembered('passphrase:s1')).toBe(false);
    expect(s.isRemembered('gateway-token:s1')).toBe(true);
    // Typed again without "remember": it leaves the vault.
    s.set('gateway-token:s1', 'typed-token-2', { remember: false });
    expect(v.saved).toEqual({});
    s.set('passphrase:s1', 'typed-pass', { remember: true });
    const after = new MemorySecretStore(v);
    expect(after.get('passphrase:s1')).toBe('typed-pass');
    expect(after.get('gateway-token:s1')).toBeUndefined();
  });
});
