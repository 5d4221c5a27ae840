// Input schemas of the rollout methods (issue 13), spread into the contract's methodInputs.
import { z } from 'zod';
import { VERSION_RE } from './rollout';

const id = z.string().min(1).max(64);
const version = z.string().trim().regex(VERSION_RE, 'a version like 2026.9.6');

const planFields = {
  targetVersion: version,
  /** In order: the first one is the canary. */
  serverIds: z.array(id).min(1, 'pick at least one server').max(1000),
  waves: z
    .array(z.number().int().min(1).max(100))
    .min(1)
    .max(10)
    .refine((w) => w.every((p, i) => i === 0 || p > w[i - 1]!) && w.at(-1) === 100, 'rising percentages ending at 100')
    .optional(),
  bakeMinutes: z.number().min(0).max(24 * 60, 'at most a day').optional(),
  maxFailuresPerWave: z.number().int().min(0).max(1000).optional(),
  concurrency: z.number().int().min(1).max(50).optional(),
  doctorLint: z.boolean().optional(),
  backupRetention: z.number().int().min(1).max(20).optional(),
  allowDowngrade: z.boolean().optional(),
};

const command = z.string().trim().min(1, 'required').max(500, 'too long');
export const serviceManagerSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('systemd-user'), unit: z.string().trim().min(1).max(200) }).strict(),
  z.object({ kind: z.literal('systemd-system'), unit: z.string().trim().min(1).max(200) }).strict(),
  z.object({ kind: z.literal('launchd'), label: z.string().trim().min(1).max(200) }).strict(),
  z.object({ kind: z.literal('custom'), start: command, stop: command, status: command }).strict(),
]);

export const rolloutInputs = {
  /** Read: the versions on offer and each server's version, install kind and service manager. */
  'rollouts.targets': z.object({ refresh: z.boolean().optional() }).strict(),
  /** Read: the plan for these choices (nothing is started). */
  'rollouts.plan': z.object(planFields).strict(),
  /** MUTATING: starts a rollout; `confirmation` must be the plan's confirmation text, typed. */
  'rollouts.start': z.object({ ...planFields, confirmation: z.string().max(200), confirmDowngrade: z.boolean().optional() }).strict(),
  'rollouts.list': z.object({ limit: z.number().int().min(1).max(500).optional() }).strict(),
  'rollouts.get': z.object({ id }).strict(),
  /** MUTATING: pause, resume, abort, promote, retry / skip / rollback a server. */
  'rollouts.act': z
    .object({ id, action: z.enum(['pause', 'resume', 'abort', 'promote', 'retry', 'skip', 'rollback']), serverId: id.optional() })
    .strict(),
  'rollouts.service.get': z.object({ serverId: id }).strict(),
  /** MUTATING (console config): how a server's gateway is run; null forgets it. */
  'rollouts.service.set': z.object({ serverId: id, manager: serviceManagerSchema.nullable() }).strict(),
} as const;
