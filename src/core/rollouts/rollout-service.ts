// The rollout capability as the console API sees it: plans (read), starts (mutating, confirmed),
// operator actions, per-server service managers, details and history. Bad input changes nothing.
import { randomUUID } from 'node:crypto';
import type { ServerConfig, ServerSnapshot } from '../../shared/domain';
import type { RolloutDetail, RolloutPlan, RolloutPlanOptions, RolloutTargets, ServiceManager } from '../../shared/rollout';
import { AppError } from '../router';
import type { Clock } from './clock';
import { buildPlan, type PlanServerFacts } from './rollout-plan';
import { ActionError, type RolloutRunner } from './rollout-runner';
import type { RolloutStore } from './rollout-store';
import { ServiceConfigError, validateServiceManager } from './service-command';
import { compareVersions } from './versions';

export interface PlanInput {
  targetVersion: string;
  serverIds: string[];
  waves?: number[];
  bakeMinutes?: number;
  maxFailuresPerWave?: number;
  concurrency?: number;
  doctorLint?: boolean;
  backupRetention?: number;
  allowDowngrade?: boolean;
}

export interface RolloutServiceDeps {
  store: RolloutStore;
  runner: RolloutRunner;
  clock: Clock;
  servers: () => ServerConfig[];
  snapshot: (serverId: string) => ServerSnapshot | null;
  /** Asks the server's own package source whether openclaw@version exists (npm view over SSH). */
  versionAvailable: (serverId: string, version: string) => Promise<boolean>;
  /** `update status --json` of one server: install kind and the latest version on its channel. */
  updateStatus: (serverId: string) => Promise<{ installKind: string | null; latestVersion: string | null }>;
}

export class RolloutService {
  private targetsCache: { at: number; statuses: Map<string, { installKind: string | null; latestVersion: string | null }> } | null = null;

  constructor(private readonly d: RolloutServiceDeps) {}

  private options(i: PlanInput): RolloutPlanOptions {
    return {
      targetVersion: i.targetVersion,
      serverIds: i.serverIds,
      waves: i.waves ?? [25, 50, 100],
      bakeMs: Math.round((i.bakeMinutes ?? 10) * 60_000),
      maxFailuresPerWave: i.maxFailuresPerWave ?? 0,
      concurrency: i.concurrency ?? 1,
      doctorLint: i.doctorLint ?? false,
      backupRetention: i.backupRetention ?? 3,
      allowDowngrade: i.allowDowngrade ?? false,
    };
  }

  plan(i: PlanInput): RolloutPlan {
    if (new Set(i.serverIds).size !== i.serverIds.length) throw new AppError('invalid-input', 'A server is listed twice.', { serverIds: 'duplicate server' });
    const known = new Map(this.d.servers().map((s) => [s.id, s]));
    const unknown = i.serverIds.find((id) => !known.has(id));
    if (unknown) throw new AppError('not-found', `No server with id ${unknown}`, { serverIds: 'unknown server' });
    const facts: PlanServerFacts[] = i.serverIds.map((id) => {
      const snap = this.d.snapshot(id);
      return {
        serverId: id,
        name: known.get(id)!.name,
        status: snap?.status ?? null,
        version: snap?.cliVersion ?? snap?.version ?? null,
        service: this.d.store.serviceManager(id),
        inRollout: this.d.store.activeRolloutOf(id),
      };
    });
    return buildPlan(this.options(i), facts, this.d.store.measuredStepMs());
  }

  async start(i: PlanInput & { confirmation: string; confirmDowngrade?: boolean }, actor: string): Promise<RolloutDetail> {
    const plan = this.plan(i);
    const blocked = plan.servers.filter((s) => s.blockers.length);
    if (blocked.length) {
      throw new AppError('invalid-input', `Cannot start: ${blocked.map((s) => `${s.name}: ${s.blockers.join('; ')}`).join(' | ')}`, { serverIds: 'see the blockers in the plan' });
    }
    if (plan.servers.some((s) => s.downgrade) && i.confirmDowngrade !== true) {
      throw new AppError('invalid-input', 'This is a downgrade: confirm the downgrade separately.', { confirmDowngrade: 'required for a downgrade' });
    }
    if (i.confirmation.trim() !== plan.confirmation) {
      throw new AppError('invalid-input', `Type "${plan.confirmation}" to start.`, { confirmation: `type: ${plan.confirmation}` });
    }
    if (!(await this.d.versionAvailable(plan.servers[0]!.serverId, i.targetVersion))) {
      throw new AppError('invalid-input', `Unknown version: the package source of ${plan.servers[0]!.name} has no openclaw@${i.targetVersion}.`, { targetVersion: 'unknown version' });
    }
    // Checked again after the awaits: another start may have claimed a server meanwhile.
    const taken = plan.servers.find((s) => this.d.store.activeRolloutOf(s.serverId));
    if (taken) throw new AppError('conflict', `${taken.name} is already in rollout ${this.d.store.activeRolloutOf(taken.serverId)}.`, { serverIds: 'already in a rollout' });
    const id = randomUUID();
    const now = this.d.clock.now();
    this.d.store.create({ id, plan, createdAt: now, createdBy: actor });
    this.d.store.audit(id, actor, 'start', null, now);
    void this.d.runner.kick(id);
    return this.detail(id);
  }

