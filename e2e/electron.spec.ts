// The real Electron window, where an Electron binary exists (ELECTRON_OVERRIDE_DIST_PATH, or a
// downloaded node_modules/electron/dist). This machine has none (Electron is not in the npm
// registry's packages), so here the test reports itself skipped with that reason.
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';

function electronBinary(): string | null {
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) return existsSync(join(override, 'electron')) ? join(override, 'electron') : null;
  const pathTxt = join('node_modules', 'electron', 'path.txt');
  if (!existsSync(pathTxt)) return null;
  const exe = join('node_modules', 'electron', 'dist', readFileSync(pathTxt, 'utf8').trim());
  return existsSync(exe) ? exe : null;
}

test('Electron window loads the console over app:// with the sandboxed bridge', async () => {
  const binary = electronBinary();
  test.skip(!binary, 'SKIPPED: no Electron binary on this machine (set ELECTRON_OVERRIDE_DIST_PATH to run it)');
  const userData = mkdtempSync(join(tmpdir(), 'ym-electron-'));
  const app = await electron.launch({ executablePath: binary!, args: ['.', `--user-data-dir=${userData}`] });
  try {
    const window = await app.firstWindow();
    await expect(window).toHaveURL('app://yardmaster/index.html');
    await expect(window.getByText('No servers yet')).toBeVisible();
    expect(await window.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
    expect(await window.evaluate(() => Object.keys((window as unknown as { yardmaster: object }).yardmaster).sort())).toEqual(['invoke', 'subscribe']);
  } finally {
    await app.close();
  }
});
