// The secrets vault against the fake electron module's safeStorage.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createMemoryLogger } from '../core/log';
import { MemorySecretStore } from '../core/secrets';
import { createFakeElectron } from './test/fake-electron';

const fake = createFakeElectron(mkdtempSync(join(tmpdir(), 'ym-vault-ud-')));
vi.mock('electron', () => ({ ...fake.module, default: fake.module }));
const { safeStorageVault } = await import('./safe-storage-vault');

describe('safeStorage vault', () => {
  it('keeps secrets across restarts, encrypted, never in plain text', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ym-vault-'));
    const first = new MemorySecretStore(safeStorageVault(dir, createMemoryLogger()));
    first.set('webhook:1', 'https://hooks.example/secret-path-123');
    expect(readFileSync(join(dir, 'secrets.bin'), 'utf8')).not.toContain('secret-path-123');
    const second = new MemorySecretStore(safeStorageVault(dir, createMemoryLogger()));
    expect(second.persistent).toBe(true);
    expect(second.get('webhook:1')).toBe('https://hooks.example/secret-path-123');
    second.delete('webhook:1');
    expect(new MemorySecretStore(safeStorageVault(dir, createMemoryLogger())).get('webhook:1')).toBeUndefined();
  });

  it('refuses the Linux basic_text fallback and unavailable encryption: memory only', () => {
    const logger = createMemoryLogger();
    fake.safeStorage.backend = 'basic_text';
    expect(safeStorageVault(mkdtempSync(join(tmpdir(), 'ym-vault-')), logger)).toBeUndefined();
    fake.safeStorage.backend = 'gnome_libsecret';
    fake.safeStorage.available = false;
    expect(safeStorageVault(mkdtempSync(join(tmpdir(), 'ym-vault-')), logger)).toBeUndefined();
    fake.safeStorage.available = true;
    expect(logger.lines.filter((l) => l.level === 'warn')).toHaveLength(2);
  });

  it('sets an unreadable file aside instead of overwriting it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ym-vault-'));
    writeFileSync(join(dir, 'secrets.bin'), 'garbage');
    const store = new MemorySecretStore(safeStorageVault(dir, createMemoryLogger()));
    expect(store.get('x')).toBeUndefined();
    expect(readdirSync(dir).some((f) => f.startsWith('secrets.bin.unreadable-'))).toBe(true);
  });
});
