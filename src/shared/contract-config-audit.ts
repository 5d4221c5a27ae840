// Config audit (issue 6): per-role baselines and each server's drift from its role's baseline.
// Spread into the contract's methodInputs / MethodOutputs / EventPayloads.
import { z } from 'zod';
import type { ConfigBaseline, ServerConfigAudit } from './config-audit';

const roleName = z.string().trim().min(1).max(40).regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits, dashes');
export const configAuditInputs = {
  'config.audit': z.object({}).strict(),
  /** Re-reads the config of these servers (all when omitted) now, and answers when done. */
  'config.refresh': z.object({ ids: z.array(z.string().min(1).max(64)).max(500).optional() }).strict(),
  'config.baselines.list': z.object({}).strict(),
  'config.baselines.setFromServer': z.object({ role: roleName, serverId: z.string().min(1).max(64) }).strict(),
  /** values: canonical key → typed text ("30m", "true", "unset") or a canonical value; remove: keys to drop. */
  'config.baselines.update': z
    .object({
      role: roleName,
      values: z.record(z.string().max(200), z.union([z.string().max(200), z.number(), z.boolean(), z.null()])).refine((v) => Object.keys(v).length <= 2000, 'too many keys'),
      remove: z.array(z.string().max(200)).max(2000).optional(),
    })
    .strict(),
  'config.baselines.remove': z.object({ role: roleName }).strict(),
} as const;

export interface ConfigAuditOutputs {
  'config.audit': ServerConfigAudit[];
  'config.refresh': ServerConfigAudit[];
  'config.baselines.list': ConfigBaseline[];
  'config.baselines.setFromServer': ConfigBaseline;
  'config.baselines.update': ConfigBaseline;
  'config.baselines.remove': { removed: true };
}

export interface ConfigAuditEvents {
  /** Config projections, memory index health or baselines changed for these servers. */
  'config.audit.changed': { serverIds: string[] };
}
