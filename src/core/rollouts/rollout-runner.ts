// Drives persisted rollouts: asks the state machine what comes next, starts server workers (each
// holding the server's mutex, inside a maintenance window), waits out bakes, halts on failures and
// tells the alert path. Evaluations of one rollout are serialised; all state lives in the store, so a
// console restarted after a crash continues from there (see recover()).
import type { RolloutAction, ServiceManager } from '../../shared/rollout';
import type { Clock } from './clock';
import type { Logger } from '../log';
import type { MaintenanceWindows } from './maintenance-windows';
import { afterBake, applyAction, decide, isActive, validActions, waveFailures, type MachineRollout, type MachineServer } from './rollout-machine';
import type { RolloutStore, StoredRollout, StoredServer } from './rollout-store';
import { MutexBusyError, type ServerMutex } from './server-mutex';
import type { GateFacts, ServerOps } from './server-ops';
import { ServerWorker, STOPPED, workerSteps } from './server-worker';
import { ROLLBACK_STEPS } from './rollout-plan';
import type { GateTimings } from './rollout-gates';

export type RolloutProblem = 'server-failed' | 'rollout-halted' | 'rollback-failed';

export interface RunnerDeps {
  store: RolloutStore;
  ops: ServerOps;
  clock: Clock;
  mutex: ServerMutex;
  maintenance: MaintenanceWindows;
  logger: Logger;
  serviceOf: (serverId: string) => ServiceManager | null;
  gateFacts: (serverId: string) => Promise<GateFacts | null>;
  /** Critical alerts on this server raised at or after `since` (the no-new-critical-alert gate). */
  criticalAlertsSince: (serverId: string, since: number) => number;
  onChange: (rolloutId: string) => void;
  onProblem: (rolloutId: string, serverId: string | null, problem: RolloutProblem) => void;
  gateTimings?: GateTimings;
  /** How long a server's automatic maintenance window lasts at most (default 30 min). */
  maintenanceMs?: number;
}

export class ActionError extends Error {}

export const machineOf = (r: StoredRollout): MachineRollout => ({
  state: r.state,
  currentWave: r.currentWave,
  waveCount: r.plan.waves.length,
  bakeUntil: r.bakeUntil,
  resumeTo: r.resumeTo,
  bakeMs: r.plan.options.bakeMs,
  maxFailuresPerWave: r.plan.options.maxFailuresPerWave,
  concurrency: r.plan.options.concurrency,
});

export const machineServers = (servers: StoredServer[]): MachineServer[] =>
  servers.map((s) => ({ serverId: s.serverId, wave: s.wave, position: s.position, state: s.state, canRollBack: s.backupPath !== null && s.backupSha256 !== null }));

export class RolloutRunner {
  private readonly workers = new Map<string, Promise<void>>();
  private readonly chains = new Map<string, Promise<void>>();
  private readonly timers = new Map<string, () => void>();
  private readonly worker: ServerWorker;
  private stopped = false;

  constructor(private readonly d: RunnerDeps) {
    this.worker = new ServerWorker({ ...d, stopping: () => this.stopped });
  }

  /** Re-evaluates a rollout soon (serialised per rollout). */
  kick(id: string): Promise<void> {
    const next = (this.chains.get(id) ?? Promise.resolve()).then(() => this.evaluate(id)).catch((err) => this.d.logger.error('rollout evaluation failed', { rolloutId: id, error: String(err) }));
    this.chains.set(id, next);
    return next;
  }

  /** Waits until no worker runs and no evaluation is queued (tests, shutdown). */
  async idle(): Promise<void> {
    for (;;) {
      const pending = [...this.workers.values(), ...this.chains.values()];
      await Promise.all(pending);
      const now = [...this.workers.values(), ...this.chains.values()];
      if (now.length === pending.length && now.every((p, i) => p === pending[i])) return;
    }
  }

  stop(): void {
    this.stopped = true;
    for (const cancel of this.timers.values()) cancel();
    this.timers.clear();
  }

