// Access roles (issue 15): who is calling, so the window can say it is read-only. Who may call
// what: ./method-access.ts. Spread into the contract's methodInputs / MethodOutputs.
import { z } from 'zod';
import type { Role } from './method-access';

export const accessInputs = {
  'access.whoami': z.object({}).strict(),
} as const;

export interface AccessOutputs {
  'access.whoami': { role: Role };
}
