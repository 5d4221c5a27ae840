// Session health over time. On every snapshot that carries fresh session facts (a new sessions.list
// result, not the cached one repeated by a liveness poll) it records, in one transaction, the fill of
// the watched sessions and per-agent store figures, notices compactions and compactions that are due
// but do not happen, and now and then reads the store's own metadata over SSH (compaction counts, row
// counts) when the RPCs do not say enough.
//
// Bounded on purpose: only the top `maxSessionsPerServer` sessions by fill (plus any with a compaction
// due) are kept as series. A gateway can hold 5,000 rows, most of them idle or zero-token; 50 series
// per server at one sample per RPC refresh keeps a 1,000-server fleet at ~50k rows a minute, which a
// single SQLite file absorbs, and the ones left out are the ones nobody needs to chart.
import type { ServerConfig, ServerSnapshot, SessionFacts } from '../../shared/domain';
import type { FillTrend, SessionHealthRow, AgentHealthRow } from '../../shared/session-health';
import type { Condition } from '../alerts/alert-rules';
import { DEFAULT_SESSION_LIMITS, evaluateSessionConditions, type SessionRuleLimits } from '../alerts/session-rules';
import type { AgentLatest, HealthHistory, HealthSample, SessionLatest } from '../history/health-history';
import { contextFill } from '../history/metrics';
import type { Logger } from '../log';
import type { StoreMetaResult } from '../probes/session-store-meta';
import { watchStep } from './compaction-watch';
import { fillTrend, leastSquaresSlope } from './fill-trend';
import { agentOf, budgetTokens, promptTokens, rowOf, SampleThrottle, storeBytes } from './session-figures';

export interface SessionHealthOptions {
  history: HealthHistory;
  /** Reads the store metadata of one server over SSH; rejects with a short reason. */
  readMeta: (server: ServerConfig) => Promise<StoreMetaResult>;
  logger: Logger;
  /** A session key as it may be stored (the install's pseudonym: real keys can name clients). */
  pseudonym: (sessionKey: string) => string;
  /** Fixed limits, or a reader of the operator's (Settings) consulted at every evaluation. */
  limits?: Partial<SessionRuleLimits> | (() => Partial<SessionRuleLimits>);
  maxSessionsPerServer?: number;
  /** The store metadata is read at least this often (default 15 min), and sooner when a session looks compacted. */
  metaIntervalMs?: number;
}

const HOUR = 3_600_000;
// An unchanged session or agent value is charted again after 10 min (a flat line still has points);
// the session rules' stored inputs are read again every minute at least (and after every write).
const [UNCHANGED_SAMPLE_EVERY_MS, RULE_INPUTS_MAX_AGE_MS] = [10 * 60_000, 60_000];
type RuleInputs = { sessions: SessionLatest[]; agents: AgentLatest[]; zeroRowGrowth: Map<string, number> };
/** How long a fill-drop marker waits for the store's count before it is judged not a compaction. */
const UNCONFIRMED_MS = 15 * 60_000;

export class SessionHealth {
  private readonly lastSessions = new Map<string, SessionFacts[]>();
  private readonly meta = new Map<string, { at: number; result: StoreMetaResult | null; error: string | null }>();
  private readonly metaInFlight = new Set<string>();
  /** Unchanged session and agent values are charted only now and then. */
  private readonly throttle = new SampleThrottle(UNCHANGED_SAMPLE_EVERY_MS);
  /** Per server: what the session rules read from the store, until the next write or a minute passes. */
  private readonly ruleInputs = new Map<string, { at: number; inputs: RuleInputs }>();

  constructor(private readonly o: SessionHealthOptions) {}

  private get limits(): SessionRuleLimits {
    const set = this.o.limits;
    return { ...DEFAULT_SESSION_LIMITS, ...(typeof set === 'function' ? set() : set) };
  }

