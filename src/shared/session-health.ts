// Session health ("bloat") types shared by core and renderer. Numbers and identifiers only: no label,
// title, preview or any other text a user or model wrote.
import type { SeriesPoint } from './domain';

/** Series kept per session (dimension "session:<key>") and per agent (dimension "agent:<id>"). */
export const SESSION_METRICS = ['fill', 'tokens'] as const;
export const AGENT_METRICS = ['max_fill', 'rows', 'zero_rows', 'store_bytes'] as const;
export type SessionMetric = (typeof SESSION_METRICS)[number];
export type AgentMetric = (typeof AGENT_METRICS)[number];
export type HealthMetric = SessionMetric | AgentMetric;

/** A compaction seen on a session: its compaction count went up, or (count unknown) its fill fell sharply. */
export interface CompactionMarker {
  t: number;
  sessionKey: string;
  /** compactionCount after it, when the store was read; null when only the fill drop was seen. */
  count: number | null;
  fillBefore: number | null;
  fillAfter: number | null;
}

/** Growth of a fill series: least-squares slope over the recent window and when it would reach 100 %. */
export interface FillTrend {
  /** Fill per hour (0.1 = 10 percentage points an hour); null with too few points. */
  slopePerHour: number | null;
  /** Milliseconds until the fill reaches 1.0 at that slope; null when flat, falling or unknown. */
  timeToOverflowMs: number | null;
}

export interface HealthSeries {
  resolutionMs: number;
  points: SeriesPoint[];
}

/** One watched session as last seen, with what was derived from its history. */
export interface SessionHealthRow {
  serverId: string;
  sessionKey: string;
  agentId: string | null;
  at: number;
  /** 0..1: estimatedPromptTokens / contextTokenBudget, else fresh totalTokens / contextTokens. */
  fill: number | null;
  promptTokens: number | null;
  budgetTokens: number | null;
  shouldCompact: boolean;
  /** Fresh polls in a row with shouldCompact set and no compaction in between. */
  compactPolls: number;
  compactionCount: number | null;
  route: string | null;
  status: string | null;
  /** When a run was first seen active (still active now), else null. */
  activeRunSince: number | null;
  abortedLastRun: boolean;
  trend: FillTrend;
}

/** One agent's store as last seen. */
export interface AgentHealthRow {
  serverId: string;
  agentId: string;
  at: number;
  /** Rows in the store (not archived); from the store itself when it was read, else the gateway's count. */
  rows: number | null;
  zeroTokenRows: number | null;
  /** DB + WAL (or sessions.json + transcripts on old servers). */
  storeBytes: number | null;
  maxFill: number | null;
  /** When the store's metadata (compaction counts, row counts) was last read over SSH; null if never. */
  metaReadAt: number | null;
  metaError: string | null;
}

export interface FillHeatmap {
  resolutionMs: number;
  buckets: number[];
  rows: Array<{ serverId: string; agentId: string; cells: Array<number | null> }>;
}
