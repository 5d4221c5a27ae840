// Small pure pieces of session health: the figures read off one session's facts, the stored row as
// the window sees it, and the throttle that charts an unchanged value only now and then.
import type { ServerSnapshot, SessionFacts } from '../../shared/domain';
import type { SessionHealthRow } from '../../shared/session-health';
import type { HealthSample, SessionLatest } from '../history/health-history';

export const promptTokens = (s: SessionFacts) => s.estimatedPromptTokens ?? (s.totalTokensFresh ? s.totalTokens : null);
export const budgetTokens = (s: SessionFacts) => s.contextTokenBudget ?? s.contextTokens;
// sessions.list leaves agentId out on some rows; agent session keys name it ("agent:<id>:…").
export const agentOf = (s: SessionFacts): string | null => s.agentId ?? /^agent:([A-Za-z0-9._-]{1,128}):/.exec(s.key)?.[1] ?? null;
export const storeBytes = (s: NonNullable<ServerSnapshot['stores']>[number]) => s.dbBytes + s.walBytes + s.legacyStoreBytes + s.transcriptBytes;

export function rowOf(r: SessionLatest): Omit<SessionHealthRow, 'trend'> {
  return {
    serverId: r.serverId,
    sessionKey: r.sessionKey,
    agentId: r.agentId,
    at: r.ts,
    fill: r.fill,
    promptTokens: r.promptTokens,
    budgetTokens: r.budgetTokens,
    shouldCompact: r.shouldCompact,
    compactPolls: r.compactPolls,
    compactionCount: r.compactionCount,
    route: r.route,
    status: r.status,
    activeRunSince: r.activeRunSince,
    abortedLastRun: r.abortedLastRun,
  };
}

/**
 * Most sessions and agents sit idle: a series whose value did not change is charted again only after
 * `everyMs` (a flat line still has points; any change is charted at once). Per server.
 */
export class SampleThrottle {
  private readonly charted = new Map<string, Map<string, { value: number; at: number }>>();
  constructor(private readonly everyMs: number) {}

  changedOrDue(serverId: string, samples: HealthSample[], now: number): HealthSample[] {
    const before = this.charted.get(serverId);
    const after = new Map<string, { value: number; at: number }>();
    const out: HealthSample[] = [];
    for (const x of samples) {
      const key = `${x.dimension}\u0000${x.metric}`;
      const last = before?.get(key);
      if (last && last.value === x.value && now - last.at < this.everyMs) after.set(key, last);
      else {
        after.set(key, { value: x.value, at: now });
        out.push(x);
      }
    }
    this.charted.set(serverId, after);
    return out;
  }

  forget(serverId: string): void {
    this.charted.delete(serverId);
  }
}
