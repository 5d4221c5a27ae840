// PDF export in the desktop app: Electron's own Chromium prints the report's print page
// (app://yardmaster/?print-report=<id>) from a hidden, hardened window with `webContents.printToPDF`,
// behind the same printer interface the headless host's system Chromium implements
// (CoreOptions.reportPdf). The page reaches the core over the same IPC bridge as the main window.
// One export at a time; the window is destroyed after each, whatever happened.
import { BrowserWindow } from 'electron';
import type { Logger } from '../core/log';
import { PDF_FOOTER, PDF_MARGINS_MM, PDF_READY_TIMEOUT_MS, printPagePath, type ReportPdfPrinter } from '../core/reports/pdf-page';
import { APP_ORIGIN } from './app-protocol';
import { secureWebPreferences } from './security';

export interface ElectronPdfOptions {
  /** out/preload/index.js: the print page talks to the core through it, like the main window. */
  preloadPath: string;
  logger: Logger;
  timeoutMs?: number;
}

const inches = (mm: number) => mm / 25.4;

/**
 * Runs in the print page: resolves with the ready marker's value once the report has rendered
 * ("yes", or "error: <why>"), or "timeout". Event-driven (a MutationObserver), not polled.
 */
export const readyScript = (timeoutMs: number) => `new Promise((resolve) => {
  const check = () => {
    const el = document.querySelector('[data-report-ready]');
    if (!el) return false;
    const state = el.getAttribute('data-report-ready');
    resolve(state === 'yes' ? 'yes' : 'error: ' + (el.textContent || 'the report page failed'));
    return true;
  };
  if (check()) return;
  const observer = new MutationObserver(() => { if (check()) observer.disconnect(); });
  observer.observe(document.documentElement, { subtree: true, childList: true, attributes: true });
  setTimeout(() => { observer.disconnect(); resolve('timeout'); }, ${Math.round(timeoutMs)});
})`;

export function electronReportPdf(o: ElectronPdfOptions): ReportPdfPrinter {
  let queue: Promise<unknown> = Promise.resolve();
  const timeout = o.timeoutMs ?? PDF_READY_TIMEOUT_MS;
  const render = async (reportId: string, paper: 'A4' | 'Letter'): Promise<Buffer> => {
    const started = Date.now();
    const win = new BrowserWindow({ show: false, width: 1024, height: 1400, title: 'Yardmaster report', webPreferences: secureWebPreferences(o.preloadPath) });
    try {
      await win.loadURL(`${APP_ORIGIN}${printPagePath(reportId)}`);
      const state = (await win.webContents.executeJavaScript(readyScript(timeout), true)) as string;
      if (state === 'timeout') throw new Error(`the report page did not finish loading within ${Math.round(timeout / 1000)} s`);
      if (state !== 'yes') throw new Error(`the report page said: ${state.replace(/^error: /, '')}`);
      const pdf = await win.webContents.printToPDF({
        pageSize: paper,
        printBackground: true,
        displayHeaderFooter: true,
        headerTemplate: '<span></span>',
        footerTemplate: PDF_FOOTER,
        margins: { top: inches(PDF_MARGINS_MM.top), bottom: inches(PDF_MARGINS_MM.bottom), left: inches(PDF_MARGINS_MM.left), right: inches(PDF_MARGINS_MM.right) },
      });
      o.logger.info('report PDF rendered', { reportId, bytes: pdf.length, ms: Date.now() - started, via: 'electron' });
      return pdf;
    } finally {
      if (!win.isDestroyed()) win.destroy();
    }
  };
  return (reportId, paper) => {
    const next = queue.then(() => render(reportId, paper));
    queue = next.catch(() => undefined);
    return next;
  };
}