  act(id: string, action: Parameters<RolloutRunner['act']>[1], serverId: string | null, actor: string): RolloutDetail {
    try {
      this.d.runner.act(id, action, serverId, actor);
    } catch (err) {
      if (err instanceof ActionError) throw new AppError('conflict', err.message);
      throw err;
    }
    return this.detail(id);
  }

  detail(id: string): RolloutDetail {
    const r = this.d.store.get(id);
    if (!r) throw new AppError('not-found', `No rollout ${id}`);
    const servers = this.d.store.servers(id);
    const { resumeTo: _resumeTo, ...summary } = r;
    return {
      ...summary,
      servers: servers.map(({ attempt: _a, backupSha256: _s, backupBytes: _b, ...s }) => s),
      steps: this.d.store.steps(id).map(({ id: _id, ...s }) => s),
      audit: this.d.store.auditLog(id),
      actions: this.d.runner.actions(r, servers),
    };
  }

  list(limit = 50) {
    return this.d.store.list(limit).map(({ plan: _p, resumeTo: _r, ...s }) => s);
  }

  serviceGet(serverId: string) {
    this.server(serverId);
    return { serverId, manager: this.d.store.serviceManager(serverId) };
  }

  serviceSet(serverId: string, manager: ServiceManager | null) {
    this.server(serverId);
    const busy = this.d.store.activeRolloutOf(serverId);
    if (busy) throw new AppError('conflict', `The server is in rollout ${busy}; change how it is run after that.`);
    let valid: ServiceManager | null;
    try {
      valid = manager ? validateServiceManager(manager) : null;
    } catch (err) {
      if (err instanceof ServiceConfigError) throw new AppError('invalid-input', err.message, { [`manager.${err.field}`]: err.message });
      throw err;
    }
    this.d.store.setServiceManager(serverId, valid, this.d.clock.now());
    return { serverId, manager: valid };
  }

  async targets(refresh: boolean): Promise<RolloutTargets> {
    const servers = this.d.servers().filter((s) => s.enabled);
    if (refresh || !this.targetsCache || this.d.clock.now() - this.targetsCache.at > 10 * 60_000) {
      const statuses = new Map<string, { installKind: string | null; latestVersion: string | null }>();
      const up = servers.filter((s) => this.d.snapshot(s.id)?.status === 'UP');
      for (let i = 0; i < up.length; i += 4) {
        await Promise.all(up.slice(i, i + 4).map(async (s) => statuses.set(s.id, await this.d.updateStatus(s.id).catch(() => ({ installKind: null, latestVersion: null })))));
      }
      this.targetsCache = { at: this.d.clock.now(), statuses };
    }
    const st = this.targetsCache.statuses;
    const rows = servers.map((s) => {
      const snap = this.d.snapshot(s.id);
      return {
        serverId: s.id,
        name: s.name,
        role: s.role ?? null,
        tags: s.tags ?? [],
        status: snap?.status ?? null,
        version: snap?.cliVersion ?? snap?.version ?? null,
        installKind: st.get(s.id)?.installKind ?? null,
        latestVersion: st.get(s.id)?.latestVersion ?? null,
        service: this.d.store.serviceManager(s.id),
        isOps: s.role === 'ops',
        inRollout: this.d.store.activeRolloutOf(s.id),
      };
    });
    const versions = new Map<string, 'update-status' | 'fleet'>();
    for (const r of rows) if (r.latestVersion) versions.set(r.latestVersion, 'update-status');
    for (const r of rows) if (r.version && !versions.has(r.version)) versions.set(r.version, 'fleet');
    return {
      versions: [...versions].map(([version, source]) => ({ version, source })).sort((a, b) => compareVersions(b.version, a.version)),
      servers: rows,
      checkedAt: this.targetsCache.at,
    };
  }

  private server(serverId: string): ServerConfig {
    const s = this.d.servers().find((x) => x.id === serverId);
    if (!s) throw new AppError('not-found', `No server with id ${serverId}`);
    return s;
  }
}
