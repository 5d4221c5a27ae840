// Session hygiene across the fleet (issue 18): policies on a schedule inside a maintenance window, a
// dry run first, then — by mode — nothing more (preview), the operator's approval (ask) or the real run
// (auto). "Run now" is the same flow with approval. Every step is written to the audit log before the
// next, so a restarted console knows what happened and what is still waiting.
import { randomUUID } from 'node:crypto';
import type { ServerConfig } from '../../shared/domain';
import type { HygieneAction, HygienePolicy, HygienePolicyInput, HygienePolicyView, HygieneRun, HygieneRunServer } from '../../shared/hygiene';
import type { Condition } from '../alerts/alert-rules';
import type { Logger } from '../log';
import { HygieneInputError, policyProblems } from './policy-validation';
import { dueFire, nextFireInWindow } from './schedule';
import type { HygieneStore } from './hygiene-store';
import { checkEligible, dryRunServer, executeServer, newServerEntry, type ServerRunDeps } from './server-run';

export interface HygieneServiceDeps extends ServerRunDeps {
  store: HygieneStore;
  servers: () => ServerConfig[];
  logger: Logger;
  /** A run changed (the window refreshes its lists). */
  onRunChanged: (run: HygieneRun) => void;
  /** A server's real run finished: refresh what the console shows about its sessions, re-evaluate alerts. */
  onServerFinished: (serverId: string, entry: HygieneRunServer, run: HygieneRun) => void;
  /** Servers run at the same time within one run. */
  concurrency?: number;
}

export type RunNowInput = { policyId: string } | { serverId?: string; role?: string; actions: HygieneAction[]; compactFill?: number; resetAgents?: string[] };

const RUN_NOW_WINDOW_MS = 60 * 60_000;
const FINAL = new Set(['done', 'failed', 'expired', 'previewed']);

async function eachLimited<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  const queue = [...items];
  await Promise.all(Array.from({ length: Math.min(limit, queue.length) }, async () => {
    for (let item = queue.shift(); item !== undefined; item = queue.shift()) await fn(item);
  }));
}

export class HygieneService {
  /** Per server, the latest finished real run that failed (cleared by a later success): the alert. */
  private readonly failures = new Map<string, { runId: string; policyName: string; reason: string }>();
  private readonly inflight = new Set<Promise<void>>();

  constructor(private readonly d: HygieneServiceDeps) {
    for (const run of d.store.runs(500).reverse()) this.noteOutcomes(run);
  }

  // ---- policies ----
  listPolicies(): HygienePolicyView[] {
    const now = this.d.now();
    return this.d.store.policies().map(({ lastCheckedAt: _, ...p }) => {
      const problems = policyProblems(p, (id) => this.d.servers().some((s) => s.id === id), now);
      return { ...p, problems, nextRunAt: p.enabled && !Object.keys(problems).length ? nextFireInWindow(p, now) : null };
    });
  }

  savePolicy(input: HygienePolicyInput, id?: string): HygienePolicyView {
    const now = this.d.now();
    const problems = policyProblems(input, (sid) => this.d.servers().some((s) => s.id === sid), now);
    if (Object.keys(problems).length) throw new HygieneInputError(problems);
    const existing = id ? this.d.store.policies().find((p) => p.id === id) : undefined;
    if (id && !existing) throw new HygieneInputError({ id: 'no such policy' });
    const policy: HygienePolicy = { ...input, id: existing?.id ?? randomUUID(), createdAt: existing?.createdAt ?? now };
    // A saved policy counts its schedule from now: a fire that passed before the edit does not run.
    this.d.store.savePolicy(policy, now);
    this.d.logger.info('hygiene policy saved', { policy: policy.name, actions: policy.actions.join(','), cron: policy.cron, mode: policy.mode });
    return this.listPolicies().find((p) => p.id === policy.id)!;
  }

  removePolicy(id: string): boolean {
    return this.d.store.removePolicy(id);
  }

  runs(limit: number): HygieneRun[] {
    return this.d.store.runs(limit);
  }

