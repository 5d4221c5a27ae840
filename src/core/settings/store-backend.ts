// Adapts conf / electron-store (same API: a `store` property holding the whole document) to
// SettingsBackend. Set-aside copies go next to the settings file with a timestamp.
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { SettingsDocument } from './settings-schema';
import type { SettingsBackend } from './settings-store';

export interface StoreLike {
  store: Record<string, unknown>;
  readonly path: string;
}

export function storeBackend(store: StoreLike): SettingsBackend {
  return {
    read: () => store.store,
    write: (doc: SettingsDocument) => {
      store.store = doc as unknown as Record<string, unknown>;
    },
    setAside: (raw, reason) => {
      const file = join(dirname(store.path), `settings.set-aside-${Date.now()}-${Math.random().toString(36).slice(2, 8)}.json`);
      writeFileSync(file, JSON.stringify({ reason, raw }, null, 2), { mode: 0o600 });
      return file;
    },
  };
}
