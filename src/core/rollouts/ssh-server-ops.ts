// ServerOps over the console's SSH connection. Long steps are detached remote jobs (remote-job.ts);
// results are reduced to metadata (update-output.ts) before they leave this file.
import type { ServerConfig } from '../../shared/domain';
import type { ServiceManager } from '../../shared/rollout';
import { cliSelectors, stateDirExpr } from '../probes/openclaw-location';
import type { Clock } from './clock';
import { runJob, type RemoteShell } from './remote-job';
import {
  backupBody,
  doctorScript,
  precheckScript,
  restoreBody,
  serviceScript,
  splitKeyValues,
  updateBody,
  updateStatusScript,
  versionScript,
  type OpenclawCall,
} from './remote-scripts';
import { updaterRestarts } from './service-command';
import type { BackupFacts, PrecheckFacts, ServerOps, StepContext, StepResult } from './server-ops';
import { parseJsonDocument, readUpdateOutcome, readUpdateStatus, updateSummary } from './update-output';
import { VERSION_RE } from './versions';

/** Free disk the update needs beyond twice the state: a new package (~650 MB) and the updater's copies. */
export const UPDATE_DISK_HEADROOM_BYTES = 2 * 1024 ** 3;

export interface SshOpsDeps {
  shell: RemoteShell;
  clock: Clock;
  server: (serverId: string) => ServerConfig | null;
  /** openclaw paths the probe found off the PATH. */
  openclawPaths: Pick<Map<string, string>, 'get'>;
  /** Generous: a real update measured 150–165 s, the updater's own step timeout is 30 min. */
  updateTimeoutMs?: number;
  pollMs?: number;
}

const fail = (failure: string, exitCode: number | null, summary: StepResult['summary'] = {}): StepResult => ({ ok: false, exitCode, summary, failure });

export class SshServerOps implements ServerOps {
  constructor(private readonly d: SshOpsDeps) {}

  private call(serverId: string): OpenclawCall {
    const s = this.d.server(serverId);
    if (!s) throw Object.assign(new Error('server removed'), { kind: 'server-removed' });
    const loc = { profile: s.openclawProfile, stateDir: s.openclawStateDir };
    const sel = cliSelectors(loc);
    return { env: sel.envPrefix, bin: s.openclawPath ?? this.d.openclawPaths.get(serverId) ?? 'openclaw', flags: sel.flags, stateDir: stateDirExpr(loc) };
  }

  async precheck(ctx: StepContext): Promise<StepResult & { facts: PrecheckFacts | null }> {
    const r = await this.d.shell.sh(ctx.serverId, precheckScript(this.call(ctx.serverId)), 120_000);
    if (r.code !== 0) return { ...fail('precheck-failed', r.code), facts: null };
    const { values, rest } = splitKeyValues(r.stdout);
    const status = readUpdateStatus(parseJsonDocument(rest));
    const kb = (v: string | undefined) => (v && /^\d+$/.test(v) ? Number(v) * 1024 : null);
    const facts: PrecheckFacts = {
      cliVersion: values.version && VERSION_RE.test(values.version) ? values.version : null,
      freeDiskBytes: kb(values.free_kb),
      stateBytes: kb(values.state_kb),
      activeRun: status.activeRun,
      installKind: status.installKind,
    };
    const summary = { cliVersion: facts.cliVersion, freeDiskMb: mb(facts.freeDiskBytes), stateMb: mb(facts.stateBytes), activeRun: facts.activeRun, installKind: facts.installKind };
    if (!facts.cliVersion) return { ...fail('version-unknown', 0, summary), facts };
    const need = UPDATE_DISK_HEADROOM_BYTES + 2 * (facts.stateBytes ?? 0);
    if (facts.freeDiskBytes !== null && facts.freeDiskBytes < need) return { ...fail('disk-low', 0, { ...summary, neededMb: mb(need) }), facts };
    if (facts.installKind && facts.installKind !== 'package') return { ...fail('install-kind-unsupported', 0, summary), facts };
    return { ok: true, exitCode: 0, summary, facts };
  }

  private async service(ctx: StepContext, action: 'start' | 'stop'): Promise<StepResult> {
    const r = await this.d.shell.sh(ctx.serverId, serviceScript(ctx.service, action), action === 'start' ? 300_000 : 360_000);
    return r.code === 0 ? { ok: true, exitCode: 0, summary: { service: ctx.service.kind } } : fail(r.timedOut ? `${action}-timeout` : `${action}-failed`, r.code, { service: ctx.service.kind });
  }
  stop(ctx: StepContext) {
    return this.service(ctx, 'stop');
  }
  start(ctx: StepContext) {
    return this.service(ctx, 'start');
  }

