// How a report is printed to PDF, the same for both hosts' printers (the headless host's system
// Chromium and the desktop app's Electron): the print page's address, the footer with page numbers,
// the margins. Backgrounds are always printed (status colours are part of the report).

export type ReportPaper = 'A4' | 'Letter';

/** What the core calls to turn a stored report into PDF bytes (CoreOptions.reportPdf). */
export type ReportPdfPrinter = (reportId: string, paper: ReportPaper) => Promise<Buffer>;

/** The renderer's print page for a report: the report alone, marked [data-report-ready] once loaded. */
export const printPagePath = (reportId: string) => `/?print-report=${encodeURIComponent(reportId)}`;

export const PDF_FOOTER = `<div style="font-size:8px;width:100%;padding:0 10mm;color:#666;display:flex;justify-content:space-between">
<span>Yardmaster incident report</span><span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>`;

export const PDF_MARGINS_MM = { top: 12, bottom: 16, left: 10, right: 10 } as const;

/** The print page waits for this long for the report's data before the export fails. */
export const PDF_READY_TIMEOUT_MS = 30_000;
