// The data directory holds history (session pseudonyms, alert summaries), settings (webhook names,
// server hosts), the pseudonym secret and the log: only the console's own user may read it. The folder
// is 0700 and the console's files in it 0600 (its own files at the top and under reports/; Electron's
// userData also holds Chromium's folders, which are left as Chromium made them), whatever the umask was
// when an older version created them. SQLite gives a new -wal / -shm file the mode of its database file.
import { chmodSync, existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const OWN_FOLDERS = ['reports'];

function restrictFilesIn(dir: string): void {
  chmodSync(dir, 0o700);
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = statSync(p, { throwIfNoEntry: false });
    if (st?.isFile() && (st.mode & 0o077) !== 0) chmodSync(p, st.mode & 0o700);
  }
}

export function restrictDataDir(dir: string): void {
  if (!existsSync(dir)) return;
  restrictFilesIn(dir);
  for (const sub of OWN_FOLDERS) if (existsSync(join(dir, sub))) restrictFilesIn(join(dir, sub));
}