  /** Records what a snapshot says about sessions. Cheap when the session facts did not change. */
  observe(server: ServerConfig, snapshot: ServerSnapshot): void {
    // Not UP or no RPC facts: nothing is recorded, so the charts show a gap rather than a guess.
    if (snapshot.status !== 'UP' || !snapshot.sessions) return;
    if (this.lastSessions.get(server.id) === snapshot.sessions) return;
    this.lastSessions.set(server.id, snapshot.sessions);
    const now = snapshot.checkedAt;
    const h = this.o.history;
    const serverId = server.id;
    const prev = new Map(h.sessions(serverId).map((r) => [r.sessionKey, r]));
    const counts = this.knownCounts(serverId);
    const facts = snapshot.sessions;
    const tracked = facts
      .map((s) => ({ s, fill: contextFill(s) }))
      .filter(({ s, fill }) => (fill !== null && fill > 0) || s.shouldCompact === true || s.hasActiveRun === true)
      .sort((a, b) => Number(b.s.shouldCompact === true) - Number(a.s.shouldCompact === true) || (b.fill ?? 0) - (a.fill ?? 0))
      .slice(0, this.o.maxSessionsPerServer ?? 50);
    let suspect = false;
    this.ruleInputs.delete(serverId);
    h.atomically(() => {
      const samples: HealthSample[] = [];
      for (const { s, fill } of tracked) {
        // Stored, charted and alerted on under its pseudonym; the real key stays in the live snapshot.
        const ref = this.o.pseudonym(s.key);
        const before = prev.get(ref) ?? null;
        const step = watchStep(
          before,
          { fill, shouldCompact: s.shouldCompact === true, compactionCount: counts(ref, agentOf(s)) ?? before?.compactionCount ?? null, hasActiveRun: s.hasActiveRun === true },
          now,
        );
        if (step.compacted?.inferred) {
          const drop = { t: now, fillBefore: before?.fill ?? null, fillAfter: fill };
          if (!h.moveCountMarkerToDrop(serverId, ref, now - UNCONFIRMED_MS, drop)) h.addCompaction(serverId, { ...drop, sessionKey: ref, count: null });
        }
        else if (step.compacted) h.confirmCompaction(serverId, ref, step.compacted.count!, now - HOUR / 2, now);
        const tokens = promptTokens(s);
        // Worth reading the store now: the context shrank or a compaction became due.
        if (before && ((tokens !== null && before.promptTokens !== null && tokens < before.promptTokens) || (s.shouldCompact === true) !== before.shouldCompact)) suspect = true;
        if (fill !== null) samples.push({ dimension: `session:${ref}`, metric: 'fill', value: fill });
        if (tokens !== null) samples.push({ dimension: `session:${ref}`, metric: 'tokens', value: tokens });
        h.upsertSession({
          serverId,
          sessionKey: ref,
          agentId: agentOf(s),
          ts: now,
          fill,
          promptTokens: tokens,
          budgetTokens: budgetTokens(s),
          shouldCompact: s.shouldCompact === true,
          compactPolls: step.next.compactPolls,
          compactionCount: step.next.compactionCount,
          route: s.route,
          status: s.status,
          activeRunSince: step.next.activeRunSince,
          abortedLastRun: s.abortedLastRun === true,
        });
      }
      h.dropSessionsNotSeenAt(serverId, now);
      for (const a of this.agentFigures(server.id, snapshot, now)) {
        h.upsertAgent(a);
        const dim = `agent:${a.agentId}`;
        if (a.maxFill !== null) samples.push({ dimension: dim, metric: 'max_fill', value: a.maxFill });
        if (a.rows !== null) samples.push({ dimension: dim, metric: 'rows', value: a.rows });
        if (a.zeroTokenRows !== null) samples.push({ dimension: dim, metric: 'zero_rows', value: a.zeroTokenRows });
        if (a.storeBytes !== null) samples.push({ dimension: dim, metric: 'store_bytes', value: a.storeBytes });
      }
      h.addSamples(serverId, now, this.throttle.changedOrDue(serverId, samples, now));
    });
    // A fill drop not yet confirmed by the store: OpenClaw may finish the compaction (and bump the
    // count) just after the turn returns, so the store is read again on the next fresh polls.
    if (h.openCompactions(serverId, null, now - UNCONFIRMED_MS).length) suspect = true;
    const last = this.meta.get(serverId);
    // Until a first read succeeds, try again every minute rather than every 15.
    const interval = last?.result ? (this.o.metaIntervalMs ?? 15 * 60_000) : 60_000;
    if (!last || suspect || now - last.at >= interval) this.refreshMeta(server, now);
  }

