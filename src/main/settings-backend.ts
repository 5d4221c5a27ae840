// Electron settings: electron-store in the app's userData folder.
import Store from 'electron-store';
import { storeBackend, type StoreLike } from '../core/settings/store-backend';
import type { SettingsBackend } from '../core/settings/settings-store';

export function createElectronStoreBackend(userDataDir: string): SettingsBackend {
  const store = new Store<Record<string, unknown>>({ cwd: userDataDir, name: 'settings', clearInvalidConfig: false, configFileMode: 0o600 });
  return storeBackend(store as unknown as StoreLike);
}
