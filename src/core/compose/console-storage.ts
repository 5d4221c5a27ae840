// What the console keeps on disk, opened in order: the data-dir lock (one console per directory),
// the settings, the install's pseudonym secret and the database (migrated with it), then the folder
// and its files made owner-only.
import { join } from 'node:path';
import type { CoreOptions } from '../core-options';
import { lockDataDir } from '../data-dir-lock';
import { openConsoleDatabase } from '../db/console-database';
import { restrictDataDir } from '../privacy/data-dir-modes';
import { installPseudonyms } from '../privacy/pseudonyms';
import { SettingsStore } from '../settings/settings-store';

export function openConsoleStorage(o: CoreOptions) {
  const lock = lockDataDir(o.dataDir);
  const settings = new SettingsStore(o.settingsBackend, o.logger);
  // One pseudonym secret per install: session keys in storage and alerts, and report redaction.
  const pseudonyms = installPseudonyms(join(o.dataDir, 'pseudonym.key'));
  const database = openConsoleDatabase(o.historyPath ?? join(o.dataDir, 'history.sqlite'), o.retention, pseudonyms, (err) =>
    // SQLite's own words (e.g. "database or disk is full"), never data: the last second of history is lost.
    o.logger.error('history commit failed: the last second of writes is lost', { error: err.message.slice(0, 120) }),
  );
  // Owner only: the folder 0700, its files 0600 (settings, history and its WAL, log, secret).
  restrictDataDir(o.dataDir);
  return { lock, settings, pseudonyms, database };
}
