// Headless settings: conf, the engine under electron-store, in an explicit directory.
import Conf from 'conf';
import { existsSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { storeBackend } from './store-backend';
import type { SettingsBackend } from './settings-store';
import type { Logger } from '../log';

export function createConfBackend(dir: string, logger: Logger): SettingsBackend {
  const open = () => new Conf<Record<string, unknown>>({ cwd: dir, configName: 'settings', projectName: 'yardmaster', configFileMode: 0o600 });
  try {
    return storeBackend(open());
  } catch (err) {
    // Unparseable JSON (a bad hand edit, a torn write on an old filesystem): keep the file, start fresh.
    const file = join(dir, 'settings.json');
    if (!existsSync(file)) throw err;
    const keptAt = join(dir, `settings.unreadable-${Date.now()}.json`);
    renameSync(file, keptAt);
    logger.error('settings file unreadable; moved aside, starting from defaults', { keptAt, error: String(err) });
    return storeBackend(open());
  }
}
