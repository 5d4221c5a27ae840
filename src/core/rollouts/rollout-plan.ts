// Turns the operator's choices into a plan: waves (a canary of one, then cumulative percentages of
// the rest), the steps each server gets, what a rollback could and could not do, and an estimate
// from measured step times. Pure: the same inputs always give the same plan.
import type { PlannedServer, RolloutPlan, RolloutPlanOptions, ServiceManager, StepName } from '../../shared/rollout';
import { compareVersions } from './versions';

export interface PlanServerFacts {
  serverId: string;
  name: string;
  status: string | null;
  version: string | null;
  service: ServiceManager | null;
  /** The server is already part of an unfinished rollout (its id). */
  inRollout: string | null;
}

/** Measured on the lab and the e2e fleet (2026.9.5 → 2026.9.6, 2 cores); replaced by this console's own measurements. */
export const DEFAULT_STEP_MS: Record<StepName, number> = {
  precheck: 8_000,
  stop: 3_000,
  backup: 10_000,
  update: 165_000,
  start: 18_000,
  'gate-ready': 5_000,
  'gate-boot-id': 3_000,
  'gate-version': 3_000,
  'gate-heartbeats': 300_000,
  'gate-doctor': 10_000,
  'gate-no-critical-alert': 0,
  'rollback-stop': 3_000,
  'rollback-restore': 10_000,
  'rollback-reinstall': 165_000,
  'rollback-start': 18_000,
  'rollback-gate-ready': 5_000,
  'rollback-gate-version': 3_000,
};

export function serverSteps(service: ServiceManager | null, doctorLint: boolean): StepName[] {
  const custom = service?.kind === 'custom';
  return [
    'precheck',
    ...(custom ? (['stop'] as const) : []),
    'backup',
    'update',
    ...(custom ? (['start'] as const) : []),
    'gate-ready',
    'gate-boot-id',
    'gate-version',
    'gate-heartbeats',
    ...(doctorLint ? (['gate-doctor'] as const) : []),
    'gate-no-critical-alert',
  ];
}

export const ROLLBACK_STEPS: StepName[] = ['rollback-stop', 'rollback-restore', 'rollback-reinstall', 'rollback-start', 'rollback-gate-ready', 'rollback-gate-version'];

/** Server ids per wave: wave 0 the canary, then cumulative percentages of the rest (empty waves dropped). */
export function splitWaves(serverIds: string[], percents: number[]): string[][] {
  if (!serverIds.length) return [];
  const [canary, ...rest] = serverIds;
  const waves: string[][] = [[canary!]];
  let taken = 0;
  for (const p of percents) {
    const upTo = Math.min(rest.length, Math.ceil((rest.length * p) / 100));
    if (upTo > taken) waves.push(rest.slice(taken, upTo));
    taken = Math.max(taken, upTo);
  }
  if (taken < rest.length) waves.push(rest.slice(taken));
  return waves;
}

function rollbackNote(from: string | null, target: string, downgrade: boolean): { possible: boolean; note: string } {
  if (!from) return { possible: false, note: 'Impossible: the current version is unknown, so there is nothing known to go back to.' };
  if (downgrade) {
    return { possible: true, note: `Reinstalls ${from} and restores the state backup. A downgrade's state is not migrated forward, so the backup is the way back.` };
  }
  return {
    possible: true,
    note:
      `Reinstalls ${from} and restores the state backup taken just before the update (${target} may migrate the state, ` +
      `and OpenClaw refuses to run an older version on migrated state). Anything the gateway wrote after the update ` +
      `(sessions, cron runs) is lost. Impossible once the backup is gone (retention) or if ${from} cannot be installed on the server.`,
  };
}

export function buildPlan(options: RolloutPlanOptions, facts: PlanServerFacts[], measuredMs: Partial<Record<StepName, number>> = {}): RolloutPlan {
  const byId = new Map(facts.map((f) => [f.serverId, f]));
  const estimates: Record<StepName, number> = { ...DEFAULT_STEP_MS, ...measuredMs };
  const waves = splitWaves(options.serverIds, options.waves);
  const warnings: string[] = [];
  const servers: PlannedServer[] = [];
  waves.forEach((ids, wave) => {
    for (const id of ids) {
      const f = byId.get(id);
      const blockers: string[] = [];
      if (!f) {
        servers.push({ serverId: id, name: id, wave, fromVersion: null, serviceKind: null, steps: [], downgrade: false, rollback: rollbackNote(null, options.targetVersion, false), blockers: ['unknown server'] });
        continue;
      }
      if (f.status !== 'UP') blockers.push(`not UP (${f.status ?? 'never probed'})`);
      if (!f.service) blockers.push('service manager not set: say how its gateway is run');
      if (!f.version) blockers.push('current version unknown');
      if (f.inRollout) blockers.push(`already in rollout ${f.inRollout}`);
      const cmp = f.version ? compareVersions(options.targetVersion, f.version) : 0;
      if (f.version && cmp === 0) blockers.push(`already on ${options.targetVersion}`);
      const downgrade = cmp < 0;
      if (downgrade && !options.allowDowngrade) blockers.push(`downgrade from ${f.version}: needs its own confirmation`);
      servers.push({
        serverId: id,
        name: f.name,
        wave,
        fromVersion: f.version,
        serviceKind: f.service?.kind ?? null,
        steps: serverSteps(f.service, options.doctorLint),
        downgrade,
        rollback: rollbackNote(f.version, options.targetVersion, downgrade),
        blockers,
      });
    }
  });
  if (servers.some((s) => s.downgrade)) warnings.push('Includes a downgrade: OpenClaw may refuse to run an older version on state a newer one migrated.');
  if (servers.some((s) => s.serviceKind && s.serviceKind !== 'custom')) {
    warnings.push('Servers run by systemd/launchd are backed up while their gateway runs (openclaw update stops it itself); its SQLite files are copied live.');
  }
  let estimatedMs = 0;
  for (const [wave, ids] of waves.entries()) {
    const perServer = Math.max(0, ...servers.filter((s) => s.wave === wave).map((s) => s.steps.reduce((a, st) => a + estimates[st], 0)));
    estimatedMs += Math.ceil(ids.length / Math.max(1, options.concurrency)) * perServer + options.bakeMs;
  }
  const n = options.serverIds.length;
  return {
    options,
    waves: waves.map((serverIds, index) => ({ index, serverIds })),
    servers,
    estimatedMs,
    stepEstimatesMs: estimates,
    confirmation: `update ${n} server${n === 1 ? '' : 's'} to ${options.targetVersion}`,
    warnings,
  };
}