  /** Conditions for the alert engine, from the state recorded by observe(). */
  conditions(server: ServerConfig, snapshot: ServerSnapshot, now: number): Condition[] {
    if (snapshot.status !== 'UP') return [];
    return evaluateSessionConditions(server, snapshot, this.inputsOf(server.id, now), this.limits);
  }

  /** The stored inputs of the session rules; they change only when observe() or a store read writes. */
  private inputsOf(serverId: string, now: number): RuleInputs {
    const cached = this.ruleInputs.get(serverId);
    if (cached && now - cached.at < RULE_INPUTS_MAX_AGE_MS && now >= cached.at) return cached.inputs;
    const h = this.o.history;
    const agents = h.agents(serverId);
    const zeroRowGrowth = new Map<string, number>();
    for (const a of agents) {
      const points = h.raw(serverId, `agent:${a.agentId}`, 'zero_rows', now - this.limits.zombieWindowMs);
      const slope = points.length >= 3 ? leastSquaresSlope(points) : null;
      if (slope !== null) zeroRowGrowth.set(a.agentId, slope * (points[points.length - 1]!.t - points[0]!.t));
    }
    const inputs = { sessions: h.sessions(serverId), agents, zeroRowGrowth };
    this.ruleInputs.set(serverId, { at: now, inputs });
    return inputs;
  }

  /** Watched sessions (one server, or the fleet's worst first) with their growth trend. */
  top(serverId: string | null, limit: number, now: number): SessionHealthRow[] {
    return this.o.history.sessions(serverId, limit).map((r) => ({ ...rowOf(r), trend: this.trend(r.serverId, r.sessionKey, now) }));
  }

  agents(serverId: string | null): AgentHealthRow[] {
    return this.o.history.agents(serverId).map(({ ts, ...a }) => ({ ...a, at: ts }));
  }

  trend(serverId: string, sessionKey: string, now: number): FillTrend {
    const h = this.o.history;
    const windowMs = 2 * HOUR;
    const last = h.compactions(serverId, sessionKey, now - windowMs, now).pop();
    return fillTrend(h.raw(serverId, `session:${sessionKey}`, 'fill', now - windowMs), now, { windowMs, since: last?.t ?? null });
  }

  /** A store read made elsewhere (a hygiene run's after-read): the latest, so the next poll charts it. */
  acceptStoreMeta(serverId: string, read: StoreMetaResult, now: number): void {
    // Counts are kept by session pseudonym, as the sessions they belong to are.
    const result = { ...read, agents: read.agents.map((a) => ({ ...a, compactions: new Map([...a.compactions].map(([k, c]) => [this.o.pseudonym(k), c] as const)) })) };
    this.meta.set(serverId, { at: now, result, error: null });
    this.applyCounts(serverId, result, now);
  }

  /**
   * The real keys of the sessions last seen on a server, by pseudonym: for the window (an operator
   * opening a session) and for hygiene's compaction, never for storage.
   */
  realKeys(serverId: string): Map<string, string> {
    return new Map((this.lastSessions.get(serverId) ?? []).map((s) => [this.o.pseudonym(s.key), s.key]));
  }

  forgetServer(serverId: string): void {
    this.lastSessions.delete(serverId);
    this.throttle.forget(serverId);
    this.ruleInputs.delete(serverId);
    this.meta.delete(serverId);
    this.o.history.forgetServer(serverId);
  }

  /** compactionCount of a session from the last store read: 0 when its agent was read and it had none. */
  private knownCounts(serverId: string): (key: string, agentId: string | null) => number | null {
    const result = this.meta.get(serverId)?.result;
    return (key, agentId) => {
      if (!result) return null;
      for (const a of result.agents) {
        const c = a.compactions.get(key);
        if (c !== undefined) return c;
      }
      return result.agents.some((a) => a.agentId === agentId) ? 0 : null;
    };
  }

