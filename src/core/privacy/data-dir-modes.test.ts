import { chmodSync, mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createConfBackend } from '../settings/conf-backend';
import { createMemoryLogger } from '../log';
import { openConsoleDatabase } from '../db/console-database';
import { restrictDataDir } from './data-dir-modes';

const mode = (p: string) => statSync(p).mode & 0o777;

describe('data directory modes', () => {
  it('are owner only: the folder 0700, history, its WAL, settings and reports 0600, as a headless install leaves them', () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'ym-modes-')), 'data');
    mkdirSync(dir, { mode: 0o755 });
    chmodSync(dir, 0o755);
    const settings = createConfBackend(dir, createMemoryLogger());
    settings.write({ servers: [] } as never);
    // Written owner-only from the start, not only after the sweep.
    expect(mode(join(dir, 'settings.json'))).toBe(0o600);
    const db = openConsoleDatabase(join(dir, 'history.sqlite'));
    mkdirSync(join(dir, 'reports'));
    writeFileSync(join(dir, 'reports', 'r1.json'), '{}', { mode: 0o644 });
    chmodSync(join(dir, 'history.sqlite'), 0o644);
    restrictDataDir(dir);
    expect(mode(dir)).toBe(0o700);
    for (const f of ['history.sqlite', 'history.sqlite-wal', 'settings.json', 'reports/r1.json']) expect(mode(join(dir, f)), f).toBe(0o600);
    db.close();
  });
});
