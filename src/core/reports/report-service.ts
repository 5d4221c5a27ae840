// Incident reports: create from an alert, a server or a range; keep, edit (human fields), delete;
// export. A critical alert that resolves drafts one by itself (listed as a draft; sent nowhere).
import type { Alert, ServerConfig } from '../../shared/domain';
import type { IncidentReport, ReportFormat, ReportHumanFields, ReportListItem, ReportStatus } from '../../shared/incident-report';
import type { Logger } from '../log';
import { buildReport } from './build-report';
import { DEFAULT_TAIL_MS, ScopeError, type ScopeRequest } from './incident-scope';
import type { ReportFiles } from './report-files';
import { reportMarkdown } from './report-markdown';
import type { ReportSource } from './report-source';
import type { JournalEntry } from './report-timeline';

export interface ReportServiceDeps {
  files: ReportFiles;
  source: ReportSource;
  servers: () => ServerConfig[];
  agentsOf: (serverId: string) => string[];
  pseudonym: (kind: 'server' | 'host' | 'user', value: string) => string;
  logger: Logger;
  journal?: (from: number, to: number) => JournalEntry[];
  /** Renders a stored report to PDF through a browser; absent where no Chromium/Electron is available. */
  pdf?: (reportId: string, paper: 'A4' | 'Letter') => Promise<Buffer>;
  now?: () => number;
  onChange?: (ids: string[]) => void;
}

export interface CreateRequest {
  from: { alertId: string } | { serverId: string; from: number; to: number } | { range: { from: number; to: number } };
  redact?: boolean;
  leadInMs?: number;
}

export interface ReportExport {
  filename: string;
  mime: string;
  /** Text for markdown/json; base64 for pdf. */
  body: string;
  encoding: 'utf8' | 'base64';
}

export class ReportInputError extends Error {}

/** A draft made this recently that already lists a server stands for that server's resolved alerts too. */
const STORM_DRAFT_COVERS_MS = 10 * 60_000;

export class ReportService {
  /** Auto drafts of the last minutes and the servers each lists: one fault storm drafts one report. */
  private recentDrafts: Array<{ at: number; serverIds: Set<string> }> = [];

  constructor(private readonly d: ReportServiceDeps) {}

  private now(): number {
    return (this.d.now ?? Date.now)();
  }

  create(req: CreateRequest, auto = false): IncidentReport {
    const servers = this.d.servers();
    let scope: ScopeRequest;
    if ('alertId' in req.from) scope = { kind: 'alert', alertId: req.from.alertId };
    else if ('serverId' in req.from) {
      const serverId = req.from.serverId;
      if (!servers.some((s) => s.id === serverId)) throw new ReportInputError('No server with that id.');
      scope = { kind: 'server', serverId, from: req.from.from, to: req.from.to };
    } else scope = { kind: 'range', from: req.from.range.from, to: req.from.range.to };
    const origin = scope.kind === 'alert' ? ({ kind: auto ? 'auto' : 'alert', alertId: scope.alertId } as const) : scope.kind === 'server' ? ({ kind: 'server', serverId: scope.serverId } as const) : ({ kind: 'range' } as const);
    const report = this.build(scope, origin, req.leadInMs, req.redact);
    if (scope.kind !== 'alert' && report.servers.length === 0 && report.timeline.length === 0) {
      report.notes.push('Nothing happened in this range: no status changes and no alerts were recorded.');
    }
    this.d.files.save(report);
    this.d.logger.info('incident report created', { id: report.id, origin: origin.kind, servers: report.servers.length, timeline: report.timeline.length });
    this.d.onChange?.([report.id]);
    return report;
  }

  private build(scope: ScopeRequest, origin: IncidentReport['origin'], leadInMs: number | undefined, redact: boolean | undefined): IncidentReport {
    try {
      return buildReport(scope, origin, this.d.servers(), this.d.source, { now: this.now(), leadInMs, redact, pseudonym: this.d.pseudonym, agentsOf: this.d.agentsOf, journal: this.d.journal });
    } catch (err) {
      if (err instanceof ScopeError) throw new ReportInputError(err.message);
      throw err;
    }
  }

