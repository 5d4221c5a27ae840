// The persisted settings document. Validated on every read, because the file can be edited by hand
// or written by an older/newer Yardmaster.
import { z } from 'zod';
import { serverInputSchema } from '../../shared/contract';

export const serverConfigSchema = serverInputSchema.extend({
  id: z.string().min(1).max(64),
  enabled: z.boolean(),
  createdAt: z.number().int().nonnegative(),
});

export const webhookConfigSchema = z.object({
  id: z.string().min(1).max(64),
  name: z.string().trim().min(1).max(80),
  kind: z.enum(['slack', 'discord', 'json']),
  minSeverity: z.enum(['critical', 'warning']),
});

/** Where alert email goes. The SMTP password is a secret and lives in the secret store. */
export const emailConfigSchema = z.object({
  host: z.string().trim().min(1).max(253).regex(/^[A-Za-z0-9.:_-]+$/, 'a host name or IP address'),
  port: z.number().int().min(1).max(65535),
  /** tls: implicit TLS (465); starttls: upgrade required (587); none: plain, for a relay on this machine only. */
  security: z.enum(['tls', 'starttls', 'none']),
  username: z.string().trim().max(256).nullable(),
  from: z.string().trim().min(3).max(254).regex(/^[^\s<>@,;]+@[^\s<>@,;]+$/, 'one address, like ops@example.com'),
  to: z.array(z.string().trim().min(3).max(254).regex(/^[^\s<>@,;]+@[^\s<>@,;]+$/, 'addresses like ops@example.com')).min(1).max(20),
  minSeverity: z.enum(['critical', 'warning']),
});

export const settingsSchema = z.object({
  schemaVersion: z.literal(1),
  servers: z.array(z.unknown()),
  /** How often each server is probed (tier 0/1 default from ops practice: 15 s). */
  pollIntervalMs: z.number().int().min(500).max(3_600_000),
  /** OpenSSH known_hosts file used to verify host keys; null means ~/.ssh/known_hosts. */
  knownHostsPath: z.string().min(1).nullable(),
  /** Webhook channels; their URLs are secrets and live in the secret store, not here. */
  webhooks: z.array(webhookConfigSchema).optional(),
  /** Alert email (one SMTP relay, several recipients); absent until the operator sets it up. */
  email: emailConfigSchema.nullable().optional(),
  /** Config audit baselines per role; entries are checked one by one (configBaselineSchema). */
  configBaselines: z.record(z.string(), z.unknown()).optional(),
  /** Settings-view tunables; each field is checked on read and falls back to its default (console-tunables.ts). */
  tunables: z.record(z.string(), z.unknown()).optional(),
});

/** One role's config baseline: canonical key → normalised value (see shared/config-keys.ts). */
export const configBaselineSchema = z.object({
  role: z.string().min(1).max(40).regex(/^[a-z0-9][a-z0-9-]*$/),
  values: z.record(z.string().max(200), z.union([z.string().max(200), z.number().finite(), z.boolean(), z.null()])),
  sourceServerId: z.string().max(64).nullable(),
  sourceServerName: z.string().max(120).nullable(),
  updatedAt: z.number().int().nonnegative(),
});

export type SettingsDocument = z.infer<typeof settingsSchema>;

export const defaultSettings = (): SettingsDocument => ({
  schemaVersion: 1,
  servers: [],
  pollIntervalMs: 15_000,
  knownHostsPath: null,
});