  /** Applies an operator action if the machine allows it; throws ActionError with the reason if not. */
  act(id: string, action: RolloutAction, serverId: string | null, actor: string): void {
    const r = this.d.store.get(id);
    if (!r) throw new ActionError(`no rollout ${id}`);
    const servers = this.d.store.servers(id);
    const res = applyAction(machineOf(r), machineServers(servers), action, serverId, this.d.clock.now());
    if (!res.ok) throw new ActionError(res.error);
    const now = this.d.clock.now();
    const p = res.rollout;
    this.d.store.patchRollout(id, { ...p, ...(p.state === 'aborted' ? { finishedAt: now, reason: 'aborted-by-operator' } : {}) }, now);
    if (res.server) {
      const s = servers.find((x) => x.serverId === res.server!.serverId)!;
      // A retry goes on from the failed step: the steps that ended ok are not run again.
      const retry = action === 'retry';
      this.d.store.patchServer(id, s.serverId, { state: res.server.state, ...(retry ? { failure: null, finishedAt: null } : {}) });
    }
    this.d.store.audit(id, actor, action, serverId, now);
    this.d.onChange(id);
    void this.kick(id);
  }

  actions(r: StoredRollout, servers: StoredServer[]) {
    return validActions(machineOf(r), machineServers(servers), this.d.clock.now());
  }

  private async evaluate(id: string): Promise<void> {
    for (let guard = 0; guard < 100 && !this.stopped; guard++) {
      const r = this.d.store.get(id);
      if (!r) return;
      const servers = this.d.store.servers(id);
      // Servers being worked on with no live worker (after a restart and resume): continue them.
      for (const s of servers) if (isActive(s.state) && r.state !== 'interrupted' && !this.workers.has(key(id, s.serverId))) this.spawn(r, s);
      const now = this.d.clock.now();
      const d = decide(machineOf(r), machineServers(servers), now);
      switch (d.kind) {
        case 'idle':
        case 'wait':
          return;
        case 'wait-until':
          this.checkBakeAlerts(r, servers);
          this.armTimer(id, d.at - now);
          return;
        case 'start-servers':
          for (const serverId of d.serverIds) {
            this.d.store.patchServer(id, serverId, { state: 'updating', startedAt: now });
            this.spawn(r, this.d.store.servers(id).find((s) => s.serverId === serverId)!);
          }
          this.d.onChange(id);
          return;
        case 'halt':
          this.d.store.patchRollout(id, { state: 'halted', reason: d.reason }, now);
          this.d.store.audit(id, 'system', 'halt', null, now);
          this.d.onChange(id);
          this.d.onProblem(id, null, 'rollout-halted');
          return;
        case 'begin-bake':
          this.d.store.patchRollout(id, { state: 'baking', bakeUntil: d.until }, now);
          this.d.onChange(id);
          continue;
        case 'bake-done': {
          this.finishBake(r, servers);
          const again = this.d.store.servers(id);
          if (waveFailures(machineServers(again), r.currentWave) > r.plan.options.maxFailuresPerWave) {
            this.d.store.patchRollout(id, { state: 'running' }, now);
            continue;
          }
          const next = afterBake(machineOf(r));
          this.d.store.patchRollout(id, { ...next, ...(next.state === 'completed' ? { finishedAt: now } : {}) }, now);
          this.d.onChange(id);
          continue;
        }
      }
    }
  }

  private armTimer(id: string, ms: number): void {
    this.timers.get(id)?.();
    // Re-checks at least every 15 s during a bake (new critical alerts fail a server at once).
    this.timers.set(id, this.d.clock.setTimer(Math.max(0, Math.min(ms, 15_000)), () => void this.kick(id)));
  }

  private checkBakeAlerts(r: StoredRollout, servers: StoredServer[]): void {
    for (const s of servers) {
      if (s.wave !== r.currentWave || s.state !== 'updated' || s.startedAt === null) continue;
      if (this.d.criticalAlertsSince(s.serverId, s.startedAt) > 0) this.recordAlertGate(r, s, false);
    }
  }

  private finishBake(r: StoredRollout, servers: StoredServer[]): void {
    for (const s of servers) if (s.wave === r.currentWave && s.state === 'updated') this.recordAlertGate(r, s, this.d.criticalAlertsSince(s.serverId, s.startedAt ?? 0) === 0);
  }