  // ---- runs ----
  /** The scheduler's heartbeat: fires that came due inside their window, approvals whose window closed. */
  async tick(): Promise<void> {
    const now = this.d.now();
    for (const run of this.d.store.unfinished()) if (run.state === 'awaiting-approval' && now >= run.windowEndsAt) this.expire(run);
    for (const p of this.d.store.policies()) {
      const due = p.enabled ? dueFire(p, p.lastCheckedAt, now) : null;
      this.d.store.setLastChecked(p.id, now);
      if (!due) continue;
      if (Object.keys(policyProblems(p, (id) => this.d.servers().some((s) => s.id === id), now)).length) continue;
      // Not awaited: a long run must not hold up the other policies' fires.
      this.track(this.start(p, p.mode, 'schedule', 'schedule', due.windowEndsAt));
    }
  }

  /** Resolves when every run started by tick() has settled (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.inflight.size) await Promise.allSettled([...this.inflight]);
  }

  private track(p: Promise<unknown>): void {
    const tracked = p.then(
      () => {},
      (err: unknown) => this.d.logger.error('hygiene run failed unexpectedly', { error: err instanceof Error ? err.message : String(err) }),
    );
    this.inflight.add(tracked);
    void tracked.finally(() => this.inflight.delete(tracked));
  }

  /** "Run now": a dry run for one server or a role, then it waits for approval (an hour at most). */
  async runNow(input: RunNowInput, startedBy: string): Promise<HygieneRun> {
    const now = this.d.now();
    let policy: Pick<HygienePolicy, 'id' | 'name' | 'actions' | 'role' | 'serverId' | 'compactFill' | 'resetAgents'>;
    if ('policyId' in input) {
      const p = this.d.store.policies().find((x) => x.id === input.policyId);
      if (!p) throw new HygieneInputError({ policyId: 'no such policy' });
      policy = p;
    } else {
      const draft = { ...input, name: 'Run now', cron: '0 0 * * *', timezone: 'UTC', windowStart: '00:00', windowEnd: '24:00', mode: 'ask' as const, enabled: true };
      const problems = policyProblems(draft, (id) => this.d.servers().some((s) => s.id === id), now);
      if (Object.keys(problems).length) throw new HygieneInputError(problems);
      policy = { ...draft, id: '' };
    }
    return this.start(policy, 'ask', 'operator', startedBy, now + RUN_NOW_WINDOW_MS);
  }

  async approve(runId: string, by: string): Promise<HygieneRun> {
    const run = this.d.store.run(runId);
    if (!run) throw new HygieneInputError({ runId: 'no such run' });
    if (run.state !== 'awaiting-approval') throw new HygieneInputError({ runId: `the run is ${run.state}, not waiting for approval` });
    if (this.d.now() >= run.windowEndsAt) {
      this.expire(run);
      throw new HygieneInputError({ runId: 'its window has closed; the run expired' });
    }
    run.approvedBy = by;
    run.approvedAt = this.d.now();
    this.d.logger.warn('hygiene run approved', { runId, by, servers: run.servers.length });
    const ready = run.servers.filter((s) => s.state === 'awaiting-approval');
    run.state = 'running';
    this.save(run);
    // Answered at once; the real run goes on in the background (idle() waits for it).
    this.track(this.execute(run, ready));
    return this.d.store.run(runId)!;
  }

  /** The alert conditions hygiene contributes for one server (a failed run, until one succeeds). */
  conditions(server: ServerConfig): Condition[] {
    const f = this.failures.get(server.id);
    if (!f) return [];
    return [{ rule: 'hygiene-run-failed', severity: 'warning', agentId: null, summary: `${server.name}: hygiene run "${f.policyName}" failed (${f.reason})`, inhibitable: true }];
  }

  /** Runs cut short by a console stop: servers that were mid-run are recorded as interrupted. */
  resume(): void {
    for (const run of this.d.store.unfinished()) {
      if (run.state === 'awaiting-approval') continue;
      for (const s of run.servers) if (s.state === 'running' || s.state === 'pending') Object.assign(s, { state: 'failed', reason: 'interrupted', finishedAt: this.d.now() });
      this.finish(run);
    }
  }

