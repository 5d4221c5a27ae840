// The data-dir lock (defect 8): a second console on one data dir is refused, even from another
// process; a lock left by a dead process is taken over.
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DataDirLocked, lockDataDir } from './data-dir-lock';

describe('data dir lock', () => {
  it('refuses a second lock while the first is held, and allows one after release', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ym-lock-'));
    const first = lockDataDir(dir);
    // Another live process holds it (the parent of this test runner is alive).
    writeFileSync(join(dir, 'yardmaster.lock'), `${process.ppid}\n`);
    expect(() => lockDataDir(dir)).toThrow(DataDirLocked);
    expect(() => lockDataDir(dir)).toThrow(/already running on the data directory/);
    writeFileSync(join(dir, 'yardmaster.lock'), `${process.pid}\n`);
    first.release();
    lockDataDir(dir).release();
  });

  it('refuses a lock held by another real process and takes over once that process is gone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ym-lock-'));
    // The child takes the lock with the same file protocol (pid in an exclusively created file).
    const child = spawn(process.execPath, ['-e', `require('node:fs').writeFileSync(${JSON.stringify(join(dir, 'yardmaster.lock'))}, process.pid + '\\n', { flag: 'wx' }); process.stdout.write('locked\\n'); setInterval(() => {}, 1000);`]);
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()));
    expect(() => lockDataDir(dir)).toThrow(new RegExp(`pid ${child.pid}`));
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
    const lock = lockDataDir(dir);
    lock.release();
  });
});
