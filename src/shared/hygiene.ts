// Session hygiene (issue 18): policies, runs and their numbers, shared by core and renderer. Numbers,
// ids and enums only: no session text, labels, paths or command output ever has a field here.
import { z } from 'zod';

/** What a hygiene run can do on a server; docs/hygiene-commands.md says which OpenClaw command each is. */
export const HYGIENE_ACTIONS = ['prune', 'compact', 'reset', 'memory-reindex', 'prune-strict', 'reclaim-space'] as const;
export type HygieneAction = (typeof HYGIENE_ACTIONS)[number];
export const HYGIENE_MODES = ['preview', 'ask', 'auto'] as const;
export type HygieneMode = (typeof HYGIENE_MODES)[number];

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'HH:MM (00:00–24:00)');
const agentId = z.string().regex(/^[A-Za-z0-9._-]{1,128}$/, 'an agent id');

export const hygienePolicyInputSchema = z
  .object({
    name: z.string().trim().min(1, 'required').max(80, 'at most 80 characters'),
    /** Exactly one of role or serverId. */
    role: z.string().trim().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'lower-case letters, digits, dashes').optional(),
    serverId: z.string().min(1).max(64).optional(),
    actions: z.array(z.enum(HYGIENE_ACTIONS)).min(1, 'pick at least one action').max(HYGIENE_ACTIONS.length),
    /** Five- or six-field cron expression, read by croner in `timezone`. */
    cron: z.string().trim().min(1, 'required').max(120, 'too long'),
    timezone: z.string().trim().min(1, 'required').max(64, 'too long'),
    /** The maintenance window, local time in `timezone`; end before start crosses midnight. */
    windowStart: hhmm,
    windowEnd: hhmm,
    mode: z.enum(HYGIENE_MODES),
    /** compact: sessions at or above this fill (0.5–1). */
    compactFill: z.number().min(0.5, 'at least 0.5').max(1, 'at most 1').optional(),
    /** reset: the agents whose main session is archived and started fresh. */
    resetAgents: z.array(agentId).max(50, 'at most 50 agents').optional(),
    enabled: z.boolean(),
  })
  .strict();
export type HygienePolicyInput = z.infer<typeof hygienePolicyInputSchema>;

export interface HygienePolicy extends HygienePolicyInput {
  id: string;
  createdAt: number;
}

/** A policy with when it fires next (null: disabled or invalid) and its validation problems. */
export interface HygienePolicyView extends HygienePolicy {
  nextRunAt: number | null;
  problems: Record<string, string>;
}

/** One agent's store, before or after. */
export interface HygieneAgentFigures {
  agentId: string;
  rows: number | null;
  zeroTokenRows: number | null;
  storeBytes: number | null;
  maxFill: number | null;
}

/** What one action would do (dry run) or did (real run) on one server: counts and sizes only. */
export interface HygieneActionNumbers {
  action: HygieneAction;
  /** Rows that leave (or would leave) the live store, per agent and in total. */
  rows: number;
  perAgent: Array<{ agentId: string; rows: number }>;
  /** Bytes the action would free where OpenClaw says (disk budget), else null. */
  bytes: number | null;
  /** Sessions, indexes or agents acted on (compact, reset, memory-reindex). */
  targets: number;
  /** Of those, how many failed (real runs). */
  failed: number;
}

export const HYGIENE_SERVER_STATES = ['pending', 'skipped', 'previewed', 'awaiting-approval', 'running', 'done', 'failed', 'expired'] as const;
export type HygieneServerState = (typeof HYGIENE_SERVER_STATES)[number];

export interface HygieneRunServer {
  serverId: string;
  state: HygieneServerState;
  /** Why skipped or failed: an enum-like reason (server-down, busy:<label>, unavailable:<action>, window-closed, …). */
  reason: string | null;
  /** Actions this server's version lacks, with why. */
  unavailable: Array<{ action: HygieneAction; reason: string }>;
  dryRun: HygieneActionNumbers[];
  real: HygieneActionNumbers[];
  before: HygieneAgentFigures[];
  after: HygieneAgentFigures[];
  startedAt: number | null;
  finishedAt: number | null;
}

export const HYGIENE_RUN_STATES = ['planning', 'awaiting-approval', 'running', 'done', 'failed', 'expired', 'previewed'] as const;
export type HygieneRunState = (typeof HYGIENE_RUN_STATES)[number];

/** One run of a policy (scheduled) or of "Run now": the audit record. */
export interface HygieneRun {
  id: string;
  policyId: string | null;
  policyName: string;
  trigger: 'schedule' | 'operator';
  startedBy: string;
  createdAt: number;
  windowEndsAt: number;
  mode: HygieneMode;
  actions: HygieneAction[];
  /** The policy's action settings at the time (compact threshold, agents to reset). */
  compactFill?: number;
  resetAgents?: string[];
  state: HygieneRunState;
  approvedBy: string | null;
  approvedAt: number | null;
  finishedAt: number | null;
  servers: HygieneRunServer[];
}

/** A finished server run, drawn on the Sessions charts. */
export interface HygieneMarker {
  t: number;
  runId: string;
  serverId: string;
  agentId: string;
  rowsBefore: number | null;
  rowsAfter: number | null;
  outcome: 'done' | 'failed';
}
