// Console API handlers for session hygiene; create-core spreads them into the router.
import { AppError, type Handlers } from '../router';
import type { HygieneService } from './hygiene-service';
import type { HygieneStore } from './hygiene-store';
import { HygieneInputError } from './policy-validation';

type HygieneMethods =
  | 'hygiene.policies.list'
  | 'hygiene.policies.save'
  | 'hygiene.policies.remove'
  | 'hygiene.runs.list'
  | 'hygiene.runNow'
  | 'hygiene.approve'
  | 'hygiene.markers';

export interface HygieneHandlerDeps {
  service: HygieneService;
  store: HygieneStore;
  /** Who the audit log names as the starter/approver (the host: desktop or console). */
  author: string;
  changed: (runId: string | null) => void;
}

async function asInput<T>(work: () => T | Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    if (err instanceof HygieneInputError) throw new AppError('invalid-input', err.message, err.fields);
    throw err;
  }
}

export function hygieneHandlers(d: HygieneHandlerDeps): Pick<Handlers, HygieneMethods> {
  return {
    'hygiene.policies.list': () => d.service.listPolicies(),
    'hygiene.policies.save': ({ id, policy }) =>
      asInput(() => {
        const saved = d.service.savePolicy(policy, id);
        d.changed(null);
        return saved;
      }),
    'hygiene.policies.remove': ({ id }) => {
      if (!d.service.removePolicy(id)) throw new AppError('not-found', 'No such hygiene policy.');
      d.changed(null);
      return { removed: true as const };
    },
    'hygiene.runs.list': ({ limit }) => d.service.runs(limit ?? 50),
    'hygiene.runNow': (input) => asInput(() => d.service.runNow(input, d.author)),
    'hygiene.approve': ({ runId }) => asInput(() => d.service.approve(runId, d.author)),
    'hygiene.markers': ({ id, from, to }) => d.store.markers(id, from, to),
  };
}
