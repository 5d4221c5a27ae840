// Runs one server's steps in order, each recorded (start before, end after) before the next begins.
// A step that already ended ok in this attempt is never run again; an interrupted one is run again
// only through ServerOps, whose remote jobs adopt the result of work the server already finished.
import type { ServiceManager, StepName } from '../../shared/rollout';
import type { Clock } from './clock';
import { DEFAULT_GATE_TIMINGS, gateVerdict, isGate, type GateTimings } from './rollout-gates';
import { ROLLBACK_STEPS, serverSteps } from './rollout-plan';
import type { RolloutStore, StoredRollout, StoredServer } from './rollout-store';
import type { GateFacts, ServerOps, StepContext, StepResult } from './server-ops';

export interface WorkerDeps {
  store: RolloutStore;
  ops: ServerOps;
  clock: Clock;
  gateFacts: (serverId: string) => Promise<GateFacts | null>;
  onChange: (rolloutId: string) => void;
  gateTimings?: GateTimings;
  /** The console is shutting down: begin no further step (the next start resumes from the store). */
  stopping?: () => boolean;
}

/** What run() returns when the console stopped it between steps. */
export const STOPPED = 'console-stopping';

/** The steps run by a worker (the alert gate runs at the end of the wave's bake, not here). */
export function workerSteps(service: ServiceManager, doctorLint: boolean): StepName[] {
  return serverSteps(service, doctorLint).filter((s) => s !== 'gate-no-critical-alert');
}

export class ServerWorker {
  constructor(private readonly d: WorkerDeps) {}

  /** Runs the steps left; returns null when all passed, else the failed step's reason. */
  async run(r: StoredRollout, s: StoredServer, service: ServiceManager, steps: StepName[]): Promise<string | null> {
    const mine = this.d.store.steps(r.id).filter((x) => x.serverId === s.serverId && x.attempt === s.attempt);
    const done = new Set(mine.filter((x) => x.outcome === 'ok').map((x) => x.step));
    for (const step of steps) {
      if (done.has(step)) continue;
      if (this.d.stopping?.()) return STOPPED;
      const server = this.d.store.servers(r.id).find((x) => x.serverId === s.serverId)!;
      // Failed tries get a fresh job on the server; an interrupted one keeps its job, to adopt what it did.
      const tries = mine.filter((x) => x.step === step && x.outcome === 'failed').length;
      const ctx: StepContext = { rolloutId: r.id, serverId: s.serverId, attempt: s.attempt, step, service, jobKey: `${step}-a${s.attempt}-t${tries}` };
      const id = this.d.store.beginStep(r.id, s.serverId, step, s.attempt, this.d.clock.now());
      this.d.onChange(r.id);
      let result: StepResult;
      try {
        result = await this.execute(r, server, ctx);
      } catch (err) {
        result = { ok: false, exitCode: null, summary: { error: errorKind(err) }, failure: `${step}-error` };
      }
      this.d.store.endStep(id, result.ok ? 'ok' : 'failed', result.exitCode, result.summary, this.d.clock.now());
      this.d.onChange(r.id);
      if (!result.ok) return result.failure ?? step;
    }
    return null;
  }

  private async execute(r: StoredRollout, s: StoredServer, ctx: StepContext): Promise<StepResult> {
    const { ops, store } = this.d;
    const target = r.targetVersion;
    switch (ctx.step) {
      case 'precheck': {
        const res = await ops.precheck(ctx);
        const facts = await this.d.gateFacts(s.serverId);
        if (res.ok && !facts?.up) return { ...res, ok: false, failure: 'not-up' };
        if (res.ok && res.facts?.activeRun) return { ...res, ok: false, failure: 'update-already-running' };
        store.patchServer(r.id, s.serverId, { bootIdBefore: facts?.bootId ?? null, fromVersion: res.facts?.cliVersion ?? s.fromVersion });
        return res;
      }
      case 'stop':
      case 'rollback-stop':
        return ops.stop(ctx);
      case 'start':
      case 'rollback-start':
        return ops.start(ctx);
      case 'backup': {
        const res = await ops.backup(ctx, r.plan.options.backupRetention);
        if (res.ok && res.backup) store.patchServer(r.id, s.serverId, { backupPath: res.backup.path, backupSha256: res.backup.sha256, backupBytes: res.backup.bytes });
        return res;
      }
      case 'update': {
        const res = await ops.update(ctx, target);
        const migrated = res.summary.stateMigrated;
        if (typeof migrated === 'boolean') store.patchServer(r.id, s.serverId, { stateMigrated: migrated });
        return res;
      }
      case 'rollback-restore':
        if (!s.backupPath || !s.backupSha256) return { ok: false, exitCode: null, summary: {}, failure: 'no-backup' };
        return ops.restore(ctx, { path: s.backupPath, sha256: s.backupSha256, bytes: s.backupBytes ?? 0 });
      case 'rollback-reinstall':
        if (!s.fromVersion) return { ok: false, exitCode: null, summary: {}, failure: 'previous-version-unknown' };
        return ops.update(ctx, s.fromVersion);
      case 'gate-doctor':
        return ops.doctorLint(ctx);
      default:
        if (isGate(ctx.step)) return this.gate(r, s, ctx);
        return { ok: false, exitCode: null, summary: {}, failure: 'unknown-step' };
    }
  }

  /** Polls the gate until it passes or its deadline passes; records the last values seen. */
  private async gate(r: StoredRollout, s: StoredServer, ctx: StepContext): Promise<StepResult> {
    if (!isGate(ctx.step)) throw new Error('not a gate');
    const timings = this.d.gateTimings ?? DEFAULT_GATE_TIMINGS;
    const rollback = ctx.step.startsWith('rollback-');
    const target = rollback ? (s.fromVersion ?? '') : r.targetVersion;
    const steps = this.d.store.steps(r.id).filter((x) => x.serverId === s.serverId && x.attempt === s.attempt);
    const restart = [...steps].reverse().find((x) => x.step === (rollback ? 'rollback-start' : 'update') && x.outcome === 'ok');
    const sinceMs = restart?.endedAt ?? this.d.clock.now();
    const deadline = this.d.clock.now() + timings.deadlineMs[ctx.step];
    let polls = 0;
    for (;;) {
      polls += 1;
      const v = gateVerdict(ctx.step, await this.d.gateFacts(s.serverId), { target, bootIdBefore: s.bootIdBefore, sinceMs });
      if (v.pass) return { ok: true, exitCode: null, summary: { ...v.summary, polls } };
      if (this.d.clock.now() >= deadline) return { ok: false, exitCode: null, summary: { ...v.summary, polls, deadlineMs: timings.deadlineMs[ctx.step] }, failure: ctx.step };
      await this.d.clock.sleep(timings.pollMs);
    }
  }
}

export const ROLLBACK_SEQUENCE = ROLLBACK_STEPS;

function errorKind(err: unknown): string {
  const kind = (err as { kind?: unknown })?.kind;
  return typeof kind === 'string' && /^[a-z0-9-]{1,40}$/.test(kind) ? kind : 'exception';
}
