// The desktop app's PDF printer (Electron's webContents.printToPDF) against the project's fake
// 'electron' module: no Electron binary exists on this machine, so Chromium's print itself is not run
// here — what is checked is everything around it: the hidden hardened window, the print page's
// address, the ready wait (the real ready script, run in a real DOM by jsdom), the print options,
// clear failures, one export at a time, the window destroyed every time, and the core's report
// service exporting through it.
import { mkdtempSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../core/log';
import { openConsoleDatabase } from '../core/db/console-database';
import { createReports } from '../core/reports/create-reports';
import { FakeBrowserWindow, createFakeElectron } from './test/fake-electron';

const fake = createFakeElectron(mkdtempSync(join(tmpdir(), 'ym-pdf-electron-')));
vi.mock('electron', () => ({ ...fake.module, default: fake.module }));
const { electronReportPdf } = await import('./report-pdf-electron');

// jsdom (already a dev dependency of the renderer tests) as a real DOM for the print page; typed here
// by the little this test uses.
interface PageRoot {
  innerHTML: string;
}
const { JSDOM } = createRequire(import.meta.url)('jsdom') as {
  JSDOM: new (html: string, o: { runScripts: 'outside-only' }) => { window: { eval(code: string): unknown; document: { getElementById(id: string): PageRoot | null } } };
};

const logger = createLogger({});
const PRELOAD = '/app/out/preload/index.js';

/** The print page in a real DOM: the script runs there; the report "renders" after it started waiting. */
function page(render: (root: PageRoot) => void) {
  return (win: FakeBrowserWindow) => {
    win.webContents.onExecute = async (code) => {
      const dom = new JSDOM('<!doctype html><div id="root"></div>', { runScripts: 'outside-only' });
      const waiting = dom.window.eval(code) as Promise<unknown>;
      setImmediate(() => render(dom.window.document.getElementById('root')!));
      return waiting;
    };
  };
}
const ready = page((root) => (root.innerHTML = '<div data-report-ready="yes"><h1>Server down on s1</h1></div>'));

afterEach(() => {
  FakeBrowserWindow.prepare = null;
  FakeBrowserWindow.instances.length = 0;
});

describe('Electron PDF printer (fake electron: no Electron binary on this machine)', () => {
  it('prints the report page from a hidden, hardened window with printToPDF: paper, backgrounds, page numbers, margins', async () => {
    FakeBrowserWindow.prepare = ready;
    const print = electronReportPdf({ preloadPath: PRELOAD, logger });
    const pdf = await print('report-1', 'Letter');
    expect(pdf.toString()).toMatch(/^%PDF-/);
    const [win] = FakeBrowserWindow.instances;
    expect(win!.options).toMatchObject({ show: false, webPreferences: { preload: PRELOAD, contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true } });
    expect(win!.loadedUrl).toBe('app://yardmaster/?print-report=report-1');
    expect(win!.webContents.printed).toEqual([
      {
        pageSize: 'Letter',
        printBackground: true,
        displayHeaderFooter: true,
        headerTemplate: '<span></span>',
        footerTemplate: expect.stringContaining('<span class="pageNumber"></span> / <span class="totalPages"></span>'),
        margins: { top: 12 / 25.4, bottom: 16 / 25.4, left: 10 / 25.4, right: 10 / 25.4 },
      },
    ]);
    expect(win!.isDestroyed()).toBe(true);
    await print('report-1', 'A4');
    expect(FakeBrowserWindow.instances[1]!.webContents.printed[0]).toMatchObject({ pageSize: 'A4' });
  });

  it('waits for the ready marker, then prints; the report id is escaped in the address', async () => {
    FakeBrowserWindow.prepare = ready;
    await electronReportPdf({ preloadPath: PRELOAD, logger })('a b&c', 'A4');
    const win = FakeBrowserWindow.instances[0]!;
    expect(win.loadedUrl).toBe('app://yardmaster/?print-report=a%20b%26c');
    expect(win.webContents.executed).toHaveLength(1);
    expect(win.webContents.printed).toHaveLength(1);
  });

  it('a page that reports an error, or never gets ready, fails the export clearly and leaves no window', async () => {
    FakeBrowserWindow.prepare = page((root) => (root.innerHTML = '<p role="alert" data-report-ready="error">No report with id nope.</p>'));
    const print = electronReportPdf({ preloadPath: PRELOAD, logger, timeoutMs: 200 });
    await expect(print('nope', 'A4')).rejects.toThrow('the report page said: No report with id nope.');
    FakeBrowserWindow.prepare = page(() => {});
    await expect(print('slow', 'A4')).rejects.toThrow(/did not finish loading within/);
    expect(FakeBrowserWindow.instances.map((w) => [w.isDestroyed(), w.webContents.printed.length])).toEqual([
      [true, 0],
      [true, 0],
    ]);
    // A failure does not block the next export.
    FakeBrowserWindow.prepare = ready;
    await expect(print('ok', 'A4')).resolves.toBeInstanceOf(Buffer);
  });

  it('prints one report at a time: the second window opens after the first is destroyed', async () => {
    const opened: number[] = [];
    FakeBrowserWindow.prepare = (win) => {
      opened.push(FakeBrowserWindow.instances.filter((w) => !w.isDestroyed()).length);
      ready(win);
    };
    const print = electronReportPdf({ preloadPath: PRELOAD, logger });
    await Promise.all([print('r1', 'A4'), print('r2', 'A4'), print('r3', 'Letter')]);
    expect(opened).toEqual([1, 1, 1]);
    expect(FakeBrowserWindow.instances.map((w) => w.loadedUrl)).toEqual(['app://yardmaster/?print-report=r1', 'app://yardmaster/?print-report=r2', 'app://yardmaster/?print-report=r3']);
  });

  it('is the core’s PDF printer: the report service’s PDF export is what printToPDF returned', async () => {
    FakeBrowserWindow.prepare = ready;
    const database = openConsoleDatabase(':memory:');
    const { service } = createReports({
      dataDir: mkdtempSync(join(tmpdir(), 'ym-pdf-electron-core-')),
      pseudonyms: database.pseudonyms,
      db: database.db,
      servers: () => [],
      agentsOf: () => [],
      logger,
      pdf: electronReportPdf({ preloadPath: PRELOAD, logger }),
    });
    const report = service.create({ from: { range: { from: Date.now() - 3_600_000, to: Date.now() } } });
    const exported = await service.export(report.id, 'pdf', 'A4');
    expect(exported).toMatchObject({ mime: 'application/pdf', encoding: 'base64' });
    expect(Buffer.from(exported.body, 'base64').toString()).toBe('%PDF-1.7 fake print of 1');
    expect(FakeBrowserWindow.instances[0]!.loadedUrl).toBe(`app://yardmaster/?print-report=${report.id}`);
    database.close();
  });
});