  private agentFigures(serverId: string, snapshot: ServerSnapshot, now: number): AgentLatest[] {
    const meta = this.meta.get(serverId);
    const sessions = snapshot.sessions ?? [];
    const ids = new Set<string>([
      ...snapshot.agents.map((a) => a.agentId),
      ...sessions.map(agentOf).filter((a): a is string => a !== null),
      ...(snapshot.stores ?? []).map((s) => s.agentId),
    ]);
    const out: AgentLatest[] = [];
    for (const agentId of [...ids].slice(0, 200)) {
      const mine = sessions.filter((s) => agentOf(s) === agentId);
      const fills = mine.map(contextFill).filter((f): f is number => f !== null);
      const fromStore = meta?.result?.agents.find((a) => a.agentId === agentId);
      const gatewayCount = snapshot.agents.find((a) => a.agentId === agentId)?.sessionCount ?? null;
      // The listed rows are complete only when the gateway's count says so; a partial list would undercount.
      const listedAll = gatewayCount !== null && mine.length >= gatewayCount;
      const store = snapshot.stores?.find((s) => s.agentId === agentId);
      out.push({
        serverId,
        agentId,
        ts: now,
        rows: fromStore?.rows ?? gatewayCount,
        zeroTokenRows: fromStore?.zeroTokenRows ?? (listedAll ? mine.filter((s) => !s.totalTokens).length : null),
        storeBytes: store ? storeBytes(store) : null,
        maxFill: fills.length ? Math.max(...fills) : null,
        metaReadAt: meta?.result ? meta.at : null,
        metaError: meta?.error ?? meta?.result?.errors.find((e) => e.agentId === agentId)?.reason ?? null,
      });
    }
    return out;
  }

  private refreshMeta(server: ServerConfig, now: number): void {
    if (this.metaInFlight.has(server.id)) return;
    this.metaInFlight.add(server.id);
    this.o
      .readMeta(server)
      .then(
        (result) => this.acceptStoreMeta(server.id, result, now),
        (err: unknown) => {
          const reason = err instanceof Error ? err.message : String(err);
              // Keep the last good read; remember when we tried so a broken server is not asked every poll.
          const last = this.meta.get(server.id);
          this.meta.set(server.id, { at: now, result: last?.result ?? null, error: reason.slice(0, 120) });
          this.o.logger.warn('session store metadata unavailable', { serverId: server.id, reason });
        },
      )
      .finally(() => this.metaInFlight.delete(server.id));
  }

  /** New compaction counts: mark the compactions they reveal and store the counts. */
  private applyCounts(serverId: string, result: StoreMetaResult, now: number): void {
    const h = this.o.history;
    this.ruleInputs.delete(serverId);
    const counts = this.knownCounts(serverId);
    h.atomically(() => {
      for (const r of h.sessions(serverId)) {
        const count = counts(r.sessionKey, r.agentId);
        if (count === null) continue;
        const open = h.openCompactions(serverId, r.sessionKey, 0);
        if (count === r.compactionCount) {
          // No compaction after all (an estimate revised, a reset): drop fill-drop markers once they are old.
          for (const m of open) if (now - m.t > UNCONFIRMED_MS) h.deleteCompaction(m.id);
          continue;
        }
        if (r.compactionCount === null && count > 0) {
          // The first count seen: if it comes right after a fill drop, that drop was its latest compaction.
          for (const m of open.slice(0, -1)) h.deleteCompaction(m.id);
          if (open.length) h.setCompactionCount(open.at(-1)!.id, count);
        } else if (r.compactionCount !== null && count > r.compactionCount) {
          // The newest fill drops are these compactions, in order; older unconfirmed ones were not.
          const added = count - r.compactionCount;
          const mine = open.slice(-added);
          for (const m of open.slice(0, open.length - mine.length)) h.deleteCompaction(m.id);
          mine.forEach((m, i) => h.setCompactionCount(m.id, count - (mine.length - 1 - i)));
          if (!mine.length) h.addCompaction(serverId, { t: now, sessionKey: r.sessionKey, count, fillBefore: null, fillAfter: null });
        }
        h.upsertSession({ ...r, compactionCount: count, compactPolls: count > (r.compactionCount ?? count) ? 0 : r.compactPolls });
      }
      for (const a of h.agents(serverId)) {
        const fromStore = result.agents.find((x) => x.agentId === a.agentId);
        const error = result.errors.find((e) => e.agentId === a.agentId)?.reason ?? null;
        h.upsertAgent({ ...a, rows: fromStore?.rows ?? a.rows, zeroTokenRows: fromStore?.zeroTokenRows ?? a.zeroTokenRows, metaReadAt: now, metaError: error });
      }
    });
  }
}