  /**
   * Rebuilds a draft's facts from the store, keeping its id and human fields: a report drafted when its
   * alert resolved lacks the hour after (its window's tail) and the resolution's own notifications.
   * Reports of an alert only; a final report is frozen.
   */
  refresh(id: string): IncidentReport {
    const current = this.get(id);
    if (current.status === 'final') throw new ReportInputError('A final report is frozen: set it back to draft to refresh its facts.');
    if (current.origin.kind !== 'alert' && current.origin.kind !== 'auto') throw new ReportInputError('Only a report of an alert can be refreshed; create a new one for another range.');
    const rebuilt = this.build({ kind: 'alert', alertId: current.origin.alertId }, current.origin, current.window.leadInMs, current.redacted);
    const report: IncidentReport = { ...rebuilt, id: current.id, status: current.status, createdAt: current.createdAt, updatedAt: this.now(), human: current.human };
    this.d.files.save(report);
    this.d.logger.info('incident report refreshed', { id, timeline: report.timeline.length });
    this.d.onChange?.([id]);
    return report;
  }

  /** Refreshes the drafts of resolved alerts that were built before their window ended, now that it has. Never throws. */
  refreshDueDrafts(): number {
    const now = this.now();
    let refreshed = 0;
    for (const item of this.list()) {
      if (item.status !== 'draft' || item.originAlertId === null) continue;
      try {
        const report = this.get(item.id);
        // Built before its tail ended (the window was cut at "now"), and the tail has ended since.
        const fullTailAt = report.resolvedAt === null ? null : report.resolvedAt + DEFAULT_TAIL_MS;
        if (fullTailAt === null || report.window.to >= fullTailAt || now < fullTailAt) continue;
        this.refresh(item.id);
        refreshed += 1;
      } catch (err) {
        this.d.logger.warn('incident report refresh failed', { id: item.id, error: err instanceof Error ? err.name : 'unknown' });
      }
    }
    return refreshed;
  }

  /** Called for every alert change; drafts a report when a critical alert resolves. Never throws. */
  alertChanged(alert: Alert): void {
    if (alert.severity !== 'critical' || alert.resolvedAt === null) return;
    try {
      // A storm resolves hundreds of server-down alerts within moments; the first one's draft already
      // covers the incident (every server it touched), so the others add no report of their own.
      // (Drafting one per alert, each listing the whole storm, held the event loop for minutes at 1,000 servers.)
      const now = this.now();
      this.recentDrafts = this.recentDrafts.filter((r) => now - r.at < STORM_DRAFT_COVERS_MS);
      if (this.recentDrafts.some((r) => r.serverIds.has(alert.serverId))) return;
      if (this.list().some((r) => r.originAlertId === alert.id)) return;
      const report = this.create({ from: { alertId: alert.id } }, true);
      this.recentDrafts.push({ at: now, serverIds: new Set([alert.serverId, ...report.servers.map((x) => x.serverId)]) });
    } catch (err) {
      this.d.logger.error('incident report draft failed', { alertId: alert.id, error: err instanceof Error ? err.message : String(err) });
    }
  }

  list(): ReportListItem[] {
    return this.d.files.list();
  }

  get(id: string): IncidentReport {
    const report = this.d.files.get(id);
    if (!report) throw new ReportInputError('No report with that id.');
    return report;
  }

  update(id: string, human: ReportHumanFields, status?: ReportStatus): IncidentReport {
    const current = this.get(id);
    const report = { ...current, human, status: status ?? current.status, updatedAt: this.now() };
    this.d.files.save(report);
    this.d.onChange?.([id]);
    return report;
  }

  remove(id: string): boolean {
    const removed = this.d.files.remove(id);
    if (removed) this.d.onChange?.([id]);
    return removed;
  }

  async export(id: string, format: ReportFormat, paper: 'A4' | 'Letter' = 'A4'): Promise<ReportExport> {
    const report = this.get(id);
    const base = `incident-${new Date(report.startedAt).toISOString().slice(0, 10)}-${report.id.slice(0, 8)}`;
    if (format === 'markdown') return { filename: `${base}.md`, mime: 'text/markdown', body: reportMarkdown(report), encoding: 'utf8' };
    if (format === 'json') return { filename: `${base}.json`, mime: 'application/json', body: JSON.stringify(report, null, 2), encoding: 'utf8' };
    if (!this.d.pdf) {
      throw new ReportInputError('PDF export needs a browser engine: install Chromium (Debian: apt-get install chromium) or use the desktop app. Markdown, JSON and HTML exports work without it.');
    }
    const pdf = await this.d.pdf(id, paper);
    return { filename: `${base}.pdf`, mime: 'application/pdf', body: pdf.toString('base64'), encoding: 'base64' };
  }
}
