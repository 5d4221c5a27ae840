// Session hygiene (issue 18): policies, dry runs, approved runs and their chart markers. Mutating
// methods are marked; the service engineer assigns roles.
// Spread into the contract's methodInputs / MethodOutputs / EventPayloads.
import { z } from 'zod';
import { HYGIENE_ACTIONS, hygienePolicyInputSchema, type HygieneMarker, type HygienePolicyView, type HygieneRun } from './hygiene';

const serverIdField = z.string().min(1).max(64);
export const hygieneInputs = {
  'hygiene.policies.list': z.object({}).strict(),
  /** Changes console settings only (no server). Without id: a new policy. */
  'hygiene.policies.save': z.object({ id: serverIdField.optional(), policy: hygienePolicyInputSchema }).strict(),
  'hygiene.policies.remove': z.object({ id: serverIdField }).strict(),
  'hygiene.runs.list': z.object({ limit: z.number().int().min(1).max(500).optional() }).strict(),
  /** Dry run only (reads the server); the real run needs hygiene.approve. A policy, or one server / a role with actions. */
  'hygiene.runNow': z.union([
    z.object({ policyId: serverIdField }).strict(),
    z
      .object({
        serverId: serverIdField.optional(),
        role: z.string().trim().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'lower-case letters, digits, dashes').optional(),
        actions: z.array(z.enum(HYGIENE_ACTIONS)).min(1, 'pick at least one action').max(HYGIENE_ACTIONS.length),
        compactFill: z.number().min(0.5).max(1).optional(),
        resetAgents: z.array(z.string().regex(/^[A-Za-z0-9._-]{1,128}$/)).max(50).optional(),
      })
      .strict(),
  ]),
  /** MUTATING: runs the approved run's actions on its servers (sessions pruned, compacted, reset, reindexed). */
  'hygiene.approve': z.object({ runId: serverIdField }).strict(),
  /** Finished hygiene runs on one server, for the Sessions charts. */
  'hygiene.markers': z
    .object({ id: serverIdField, from: z.number().int().nonnegative(), to: z.number().int().nonnegative() })
    .strict()
    .refine((v) => v.to >= v.from, { message: 'to must not be before from', path: ['to'] }),
} as const;

export interface HygieneOutputs {
  'hygiene.policies.list': HygienePolicyView[];
  'hygiene.policies.save': HygienePolicyView;
  'hygiene.policies.remove': { removed: true };
  'hygiene.runs.list': HygieneRun[];
  'hygiene.runNow': HygieneRun;
  'hygiene.approve': HygieneRun;
  'hygiene.markers': HygieneMarker[];
}

export interface HygieneEvents {
  /** A hygiene run or policy changed. */
  'hygiene.changed': { runId: string | null };
}