  async backup(ctx: StepContext, retention: number): Promise<StepResult & { backup: BackupFacts | null }> {
    const job = await runJob(this.d.shell, this.d.clock, { ...this.job(ctx), body: backupBody(this.call(ctx.serverId), ctx.rolloutId, retention), timeoutMs: 30 * 60_000 });
    const { values } = splitKeyValues(job.stdout);
    const bytes = Number(values.bytes);
    const ok = job.exitCode === 0 && /^[0-9a-f]{64}$/.test(values.sha256 ?? '') && bytes > 0 && /^\/[A-Za-z0-9._/-]+\.tar\.gz$/.test(values.path ?? '');
    const summary = { bytes: bytes || null, kept: Number(values.kept) || null, adopted: job.adopted };
    if (!ok) return { ...fail(job.exitCode === null ? 'backup-lost' : 'backup-failed', job.exitCode, summary), backup: null };
    return { ok: true, exitCode: 0, summary, backup: { path: values.path!, sha256: values.sha256!, bytes } };
  }

  async update(ctx: StepContext, version: string): Promise<StepResult> {
    const restart = updaterRestarts(ctx.service);
    const job = await runJob(this.d.shell, this.d.clock, { ...this.job(ctx), body: updateBody(this.call(ctx.serverId), version, restart), timeoutMs: this.d.updateTimeoutMs ?? 40 * 60_000 });
    const { values, rest } = splitKeyValues(job.stdout);
    const outcome = readUpdateOutcome(parseJsonDocument(rest));
    const migrated = values['schema-before'] && values['schema-after'] && values['schema-before'] !== 'null' ? values['schema-before'] !== values['schema-after'] : null;
    const summary = { ...updateSummary(outcome), stateMigrated: migrated, adopted: job.adopted, restartedByUpdater: restart };
    if (job.exitCode === 75) return this.followHandoff(ctx, summary);
    if (job.exitCode !== 0) return fail(outcome?.reason ? `update-${outcome.reason}` : job.exitCode === null ? 'update-lost' : 'update-failed', job.exitCode, summary);
    return { ok: true, exitCode: 0, summary };
  }

  /** Exit 75: the update was handed to a detached helper; `update status` says when and how it ended. */
  private async followHandoff(ctx: StepContext, summary: StepResult['summary']): Promise<StepResult> {
    const deadline = this.d.clock.now() + 30 * 60_000;
    while (this.d.clock.now() < deadline) {
      await this.d.clock.sleep(this.d.pollMs ?? 10_000);
      const r = await this.d.shell.sh(ctx.serverId, updateStatusScript(this.call(ctx.serverId)), 120_000).catch(() => null);
      const st = readUpdateStatus(parseJsonDocument(r?.stdout ?? ''));
      if (r?.code !== 0 || st.activeRun) continue;
      const ok = st.lastStatus === 'succeeded' || st.lastStatus === 'skipped';
      return { ok, exitCode: 75, summary: { ...summary, handoff: true, lastRun: st.lastStatus }, ...(ok ? {} : { failure: `update-${st.lastStatus ?? 'unknown'}` }) };
    }
    return fail('update-handoff-timeout', 75, summary);
  }

  async restore(ctx: StepContext, backup: BackupFacts): Promise<StepResult> {
    const job = await runJob(this.d.shell, this.d.clock, { ...this.job(ctx), body: restoreBody(this.call(ctx.serverId), backup.path, backup.sha256), timeoutMs: 30 * 60_000 });
    const reasons: Record<number, string> = { 21: 'backup-checksum-mismatch', 22: 'state-move-failed', 23: 'unpack-failed' };
    return job.exitCode === 0 ? { ok: true, exitCode: 0, summary: { bytes: backup.bytes, adopted: job.adopted } } : fail(reasons[job.exitCode ?? -1] ?? 'restore-failed', job.exitCode);
  }

  async doctorLint(ctx: StepContext): Promise<StepResult> {
    const r = await this.d.shell.sh(ctx.serverId, doctorScript(this.call(ctx.serverId)), 300_000);
    const doc = parseJsonDocument(r.stdout);
    const findings = Array.isArray(doc?.findings) ? doc.findings.length : null;
    const summary = { findings, checksRun: typeof doc?.checksRun === 'number' ? doc.checksRun : null };
    if (r.code === 0) return { ok: true, exitCode: 0, summary };
    return fail(r.code === 1 ? 'doctor-findings' : 'doctor-failed', r.code, summary);
  }

  async trueState(serverId: string, service: ServiceManager | null): Promise<{ version: string | null; running: boolean | null }> {
    const v = await this.d.shell.sh(serverId, versionScript(this.call(serverId)), 60_000);
    const version = VERSION_RE.test(v.stdout.trim()) ? v.stdout.trim() : null;
    if (!service) return { version, running: null };
    const st = await this.d.shell.sh(serverId, serviceScript(service, 'status'), 60_000);
    return { version, running: st.code === 0 };
  }

  private job(ctx: StepContext) {
    return { serverId: ctx.serverId, rolloutId: ctx.rolloutId, jobKey: ctx.jobKey, pollMs: this.d.pollMs ?? 3_000 };
  }
}

const mb = (b: number | null) => (b === null ? null : Math.round(b / 1024 ** 2));
