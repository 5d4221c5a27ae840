// Secrets kept across restarts, encrypted by the OS through Electron's safeStorage (Keychain, DPAPI,
// or the Linux secret service). On Linux without a secret service Electron falls back to a hardcoded
// key ("basic_text"): that is not protection, so no vault is used then and secrets stay in memory.
import { safeStorage } from 'electron';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../core/log';
import type { SecretVault } from '../core/secrets';

export function safeStorageVault(userDataDir: string, logger: Logger): SecretVault | undefined {
  if (!safeStorage.isEncryptionAvailable()) {
    logger.warn('OS encryption unavailable: secrets are kept in memory only');
    return undefined;
  }
  const backend = process.platform === 'linux' ? safeStorage.getSelectedStorageBackend() : 'os';
  if (backend === 'basic_text' || backend === 'unknown') {
    logger.warn('no secret service on this desktop (safeStorage backend ' + backend + '): secrets are kept in memory only');
    return undefined;
  }
  const file = join(userDataDir, 'secrets.bin');
  return {
    load: () => {
      if (!existsSync(file)) return {};
      try {
        return JSON.parse(safeStorage.decryptString(Buffer.from(readFileSync(file, 'utf8'), 'base64'))) as Record<string, string>;
      } catch (err) {
        // Keep the unreadable file for inspection rather than overwrite it on the next save.
        renameSync(file, `${file}.unreadable-${Date.now()}`);
        logger.error('secrets file unreadable; set aside', { error: String(err) });
        return {};
      }
    },
    save: (all) => {
      const tmp = `${file}.tmp`;
      writeFileSync(tmp, safeStorage.encryptString(JSON.stringify(all)).toString('base64'), { mode: 0o600 });
      renameSync(tmp, file);
    },
  };
}
