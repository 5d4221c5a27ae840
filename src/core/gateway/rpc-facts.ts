// Allowlist parsers for the gateway RPCs Yardmaster polls. They copy only named metadata fields into
// fresh objects: labels, titles, previews, summaries, prompts and anything not listed never pass.
import type { AgentSummary, HeartbeatJob, RuntimeFacts, SessionFacts } from '../../shared/domain';
import type { SkippedRows } from '../../shared/skipped-rows';
import { classifyRemoteText, remoteReason } from '../privacy/remote-text';
import { isSessionKey } from '../privacy/session-key';

const obj = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const bool = (v: unknown): boolean | null => (typeof v === 'boolean' ? v : null);
const shortText = (v: unknown, max: number): string | null => (typeof v === 'string' ? v.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ').slice(0, max) : null);
const ID = /^[A-Za-z0-9._:@/-]{1,256}$/;
const id = (v: unknown): string | null => (typeof v === 'string' && ID.test(v) ? v : null);

export function parseStatus(payload: unknown): RuntimeFacts {
  const p = obj(payload);
  const mem = obj(p.processMemory);
  const loop = obj(p.eventLoop);
  const tasks = obj(p.tasks);
  return {
    runtimeVersion: shortText(p.runtimeVersion, 64),
    rssBytes: num(mem.rssBytes),
    heapUsedBytes: num(mem.heapUsedBytes),
    eventLoopDegraded: bool(loop.degraded),
    eventLoopDelayP99Ms: num(loop.delayP99Ms),
    modelRuntimeDegraded: bool(obj(p.modelRuntime).degraded),
    activeTasks: num(tasks.active),
    failedTasks: num(tasks.failures),
    tasksSucceeded: num(obj(tasks.byStatus).succeeded),
    tasksFailed: num(obj(tasks.byStatus).failed),
    tasksTimedOut: num(obj(tasks.byStatus).timed_out),
  };
}

const MAX_SESSIONS = 2000;

/** Session rows (metadata only), and how many rows were not taken and why. */
export function parseSessionsList(payload: unknown): { sessions: SessionFacts[]; totalCount: number | null; skipped: SkippedRows[] } {
  const p = obj(payload);
  const all = Array.isArray(p.sessions) ? p.sessions : [];
  const rows = all.slice(0, MAX_SESSIONS);
  const sessions: SessionFacts[] = [];
  const skips = { 'no-key': 0, 'key-unreadable': 0, 'over-limit': all.length - rows.length };
  for (const raw of rows) {
    const r = obj(raw);
    if (r.key === undefined || r.key === null || r.key === '') {
      skips['no-key']++;
      continue;
    }
    if (!isSessionKey(r.key)) {
      skips['key-unreadable']++;
      continue;
    }
    const key = r.key;
    const budget = obj(r.contextBudgetStatus);
    sessions.push({
      key,
      agentId: id(r.agentId),
      kind: id(r.kind),
      status: id(r.status),
      updatedAt: num(r.updatedAt),
      inputTokens: num(r.inputTokens),
      outputTokens: num(r.outputTokens),
      totalTokens: num(r.totalTokens),
      totalTokensFresh: bool(r.totalTokensFresh),
      contextTokens: num(r.contextTokens),
      estimatedPromptTokens: num(budget.estimatedPromptTokens),
      contextTokenBudget: num(budget.contextTokenBudget),
      shouldCompact: bool(budget.shouldCompact),
      route: id(budget.route),
      hasActiveRun: bool(r.hasActiveRun),
      abortedLastRun: bool(r.abortedLastRun),
    });
  }
  const skipped = (Object.entries(skips) as Array<[SkippedRows['reason'], number]>).filter(([, n]) => n > 0).map(([reason, count]) => ({ what: 'sessions' as const, reason, count }));
  return { sessions, totalCount: num(p.totalCount), skipped };
}

/** Heartbeat monitor jobs only (declarationKey "heartbeat:<agentId>"); other cron jobs are ignored. */
export function parseHeartbeatJobs(payload: unknown): HeartbeatJob[] {
  const p = obj(payload);
  const jobs = Array.isArray(p.jobs) ? p.jobs : [];
  const out: HeartbeatJob[] = [];
  for (const raw of jobs) {
    const j = obj(raw);
    const key = typeof j.declarationKey === 'string' ? j.declarationKey : '';
    if (!key.startsWith('heartbeat:')) continue;
    const state = obj(j.state);
    const pick = (name: string) => (name in j ? j[name] : state[name]);
    out.push({
      agentId: id(j.agentId) ?? id(key.slice('heartbeat:'.length)) ?? 'unknown',
      enabled: bool(j.enabled) ?? false,
      everyMs: num(obj(j.schedule).everyMs),
      lastRunAtMs: num(pick('lastRunAtMs')),
      nextRunAtMs: num(pick('nextRunAtMs')),
      runningAtMs: num(pick('runningAtMs')),
      lastRunStatus: id(pick('lastRunStatus')),
      consecutiveErrors: num(pick('consecutiveErrors')),
      // A run's error can quote the model, a tool or a provider: only its kind passes.
      lastRunErrorKind: classifyRemoteText(pick('lastRunError') ?? pick('lastError')),
      lastErrorReason: remoteReason(pick('lastErrorReason')),
      consecutiveSkipped: num(pick('consecutiveSkipped')),
      ...(num(pick('lastDurationMs')) !== null ? { lastDurationMs: num(pick('lastDurationMs'))! } : {}),
    });
  }
  return out;
}

/** Agents with heartbeat cadence and session counts, from the `status` RPC. */
export function parseStatusAgents(payload: unknown): AgentSummary[] {
  const p = obj(payload);
  const hb = obj(p.heartbeat);
  const defaultId = id(hb.defaultAgentId);
  const counts = new Map<string, number>();
  for (const raw of Array.isArray(obj(p.sessions).byAgent) ? (obj(p.sessions).byAgent as unknown[]) : []) {
    const r = obj(raw);
    const agentId = id(r.agentId);
    const count = num(r.count);
    if (agentId && count !== null) counts.set(agentId, count);
  }
  const agents: AgentSummary[] = [];
  for (const raw of Array.isArray(hb.agents) ? (hb.agents as unknown[]).slice(0, 1000) : []) {
    const a = obj(raw);
    const agentId = id(a.agentId);
    if (!agentId) continue;
    agents.push({
      agentId,
      isDefault: agentId === defaultId,
      heartbeatEnabled: a.enabled === true,
      heartbeatEveryMs: num(a.everyMs),
      sessionCount: counts.get(agentId) ?? null,
    });
  }
  return agents;
}
