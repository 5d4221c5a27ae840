// Wires the incident-report parts together for the composition root.
import { join } from 'node:path';
import type { ServerConfig } from '../../shared/domain';
import type { Database } from '../history/sqlite';
import type { Logger } from '../log';
import type { Pseudonyms } from '../privacy/pseudonyms';
import { ReportFiles } from './report-files';
import { reportHandlers } from './report-handlers';
import { ReportService } from './report-service';
import { sqliteReportSource } from './report-source';
import type { JournalEntry } from './report-timeline';

export interface ReportsDeps {
  dataDir: string;
  /** The install's one pseudonym secret (shared with session pseudonyms). */
  pseudonyms: Pseudonyms;
  db: Database;
  servers: () => ServerConfig[];
  agentsOf: (serverId: string) => string[];
  logger: Logger;
  pdf?: (reportId: string, paper: 'A4' | 'Letter') => Promise<Buffer>;
  journal?: (from: number, to: number) => JournalEntry[];
  onChange?: (ids: string[]) => void;
  now?: () => number;
}

export function createReports(d: ReportsDeps) {
  const service = new ReportService({
    files: new ReportFiles(join(d.dataDir, 'reports')),
    source: sqliteReportSource(d.db),
    servers: d.servers,
    agentsOf: d.agentsOf,
    pseudonym: (kind, value) => d.pseudonyms.of(kind, value),
    logger: d.logger,
    pdf: d.pdf,
    journal: d.journal,
    onChange: d.onChange,
    now: d.now,
  });
  // Drafts of resolved alerts get their tail hour once it has passed (checked at start and every few minutes).
  let timer: NodeJS.Timeout | null = null;
  return {
    service,
    handlers: reportHandlers(service),
    start: () => {
      service.refreshDueDrafts();
      timer = setInterval(() => service.refreshDueDrafts(), DRAFT_REFRESH_EVERY_MS);
      timer.unref?.();
    },
    stop: () => {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}

const DRAFT_REFRESH_EVERY_MS = 5 * 60_000;
