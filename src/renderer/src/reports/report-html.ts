// The self-contained HTML export: the report page rendered to static markup with its stylesheet
// inlined, so the file opens anywhere, offline, with no script in it.
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { IncidentReport } from '../../../shared/incident-report';
import { ReportDocument } from './ReportDocument';
import reportCss from './report.css?raw';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function reportHtml(report: IncidentReport): string {
  const body = renderToStaticMarkup(createElement(ReportDocument, { report }));
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>${escapeHtml(report.human.title)}</title>
<style>${reportCss}</style></head>
<body>${body}</body></html>
`;
}

/** Offers a file to the operator (browser download; Electron shows its save dialog for it). */
export function download(filename: string, body: BlobPart, mime: string): void {
  const url = URL.createObjectURL(new Blob([body], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
