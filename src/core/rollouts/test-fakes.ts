// A scripted fleet for the runner's unit tests: servers with a version, a boot id and heartbeats that
// the fake ops change as a real update would, with failures injectable per step.
import type { ServiceManager } from '../../shared/rollout';
import type { BackupFacts, GateFacts, PrecheckFacts, ServerOps, StepContext, StepResult } from './server-ops';
import type { FakeClock } from './fake-clock';

export interface FakeServer {
  version: string;
  running: boolean;
  bootId: string;
  startedAt: number;
  heartbeatAt: number | null;
  /** Step name → how it fails (exit code) from now on. */
  failing: Map<string, number>;
  /** Makes the step take this long (fake time). */
  stepMs: number;
}

export class FakeFleet implements ServerOps {
  readonly servers = new Map<string, FakeServer>();
  readonly calls: string[] = [];
  private boots = 0;

  constructor(private readonly clock: FakeClock) {}

  add(id: string, version: string): FakeServer {
    const s: FakeServer = { version, running: true, bootId: `boot-${this.boots++}`, startedAt: this.clock.now(), heartbeatAt: this.clock.now(), failing: new Map(), stepMs: 1_000 };
    this.servers.set(id, s);
    return s;
  }

  private async step(ctx: StepContext, name: string, effect: (s: FakeServer) => void): Promise<StepResult> {
    this.calls.push(`${ctx.serverId}:${name}`);
    const s = this.servers.get(ctx.serverId)!;
    await this.clock.sleep(s.stepMs);
    const code = s.failing.get(name);
    if (code !== undefined) return { ok: false, exitCode: code, summary: {}, failure: `${name}-failed` };
    effect(s);
    return { ok: true, exitCode: 0, summary: {} };
  }

  private boot(s: FakeServer): void {
    s.running = true;
    s.bootId = `boot-${this.boots++}`;
    s.startedAt = this.clock.now();
    // Heartbeats come back 2 minutes after a start (measured on real gateways).
    s.heartbeatAt = null;
    this.clock.setTimer(120_000, () => {
      if (s.running) s.heartbeatAt = this.clock.now();
    });
  }

  async precheck(ctx: StepContext): Promise<StepResult & { facts: PrecheckFacts | null }> {
    const s = this.servers.get(ctx.serverId)!;
    const r = await this.step(ctx, 'precheck', () => {});
    return { ...r, facts: { cliVersion: s.version, freeDiskBytes: 10e9, stateBytes: 1e6, activeRun: false, installKind: 'package' } };
  }
  stop(ctx: StepContext) {
    return this.step(ctx, ctx.step, (s) => (s.running = false));
  }
  start(ctx: StepContext) {
    return this.step(ctx, ctx.step, (s) => this.boot(s));
  }
  async backup(ctx: StepContext): Promise<StepResult & { backup: BackupFacts | null }> {
    const r = await this.step(ctx, 'backup', () => {});
    return { ...r, backup: r.ok ? { path: `/backups/${ctx.serverId}-${ctx.attempt}.tar.gz`, sha256: 'a'.repeat(64), bytes: 1234 } : null };
  }
  async update(ctx: StepContext, version: string): Promise<StepResult> {
    const r = await this.step(ctx, ctx.step, (s) => {
      s.version = version;
      if (ctx.service.kind !== 'custom') this.boot(s);
    });
    return r.ok ? { ...r, summary: { stateMigrated: ctx.step === 'update' } } : r;
  }
  restore(ctx: StepContext) {
    return this.step(ctx, 'restore', () => {});
  }
  doctorLint(ctx: StepContext) {
    return this.step(ctx, 'doctor', () => {});
  }
  async trueState(serverId: string, _service: ServiceManager | null) {
    const s = this.servers.get(serverId)!;
    return { version: s.version, running: s.running };
  }
  async gateFacts(serverId: string): Promise<GateFacts | null> {
    const s = this.servers.get(serverId);
    if (!s) return null;
    return {
      up: s.running,
      ready: s.running,
      bootId: s.running ? s.bootId : null,
      gatewayStartedAt: s.running ? s.startedAt : null,
      runningVersion: s.running ? s.version : null,
      heartbeats: [{ agentId: 'main', enabled: true, lastRunAtMs: s.heartbeatAt }],
    };
  }
}

export const CUSTOM: ServiceManager = { kind: 'custom', start: '/usr/local/bin/gw start', stop: '/usr/local/bin/gw stop', status: '/usr/local/bin/gw status' };
