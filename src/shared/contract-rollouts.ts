// Staged rollouts (issue 13). MUTATING methods: rollouts.start, rollouts.act, rollouts.service.set
// change servers or how they are run; the service engineer's roles must give them their own permission.
// The rest only read. Inputs in rollout-inputs.ts; outputs and events here.
// Spread into the contract's methodInputs / MethodOutputs / EventPayloads.
import type { RolloutDetail, RolloutPlan, RolloutSummary, RolloutTargets, ServiceManager } from './rollout';

export { rolloutInputs } from './rollout-inputs';

export interface RolloutOutputs {
  'rollouts.targets': RolloutTargets;
  'rollouts.plan': RolloutPlan;
  'rollouts.start': RolloutDetail;
  'rollouts.list': RolloutSummary[];
  'rollouts.get': RolloutDetail;
  'rollouts.act': RolloutDetail;
  'rollouts.service.get': { serverId: string; manager: ServiceManager | null };
  'rollouts.service.set': { serverId: string; manager: ServiceManager | null };
}

export interface RolloutEvents {
  /** A rollout moved (a step began or ended, a state changed, an operator acted). */
  'rollout.changed': { id: string };
}
