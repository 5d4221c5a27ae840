// PDF export on the headless host: the system Chromium (through playwright-core, no browser download)
// loads this host's own print page for the report and prints it, so the PDF is the page the
// operator sees in the window. One export at a time keeps a 2-core ops box responsive.
import { existsSync } from 'node:fs';
import type { Logger } from '../core/log';
import { PDF_FOOTER, PDF_MARGINS_MM, PDF_READY_TIMEOUT_MS, printPagePath, type ReportPdfPrinter } from '../core/reports/pdf-page';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  const configured = env.YARDMASTER_CHROMIUM;
  if (configured) return existsSync(configured) ? configured : null;
  return CANDIDATES.find((p) => existsSync(p)) ?? null;
}

export interface ReportPdfOptions {
  chromiumPath: string;
  /** This host's own origin, e.g. http://127.0.0.1:4870 (known once it listens). */
  origin: () => string;
  token: string;
  logger: Logger;
  timeoutMs?: number;
}

const mm = (n: number) => `${n}mm`;

export function chromiumReportPdf(o: ReportPdfOptions): ReportPdfPrinter {
  let queue: Promise<unknown> = Promise.resolve();
  const render = async (reportId: string, paper: 'A4' | 'Letter'): Promise<Buffer> => {
    const { chromium } = await import('playwright-core');
    const started = Date.now();
    const browser = await chromium.launch({
      executablePath: o.chromiumPath,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
    });
    try {
      // Its own host only, whose certificate may be self-signed.
      const page = await browser.newPage({ ignoreHTTPSErrors: true });
      const timeout = o.timeoutMs ?? PDF_READY_TIMEOUT_MS;
      await page.goto(`${o.origin()}${printPagePath(reportId)}#token=${encodeURIComponent(o.token)}`, { timeout });
      const ready = await page.waitForSelector('[data-report-ready]', { timeout });
      if ((await ready.getAttribute('data-report-ready')) !== 'yes') throw new Error(`the report page said: ${(await ready.textContent()) ?? 'error'}`);
      await page.emulateMedia({ media: 'print' });
      const pdf = await page.pdf({
        format: paper,
        printBackground: true,
        displayHeaderFooter: true,
        headerTemplate: '<span></span>',
        footerTemplate: PDF_FOOTER,
        margin: { top: mm(PDF_MARGINS_MM.top), bottom: mm(PDF_MARGINS_MM.bottom), left: mm(PDF_MARGINS_MM.left), right: mm(PDF_MARGINS_MM.right) },
      });
      o.logger.info('report PDF rendered', { reportId, bytes: pdf.length, ms: Date.now() - started });
      return pdf;
    } finally {
      await browser.close();
    }
  };
  return (reportId, paper) => {
    const next = queue.then(() => render(reportId, paper));
    queue = next.catch(() => undefined);
    return next;
  };
}
