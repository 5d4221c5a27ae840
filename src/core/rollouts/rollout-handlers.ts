// Contract handlers of the rollout methods. rollouts.start, rollouts.act and rollouts.service.set
// are the mutating ones (see the contract block).
import type { Handlers } from '../router';
import type { RolloutService } from './rollout-service';

export type RolloutMethods =
  | 'rollouts.targets'
  | 'rollouts.plan'
  | 'rollouts.start'
  | 'rollouts.list'
  | 'rollouts.get'
  | 'rollouts.act'
  | 'rollouts.service.get'
  | 'rollouts.service.set';

export function rolloutHandlers(service: RolloutService, actor: string): Pick<Handlers, RolloutMethods> {
  return {
    'rollouts.targets': ({ refresh }) => service.targets(refresh ?? false),
    'rollouts.plan': (input) => service.plan(input),
    'rollouts.start': ({ confirmation, confirmDowngrade, ...plan }) => service.start({ ...plan, confirmation, confirmDowngrade }, actor),
    'rollouts.list': ({ limit }) => service.list(limit),
    'rollouts.get': ({ id }) => service.detail(id),
    'rollouts.act': ({ id, action, serverId }) => service.act(id, action, serverId ?? null, actor),
    'rollouts.service.get': ({ serverId }) => service.serviceGet(serverId),
    'rollouts.service.set': ({ serverId, manager }) => service.serviceSet(serverId, manager),
  };
}
