// What a fleet-table row needs of a snapshot, without its big arrays: windows get this on every
// probe (server.snapshot, servers.list); the full snapshot (sessions, heartbeat jobs, stores) is
// fetched on demand with servers.detail. Pure functions, usable in core and renderer.
import type { HeartbeatJob, ServerSnapshot, SessionFacts } from './domain';

/** One agent as a row shows it. */
export interface AgentRowSummary {
  agentId: string;
  /** Sessions listed for this agent (or the gateway's count when the list is not read). */
  sessions: number | null;
  heartbeat: Pick<HeartbeatJob, 'enabled' | 'everyMs' | 'lastRunAtMs' | 'lastRunStatus' | 'consecutiveErrors'> | null;
  /** Session store size (DB + WAL, or legacy JSON + transcripts). */
  storeBytes: number | null;
  storeEra: 'sqlite' | 'json' | 'empty' | null;
}

export interface SnapshotSummary {
  sessionCount: number | null;
  /** Worst context fill over the server's sessions, 0..1. */
  worstFill: number | null;
  agents: AgentRowSummary[];
}

/** A snapshot as broadcast to windows: the big arrays left out (null), the summary in. */
export type ServerRowSnapshot = ServerSnapshot & { sessions: null; heartbeats: null; stores: null; summary: SnapshotSummary };

/** A session's context fill, 0..1 (the gateway's prompt estimate against its budget, else a fresh total). */
export function sessionFill(s: SessionFacts): number | null {
  if (s.estimatedPromptTokens != null && s.contextTokenBudget) return s.estimatedPromptTokens / s.contextTokenBudget;
  if (s.totalTokensFresh === true && s.totalTokens != null && s.contextTokens) return s.totalTokens / s.contextTokens;
  return null;
}

export function summarize(s: ServerSnapshot): SnapshotSummary {
  if (s.summary && !s.sessions && !s.heartbeats && !s.stores) return s.summary;
  const fills = (s.sessions ?? []).map(sessionFill).filter((f): f is number => f !== null);
  const ids = new Set([...s.agents.map((a) => a.agentId), ...(s.heartbeats ?? []).map((h) => h.agentId)]);
  return {
    sessionCount: s.sessions ? s.sessions.length : s.agents.reduce((n, a) => n + (a.sessionCount ?? 0), 0),
    worstFill: fills.length ? Math.max(...fills) : null,
    agents: [...ids].map((agentId) => {
      const job = s.heartbeats?.find((h) => h.agentId === agentId);
      const store = s.stores?.find((x) => x.agentId === agentId);
      return {
        agentId,
        sessions: s.sessions ? s.sessions.filter((x) => x.agentId === agentId).length : (s.agents.find((a) => a.agentId === agentId)?.sessionCount ?? null),
        heartbeat: job ? { enabled: job.enabled, everyMs: job.everyMs, lastRunAtMs: job.lastRunAtMs, lastRunStatus: job.lastRunStatus, consecutiveErrors: job.consecutiveErrors } : null,
        storeBytes: store ? store.dbBytes + store.walBytes + store.legacyStoreBytes + store.transcriptBytes : null,
        storeEra: store?.era ?? null,
      };
    }),
  };
}

/** The row version of a snapshot (what windows get pushed). */
export function slimSnapshot(s: ServerSnapshot): ServerRowSnapshot {
  return { ...s, sessions: null, heartbeats: null, stores: null, summary: summarize(s) };
}
