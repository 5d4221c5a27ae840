// Incident reports (issue 14): the contract block, spread into methodInputs / MethodOutputs / EventPayloads.
import { z } from 'zod';
import { REPORT_FORMATS, reportHumanFieldsSchema, type IncidentReport, type ReportListItem } from './incident-report';

const id = z.string().min(1).max(64);
const time = z.number().int().nonnegative();
const DAY = 24 * 3_600_000;
const span = z
  .object({ from: time, to: time })
  .strict()
  .refine((v) => v.to > v.from, { message: 'the end must be after the start', path: ['to'] })
  .refine((v) => v.to - v.from <= 31 * DAY, { message: 'at most 31 days', path: ['to'] });

export const reportInputs = {
  'reports.list': z.object({}).strict(),
  'reports.get': z.object({ id }).strict(),
  /** Mutating (writes a report file); reads only the store, never a server. */
  'reports.create': z
    .object({
      from: z.union([
        z.object({ alertId: id }).strict(),
        z.object({ serverId: id, from: time, to: time }).strict(),
        z.object({ range: span }).strict(),
      ]),
      redact: z.boolean().optional(),
      leadInMs: z.number().int().min(0, 'not negative').max(7 * DAY, 'at most 7 days').optional(),
    })
    .strict(),
  'reports.update': z.object({ id, human: reportHumanFieldsSchema, status: z.enum(['draft', 'final']).optional() }).strict(),
  /** Mutating (rewrites the report file): a draft's facts rebuilt from the store; its human fields stay. */
  'reports.refresh': z.object({ id }).strict(),
  'reports.remove': z.object({ id }).strict(),
  'reports.export': z.object({ id, format: z.enum(REPORT_FORMATS), paper: z.enum(['A4', 'Letter']).optional() }).strict(),
} as const;

export interface ReportOutputs {
  'reports.list': ReportListItem[];
  'reports.get': IncidentReport;
  'reports.create': IncidentReport;
  'reports.update': IncidentReport;
  'reports.refresh': IncidentReport;
  'reports.remove': { removed: true };
  'reports.export': { filename: string; mime: string; body: string; encoding: 'utf8' | 'base64' };
}

export interface ReportEvents {
  /** Reports were created, edited or deleted. */
  'reports.changed': { ids: string[] };
}
