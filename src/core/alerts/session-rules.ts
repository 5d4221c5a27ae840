// Session-health conditions, as pure functions of one server's watched sessions and agent stores.
// The lead's engine takes them next to evaluateConditions: one condition per rule and agent (the
// engine keys alerts by rule, server and agent), naming the worst session.
import type { ServerConfig, ServerSnapshot } from '../../shared/domain';
import type { AgentLatest, SessionLatest } from '../history/health-history';
import { compactionStuck } from '../sessions/compaction-watch';
import type { Condition } from './alert-rules';

export interface SessionRuleLimits {
  /** Context fill that warns (default 0.85, the research's escalation line). */
  fillThreshold: number;
  /** Fresh polls with shouldCompact set and no compaction before a compaction counts as stuck (default 3). */
  stuckPolls: number;
  /** session.maintenance.maxEntries (OpenClaw default 5000) and maxDiskBytes (default 10 GB). */
  maxEntries: number;
  maxDiskBytes: number;
  /** Fraction of maxEntries that warns (0.9), and of maxDiskBytes (0.8, OpenClaw's own highWaterBytes default). */
  entriesRatio: number;
  diskRatio: number;
  /** Zero-token rows added within zombieWindowMs that count as zombie growth (issue #15225). */
  zombieRows: number;
  zombieWindowMs: number;
}

export const DEFAULT_SESSION_LIMITS: SessionRuleLimits = {
  fillThreshold: 0.85,
  stuckPolls: 3,
  maxEntries: 5000,
  maxDiskBytes: 10 * 1024 ** 3,
  entriesRatio: 0.9,
  diskRatio: 0.8,
  zombieRows: 100,
  zombieWindowMs: 6 * 3_600_000,
};

export interface SessionHealthView {
  sessions: SessionLatest[];
  agents: AgentLatest[];
  /** Zero-token rows added per agent over the zombie window (fitted), when known. */
  zeroRowGrowth: Map<string, number>;
}

/** Session `status` after a run that did not succeed (OpenClaw: failure → failed, timeout → timeout). */
const LAST_RUN_FAILED: ReadonlySet<string> = new Set(['failed', 'timeout']);

const pct = (f: number) => `${Math.round(f * 100)} %`;
const mb = (b: number) => `${Math.round(b / 1024 ** 2)} MB`;

function byAgent<T extends { agentId: string | null }>(rows: T[]): Map<string | null, T[]> {
  const out = new Map<string | null, T[]>();
  for (const r of rows) out.set(r.agentId, [...(out.get(r.agentId) ?? []), r]);
  return out;
}

export function evaluateSessionConditions(
  server: ServerConfig,
  snapshot: ServerSnapshot,
  view: SessionHealthView,
  limits: SessionRuleLimits = DEFAULT_SESSION_LIMITS,
): Condition[] {
  if (snapshot.status !== 'UP' || !server.enabled) return [];
  const name = server.name;
  const out: Condition[] = [];
  for (const [agentId, rows] of byAgent(view.sessions)) {
    const who = `${name}/${agentId ?? '?'}`;
    const full = rows.filter((r) => r.fill !== null && r.fill >= limits.fillThreshold).sort((a, b) => b.fill! - a.fill!);
    if (full.length) {
      const worst = full[0]!;
      const more = full.length > 1 ? ` (+${full.length - 1} more)` : '';
      out.push({ rule: 'session-fill-high', severity: 'warning', agentId, inhibitable: true, summary: `${who}: session ${worst.sessionKey} context ${pct(worst.fill!)} full${more}` });
    }
    // Due and its last run failed: the run that should have compacted did not (OpenClaw fails the turn
    // with "Preflight compaction required but failed"); stuck now, no need to wait for more polls.
    const failedNow = (r: SessionLatest) => r.shouldCompact && LAST_RUN_FAILED.has(r.status ?? '');
    const stuck = rows
      .filter((r) => failedNow(r) || compactionStuck(r, limits.stuckPolls))
      .sort((a, b) => Number(failedNow(b)) - Number(failedNow(a)) || b.compactPolls - a.compactPolls);
    if (stuck.length) {
      const worst = stuck[0]!;
      const more = stuck.length > 1 ? ` (+${stuck.length - 1} more)` : '';
      const why = failedNow(worst) ? `and its last run ${worst.status === 'timeout' ? 'timed out' : 'failed'}` : `for ${worst.compactPolls} polls but none happened`;
      out.push({
        rule: 'compaction-stuck',
        severity: 'critical',
        agentId,
        inhibitable: true,
        summary: `${who}: session ${worst.sessionKey} needs compaction ${why}${worst.fill !== null ? ` (context ${pct(worst.fill)})` : ''}${more}`,
      });
    }
  }
  for (const a of view.agents) {
    const who = `${name}/${a.agentId}`;
    const reasons: string[] = [];
    if (a.rows !== null && a.rows >= limits.entriesRatio * limits.maxEntries) reasons.push(`${a.rows} of ${limits.maxEntries} session rows`);
    if (a.storeBytes !== null && a.storeBytes >= limits.diskRatio * limits.maxDiskBytes) reasons.push(`store ${mb(a.storeBytes)} of ${mb(limits.maxDiskBytes)}`);
    if (reasons.length) out.push({ rule: 'session-store-near-limit', severity: 'warning', agentId: a.agentId, inhibitable: true, summary: `${who}: ${reasons.join(', ')}` });
    const growth = view.zeroRowGrowth.get(a.agentId);
    if (growth !== undefined && growth >= limits.zombieRows) {
      const hours = Math.round(limits.zombieWindowMs / 3_600_000);
      out.push({
        rule: 'zombie-sessions-growing',
        severity: 'warning',
        agentId: a.agentId,
        inhibitable: true,
        summary: `${who}: ${Math.round(growth)} zero-token session rows added in ${hours} h${a.zeroTokenRows !== null ? ` (${a.zeroTokenRows} now)` : ''}`,
      });
    }
  }
  return out;
}