  private recordAlertGate(r: StoredRollout, s: StoredServer, pass: boolean): void {
    const now = this.d.clock.now();
    const stepId = this.d.store.beginStep(r.id, s.serverId, 'gate-no-critical-alert', s.attempt, r.bakeUntil !== null ? Math.min(now, r.bakeUntil - r.plan.options.bakeMs) : now);
    this.d.store.endStep(stepId, pass ? 'ok' : 'failed', null, { criticalAlerts: pass ? 0 : this.d.criticalAlertsSince(s.serverId, s.startedAt ?? 0) }, now);
    if (!pass) {
      this.d.store.patchServer(r.id, s.serverId, { state: 'failed', failure: 'gate-no-critical-alert', finishedAt: now });
      this.d.onProblem(r.id, s.serverId, 'server-failed');
    }
    this.d.onChange(r.id);
  }

  private spawn(r: StoredRollout, s: StoredServer): void {
    const k = key(r.id, s.serverId);
    const job = this.work(r, s).finally(() => {
      this.workers.delete(k);
      if (!this.stopped) void this.kick(r.id);
    });
    this.workers.set(k, job);
  }

  private async work(r: StoredRollout, s: StoredServer): Promise<void> {
    const service = this.d.serviceOf(s.serverId);
    const rollback = s.state === 'rolling-back';
    const { store, clock } = this.d;
    let failure: string | null;
    this.d.maintenance.begin(s.serverId, `rollout ${r.id}`, clock.now() + (this.d.maintenanceMs ?? 30 * 60_000));
    try {
      if (!service) failure = 'service-manager-unknown';
      else {
        const steps = rollback ? ROLLBACK_STEPS : workerSteps(service, r.plan.options.doctorLint);
        failure = await this.d.mutex.run(s.serverId, `rollout ${r.id}`, () => this.worker.run(r, s, service, steps));
      }
    } catch (err) {
      failure = err instanceof MutexBusyError ? 'server-busy' : 'worker-error';
      if (!(err instanceof MutexBusyError)) this.d.logger.error('rollout worker failed', { rolloutId: r.id, serverId: s.serverId, error: String(err) });
    } finally {
      // A server that failed leaves its window now: if it is down, server-down pages as it should.
      this.d.maintenance.end(s.serverId);
    }
    // Shutting down: the server stays as it is in the store, and the next start recovers it.
    if (failure === STOPPED) return;
    const now = clock.now();
    const state = failure === null ? (rollback ? 'rolled-back' : 'updated') : rollback ? 'rollback-failed' : 'failed';
    store.patchServer(r.id, s.serverId, { state, failure, finishedAt: now });
    if (failure !== null) this.d.onProblem(r.id, s.serverId, rollback ? 'rollback-failed' : 'server-failed');
    this.d.onChange(r.id);
  }

  /** On console start: running rollouts become interrupted, with every touched server's true state re-probed. */
  async recover(): Promise<string[]> {
    const ids: string[] = [];
    for (const r of this.d.store.unfinished()) {
      const now = this.d.clock.now();
      this.d.store.interruptOpenSteps(r.id, now);
      if (r.state !== 'running' && r.state !== 'baking') {
        // A server begun while the rollout was paused or halted (a rollback) is finished: its jobs are adopted.
        if (this.d.store.servers(r.id).some((s) => isActive(s.state))) void this.kick(r.id);
        continue;
      }
      this.d.store.patchRollout(r.id, { state: 'interrupted', resumeTo: r.state, reason: 'console-restarted' }, now);
      this.d.store.audit(r.id, 'system', 'interrupted', null, now);
      for (const s of this.d.store.servers(r.id)) {
        if (!isActive(s.state) && s.state !== 'updated') continue;
        const truth = await this.d.ops.trueState(s.serverId, this.d.serviceOf(s.serverId)).catch(() => ({ version: null, running: null }));
        const facts = await this.d.gateFacts(s.serverId).catch(() => null);
        this.d.store.patchServer(r.id, s.serverId, { probed: { at: this.d.clock.now(), version: truth.version, running: truth.running, bootId: facts?.bootId ?? null } });
      }
      this.d.onChange(r.id);
      ids.push(r.id);
    }
    return ids;
  }
}

const key = (rolloutId: string, serverId: string) => `${rolloutId}\u0000${serverId}`;
