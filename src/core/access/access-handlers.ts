// Contract handlers about the caller itself (issue 15): the window asks which role its token has,
// so a viewer's window can say it is read-only before anyone clicks a refused button.
import type { Handlers } from '../router';

export function accessHandlers(): Pick<Handlers, 'access.whoami'> {
  return {
    'access.whoami': (_input, caller) => ({ role: caller.role }),
  };
}
