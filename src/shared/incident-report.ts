// The incident report model (issue 14): built by the core from the store, rendered by the window, and
// exported as JSON exactly as below. Only numbers, console-owned enums and console-authored words; no
// text that came from a server. `schemaVersion` changes whenever a field changes meaning.
import { z } from 'zod';
import type { AlertSeverity, ProbeErrorKind, ServerStatus } from './domain';

export const REPORT_SCHEMA_VERSION = 1;

export type ReportStatus = 'draft' | 'final';

/** What a report was made from. */
export type ReportOrigin =
  | { kind: 'alert'; alertId: string }
  | { kind: 'server'; serverId: string }
  | { kind: 'range' }
  | { kind: 'auto'; alertId: string };

export type TimelineKind =
  | 'status'
  | 'alert-raised'
  | 'alert-acknowledged'
  | 'alert-resolved'
  | 'alert-escalated'
  | 'silence-created'
  | 'notification-sent'
  | 'version-changed'
  | 'gateway-restarted'
  | 'config-changed'
  | 'rollout-step'
  | 'hygiene-run';

export interface TimelineEntry {
  at: number;
  kind: TimelineKind;
  /** null for fleet-wide entries (a silence on every server). */
  serverId: string | null;
  /** Console-authored sentence (never text from a server). */
  text: string;
  severity?: AlertSeverity;
  alertId?: string;
}

/** min/avg/max of one metric over a period, or null when nothing was recorded. */
export interface MetricSummary {
  min: number;
  avg: number;
  max: number;
  count: number;
}

export interface ReportServer {
  serverId: string;
  /** Pseudonyms when the report is redacted. */
  name: string;
  host: string;
  sshUser: string;
  role: string | null;
  versionsBefore: string[];
  versionsDuring: string[];
  minutesDown: number;
  statusesDuring: ServerStatus[];
  probes: { ok: number; failed: number; errorKinds: Array<{ kind: ProbeErrorKind; count: number }> };
  before: ServerMetrics;
  during: ServerMetrics;
  alertRules: string[];
}

export interface ServerMetrics {
  rssBytes: MetricSummary | null;
  eventLoopP99Ms: MetricSummary | null;
  probeMs: MetricSummary | null;
  maxContextFill: MetricSummary | null;
}

export interface ReportChartPoint {
  t: number;
  min: number;
  avg: number;
  max: number;
}

export interface ReportChart {
  serverId: string;
  metric: 'rss_bytes' | 'event_loop_p99_ms' | 'probe_ms' | 'max_context_fill' | 'up';
  unit: 'bytes' | 'ms' | 'ratio' | 'up';
  resolutionMs: number;
  points: ReportChartPoint[];
}

export interface FollowUp {
  text: string;
  owner: string;
  /** YYYY-MM-DD or empty. */
  due: string;
}

/** The fields a human writes; everything else is computed from the store. */
export interface ReportHumanFields {
  title: string;
  rootCause: string;
  resolution: string;
  followUps: FollowUp[];
}

export interface IncidentReport {
  schemaVersion: typeof REPORT_SCHEMA_VERSION;
  id: string;
  status: ReportStatus;
  severity: AlertSeverity;
  origin: ReportOrigin;
  createdAt: number;
  updatedAt: number;
  /** Onset (first sign) and resolution (null while ongoing); the window adds the lead-in and tail. */
  startedAt: number;
  resolvedAt: number | null;
  window: { from: number; to: number; leadInMs: number; tailMs: number };
  redacted: boolean;
  impact: {
    fleetServers: number;
    serversAffected: number;
    fleetAgents: number;
    agentsAffected: number;
    heartbeatAlerts: number;
    sessionsAffected: number;
    minutesDownTotal: number;
  };
  detection: { timeToDetectMs: number | null; timeToAcknowledgeMs: number | null; timeToResolveMs: number | null };
  timeline: TimelineEntry[];
  /** True when the timeline was cut at its limit (the oldest entries are kept). */
  timelineTruncated: boolean;
  servers: ReportServer[];
  charts: ReportChart[];
  human: ReportHumanFields;
  /** Console-authored sentences about the data (e.g. "no samples in this range"). */
  notes: string[];
}

export interface ReportListItem {
  id: string;
  title: string;
  status: ReportStatus;
  severity: AlertSeverity;
  startedAt: number;
  resolvedAt: number | null;
  updatedAt: number;
  serversAffected: number;
  /** The alert it was made from (auto drafts are made once per alert). */
  originAlertId: string | null;
}

const freeText = (max: number) => z.string().max(max, `at most ${max} characters`);

export const reportHumanFieldsSchema = z
  .object({
    title: z.string().trim().min(1, 'required').max(200, 'at most 200 characters'),
    rootCause: freeText(20_000),
    resolution: freeText(20_000),
    followUps: z
      .array(
        z
          .object({
            text: z.string().trim().min(1, 'required').max(500, 'at most 500 characters'),
            owner: freeText(100),
            due: z.union([z.literal(''), z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date like 2026-12-31')]),
          })
          .strict(),
      )
      .max(50, 'at most 50 follow-ups'),
  })
  .strict();

export const REPORT_FORMATS = ['markdown', 'json', 'pdf'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
