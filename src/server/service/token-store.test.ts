import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashToken, TokenFileError, TokenStore } from './token-store';

const tempFile = () => join(mkdtempSync(join(tmpdir(), 'ym-tokens-')), 'tokens.json');

describe('token store', () => {
  it('stores only a hash, verifies the token with its role, and never the hash itself', () => {
    const store = new TokenStore(tempFile());
    const { token, entry } = store.create('viewer', 'alice laptop');
    expect(token).toMatch(/^ym_[A-Za-z0-9_-]{43}$/);
    const onDisk = readFileSync(store.path, 'utf8');
    expect(onDisk).not.toContain(token);
    expect(onDisk).toContain(hashToken(token));
    expect(statSync(store.path).mode & 0o777).toBe(0o600);
    expect(store.verify(token)).toEqual({ tokenId: entry.id, role: 'viewer' });
    expect(store.verify(entry.sha256)).toBeNull();
    expect(store.verify(token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A'))).toBeNull();
  });

  it('sees a revocation made by another process (another store on the same file) at once', () => {
    const path = tempFile();
    const service = new TokenStore(path);
    const cli = new TokenStore(path);
    const a = cli.create('operator', 'a');
    const b = cli.create('viewer', 'b');
    expect(service.verify(a.token)?.role).toBe('operator');
    cli.revoke(a.entry.id.slice(0, 6));
    expect(service.verify(a.token)).toBeNull();
    expect(service.verify(b.token)?.role).toBe('viewer');
    expect(service.list().map((e) => e.id)).toEqual([b.entry.id]);
  });

  it('names the problem in a broken file and fails closed', () => {
    const path = tempFile();
    writeFileSync(path, JSON.stringify({ version: 1, tokens: [{ id: 'abcdef12', role: 'admin', name: '', sha256: 'x', createdAt: 1 }] }));
    const store = new TokenStore(path);
    expect(() => store.list()).toThrow(/tokens\.0\.role/);
    expect(store.verify('ym_anything')).toBeNull();
    writeFileSync(path, '{not json');
    expect(() => store.list()).toThrow(TokenFileError);
  });

  it('refuses to revoke an unknown or ambiguous id', () => {
    const store = new TokenStore(tempFile());
    store.create('viewer', '');
    expect(() => store.revoke('zzzzzzzz')).toThrow(/no token with id/);
    expect(() => store.revoke('ab')).toThrow(/no token/);
  });
});