  private async start(
    policy: Pick<HygienePolicy, 'id' | 'name' | 'actions' | 'role' | 'serverId' | 'compactFill' | 'resetAgents'>,
    mode: HygieneRun['mode'],
    trigger: HygieneRun['trigger'],
    startedBy: string,
    windowEndsAt: number,
  ): Promise<HygieneRun> {
    const targets = this.d.servers().filter((s) => (policy.serverId ? s.id === policy.serverId : s.role === policy.role));
    const run: HygieneRun = {
      id: randomUUID(),
      policyId: policy.id || null,
      policyName: policy.name,
      trigger,
      startedBy,
      createdAt: this.d.now(),
      windowEndsAt,
      mode,
      actions: [...policy.actions],
      compactFill: policy.compactFill,
      resetAgents: policy.resetAgents,
      state: 'planning',
      approvedBy: null,
      approvedAt: null,
      finishedAt: null,
      servers: targets.map((s) => newServerEntry(s.id)),
    };
    this.save(run);
    this.d.logger.info('hygiene run started', { runId: run.id, policy: run.policyName, trigger, mode, servers: targets.length });
    await eachLimited(run.servers, this.d.concurrency ?? 4, async (entry) => {
      const server = targets.find((s) => s.id === entry.serverId)!;
      const skip = checkEligible(this.d, server, run.actions, entry);
      if (skip) {
        Object.assign(entry, { state: 'skipped', reason: skip, finishedAt: this.d.now() });
        this.d.logger.warn('hygiene: server skipped, retried next run', { runId: run.id, server: server.name, reason: skip });
        return;
      }
      await dryRunServer(this.d, server, run.actions, policy, entry);
      this.noteServer(run, entry);
      if (entry.state === 'pending') entry.state = mode === 'preview' ? 'previewed' : 'awaiting-approval';
      this.save(run);
    });
    const ready = run.servers.filter((s) => s.state === 'awaiting-approval');
    if (mode === 'ask' && ready.length) {
      run.state = 'awaiting-approval';
      this.save(run);
    } else if (mode === 'auto' && ready.length) await this.execute(run, ready);
    else this.finish(run);
    return this.d.store.run(run.id)!;
  }

  private async execute(run: HygieneRun, entries: HygieneRunServer[]): Promise<void> {
    run.state = 'running';
    this.save(run);
    const label = `hygiene run ${run.policyName}`;
    await eachLimited(entries, this.d.concurrency ?? 4, async (entry) => {
      const server = this.d.servers().find((s) => s.id === entry.serverId);
      if (!server) return void Object.assign(entry, { state: 'skipped', reason: 'server-removed' });
      // Down or busy by now (the approval may come later than the dry run): skipped, retried next time.
      const skip = checkEligible(this.d, server, run.actions, entry);
      if (skip) Object.assign(entry, { state: 'skipped', reason: skip, finishedAt: this.d.now() });
      else await executeServer(this.d, server, run.actions, run, entry, run.windowEndsAt, label);
      this.save(run);
      this.noteServer(run, entry);
      this.d.onServerFinished(server.id, entry, run);
    });
    this.finish(run);
  }

  private expire(run: HygieneRun): void {
    for (const s of run.servers) if (s.state === 'awaiting-approval') Object.assign(s, { state: 'expired', reason: 'not-approved-in-window' });
    run.state = 'expired';
    run.finishedAt = this.d.now();
    this.save(run);
  }

  private finish(run: HygieneRun): void {
    const states = run.servers.map((s) => s.state);
    run.state = states.includes('failed') ? 'failed' : run.mode === 'preview' ? 'previewed' : 'done';
    run.finishedAt = this.d.now();
    this.save(run);
    this.d.logger.info('hygiene run finished', { runId: run.id, state: run.state, done: states.filter((s) => s === 'done').length, skipped: states.filter((s) => s === 'skipped').length, failed: states.filter((s) => s === 'failed').length });
  }

  private save(run: HygieneRun): void {
    this.d.store.saveRun(run);
    this.d.onRunChanged(run);
  }

  private noteServer(run: HygieneRun, entry: HygieneRunServer): void {
    if (entry.state === 'failed') this.failures.set(entry.serverId, { runId: run.id, policyName: run.policyName, reason: entry.reason ?? 'failed' });
    else if (entry.state === 'done') this.failures.delete(entry.serverId);
  }

  private noteOutcomes(run: HygieneRun): void {
    if (FINAL.has(run.state)) for (const s of run.servers) this.noteServer(run, s);
  }
}
