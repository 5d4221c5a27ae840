// The file logger (defect 8): lines are written off the event loop's critical path, the file rotates
// by size keeping a few, and hostile values are cleaned.
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from './log';

describe('file logger', () => {
  it('does not block on a write per line: the line reaches the file in the background', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'ym-log-')), 'yardmaster.log');
    const logger = createLogger({ filePath: path, stderr: false });
    logger.info('probe done', { server: 'a\u001b[31mred\nforged' });
    // Nothing was written synchronously (the old logger appended with appendFileSync here).
    expect(existsSync(path) ? readFileSync(path, 'utf8') : '').toBe('');
    await logger.flush!();
    const line = JSON.parse(readFileSync(path, 'utf8').trim()) as Record<string, string>;
    expect(line).toMatchObject({ level: 'info', msg: 'probe done', server: 'a [31mred forged' });
  });

  it('rotates by size and keeps three old files', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'ym-log-')), 'yardmaster.log');
    const logger = createLogger({ filePath: path, stderr: false, file: { maxBytes: 2_000, keep: 3 } });
    for (let i = 0; i < 200; i++) {
      logger.info('line', { i, pad: 'x'.repeat(50) });
      if (i % 10 === 0) await logger.flush!();
    }
    await logger.flush!();
    for (const suffix of ['', '.1', '.2', '.3']) expect(statSync(`${path}${suffix}`).size).toBeLessThanOrEqual(2_000);
    expect(existsSync(`${path}.4`)).toBe(false);
    // The newest line is in the live file.
    expect(readFileSync(path, 'utf8')).toContain('"i":199');
  });
});
