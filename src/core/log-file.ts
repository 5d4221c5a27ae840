// The log file: lines are queued and written in the background (never a blocking append per line on
// the event loop), and the file is rotated by size, keeping a few old ones (yardmaster.log.1 …).
import { appendFile, rename, stat, unlink } from 'node:fs/promises';
import { statSync } from 'node:fs';

export interface LogFileOptions {
  /** Rotate when the file would pass this size (default 10 MB). */
  maxBytes?: number;
  /** Old files kept (default 3). */
  keep?: number;
}

export class LogFile {
  private queue: string[] = [];
  private size: number;
  private writing: Promise<void> | null = null;
  private readonly maxBytes: number;
  private readonly keep: number;

  constructor(
    private readonly path: string,
    o: LogFileOptions = {},
  ) {
    this.maxBytes = o.maxBytes ?? 10 * 1024 * 1024;
    this.keep = o.keep ?? 3;
    let size = 0;
    try {
      size = statSync(path).size;
    } catch {
      // No file yet.
    }
    this.size = size;
  }

  write(line: string): void {
    this.queue.push(line);
    this.writing ??= this.drain();
  }

  /** Resolves when everything written so far is in the file (tests, shutdown). */
  async flush(): Promise<void> {
    while (this.writing) await this.writing;
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length) {
        const batch = this.queue.join('');
        this.queue = [];
        const bytes = Buffer.byteLength(batch);
        if (this.size > 0 && this.size + bytes > this.maxBytes) await this.rotate();
        await appendFile(this.path, batch, { mode: 0o600 });
        this.size += bytes;
      }
    } catch {
      // A full disk must not take the watcher down with it; stderr still has the lines.
      this.queue = [];
    } finally {
      this.writing = null;
    }
  }

  private async rotate(): Promise<void> {
    await unlink(`${this.path}.${this.keep}`).catch(() => {});
    for (let i = this.keep - 1; i >= 1; i--) await rename(`${this.path}.${i}`, `${this.path}.${i + 1}`).catch(() => {});
    await rename(this.path, `${this.path}.1`).catch(() => {});
    this.size = (await stat(this.path).catch(() => null))?.size ?? 0;
  }
}
