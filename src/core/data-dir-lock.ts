// One console per data directory: two instances on the same settings and history would both probe
// and both page. The lock is a file created exclusively with our pid; one left by a process that no
// longer runs (a crash, kill -9) is taken over.
import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';

export class DataDirLocked extends Error {
  constructor(
    readonly dataDir: string,
    readonly holderPid: number,
  ) {
    super(`Another Yardmaster (pid ${holderPid}) is already running on the data directory ${dataDir}; stop it first or use another --data-dir.`);
    this.name = 'DataDirLocked';
  }
}

export interface DataDirLock {
  release(): void;
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else; still a live holder.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

export function lockDataDir(dataDir: string, pid = process.pid): DataDirLock {
  const path = join(dataDir, 'yardmaster.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(path, 'wx', 0o600);
      writeSync(fd, `${pid}\n`);
      closeSync(fd);
      let released = false;
      return {
        release: () => {
          if (released) return;
          released = true;
          try {
            if (Number(readFileSync(path, 'utf8').trim()) === pid) unlinkSync(path);
          } catch {
            // Already gone: nothing to release.
          }
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const holder = Number.parseInt(readFileSync(path, 'utf8').trim(), 10);
      if (Number.isFinite(holder) && holder > 0 && holder !== pid && alive(holder)) throw new DataDirLocked(dataDir, holder);
      // Stale (its process is gone) or unreadable: take it over.
      unlinkSync(path);
    }
  }
  throw new Error(`Could not lock the data directory ${dataDir}.`);
}
