// Servers and the console itself: the inventory (add, edit, remove, probe, keys, tokens, host keys),
// status history and metric series, import from ~/.ssh/config, fleet setup (connection check, local
// OpenClaw, issue 5), the full snapshot on demand and the console's own health (issue 11).
// Spread into the contract's methodInputs / MethodOutputs / EventPayloads.
import { z } from 'zod';
import type { AppInfo, ConnectionCheck, LocalOpenclaw, SeriesPoint, ServerConfig, ServerSnapshot, ServerView, SshConfigHost, StatusTransition } from './domain';
import { hostname, port } from './contract-fields';
import type { ServerRowSnapshot } from './snapshot-summary';

const sshUser = z
  .string()
  .trim()
  .min(1, 'required')
  .max(64, 'too long')
  .regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, dot, dash, underscore');

/** One jump host (ProxyJump); chains of jump hosts are not supported. */
export const jumpHostSchema = z
  .object({
    host: hostname,
    port,
    user: sshUser,
    // May be empty with agent auth; the core checks the pair.
    privateKeyPath: z.string().trim().max(4096, 'too long'),
    sshAuth: z.enum(['key', 'agent']).optional(),
  })
  .strict();

export const serverInputSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'required')
    .max(120, 'at most 120 characters'),
  host: hostname,
  sshPort: port,
  sshUser,
  // May be empty with agent auth; the core checks the pair.
  privateKeyPath: z.string().trim().max(4096, 'too long'),
  sshAuth: z.enum(['key', 'agent']).optional(),
  // null removes it (servers.update); absent leaves it as it is.
  jumpHost: jumpHostSchema.nullable().optional(),
  gatewayPort: port,
  gatewayAccess: z.enum(['auto', 'cli']).optional(),
  role: z
    .string()
    .trim()
    .min(1, 'required')
    .max(40, 'at most 40 characters')
    .regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits, dashes')
    .optional(),
  tags: z
    .array(z.string().trim().regex(/^[A-Za-z0-9._-]{1,40}$/, 'tags: letters, digits, . _ - (max 40)'))
    .max(20, 'at most 20 tags')
    .optional(),
  maintenance: z.boolean().optional(),
  openclawPath: z
    .string()
    .trim()
    .max(1024, 'too long')
    // An absolute path only: it is run on the server, so no shell syntax may ride in on it.
    .regex(/^\/[A-Za-z0-9._+/-]*$/, 'an absolute path (letters, digits, . _ + - /)')
    .optional(),
  openclawProfile: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, _ -')
    .optional(),
  openclawStateDir: z
    .string()
    .trim()
    .max(1024, 'too long')
    .regex(/^\/[A-Za-z0-9._+/-]*$/, 'an absolute path (letters, digits, . _ + - /)')
    .optional(),
  enabled: z.boolean().optional(),
});

const idInput = z.object({ id: z.string().min(1).max(64) });

export const serverInputs = {
  'app.info': z.object({}).strict(),
  'servers.list': z.object({}).strict(),
  'servers.add': serverInputSchema.strict(),
  'servers.update': z.object({ id: z.string().min(1).max(64), patch: serverInputSchema.partial().strict() }).strict(),
  'servers.remove': idInput.strict(),
  'servers.probeNow': idInput.strict(),
  /** remember: keep it encrypted by the OS on this computer (desktop); by default it is kept in memory only. */
  'servers.unlockKey': z.object({ id: z.string().min(1).max(64), passphrase: z.string().min(1).max(1024), remember: z.boolean().optional() }).strict(),
  'servers.setGatewayToken': z
    .object({ id: z.string().min(1).max(64), token: z.string().trim().min(8, 'at least 8 characters').max(512).regex(/^\S+$/, 'no spaces').nullable(), remember: z.boolean().optional() })
    .strict(),
  'servers.trustHostKey': z.object({ id: z.string().min(1).max(64), fingerprint: z.string().regex(/^SHA256:[A-Za-z0-9+/]{43}$/) }).strict(),
  'servers.transitions': z
    .object({ id: z.string().min(1).max(64), limit: z.number().int().min(1).max(1000).optional() })
    .strict(),
  // No path: the console reads its own configured ~/.ssh/config only (a path would tell which files exist).
  'inventory.sshConfigHosts': z.object({}).strict(),
  'servers.series': z
    .object({
      id: z.string().min(1).max(64),
      metric: z.enum(['up', 'probe_ms', 'rss_bytes', 'heap_used_bytes', 'event_loop_p99_ms', 'agents', 'sessions', 'max_context_fill', 'store_bytes']),
      from: z.number().int().nonnegative(),
      to: z.number().int().nonnegative(),
    })
    .strict()
    .refine((v) => v.to >= v.from, { message: 'to must not be before from', path: ['to'] }),
  // Connection check and first-run detection (issue 5): a saved server by id, or typed values before saving.
  'servers.checkConnection': z.union([idInput.strict(), z.object({ server: serverInputSchema.strict() }).strict()]),
  'app.localOpenclaw': z.object({}).strict(),
  /** The whole snapshot of one server (sessions, heartbeat jobs, stores); pushed events carry only the row. */
  'servers.detail': idInput.strict(),
  /** Per step of the snapshot pipeline: how often it worked and failed, and the last failure. */
  'console.health': z.object({}).strict(),
} as const;

/** One step of the snapshot pipeline (record, session health, alerts, broadcast). */
export interface PipelineStepHealth {
  step: string;
  ok: number;
  errors: number;
  /** The class of the last error (e.g. "SqliteError"); its message is in the console's log. */
  lastErrorKind: string | null;
  lastErrorAt: number | null;
}
export interface ConsoleHealth {
  startedAt: number;
  steps: PipelineStepHealth[];
  /** Window listeners that threw (a broken window connection). */
  eventListenerFailures: number;
}

export interface ServerOutputs {
  'app.info': AppInfo;
  'servers.list': ServerView[];
  'servers.add': ServerConfig;
  'servers.update': ServerConfig;
  'servers.remove': { removed: true };
  'servers.probeNow': ServerSnapshot;
  'servers.trustHostKey': ServerSnapshot;
  'servers.setGatewayToken': ServerSnapshot;
  'servers.unlockKey': ServerSnapshot;
  'servers.transitions': StatusTransition[];
  'servers.series': { resolutionMs: number; points: SeriesPoint[] };
  'inventory.sshConfigHosts': SshConfigHost[];
  'servers.checkConnection': ConnectionCheck;
  'app.localOpenclaw': LocalOpenclaw;
  'servers.detail': ServerSnapshot | null;
  'console.health': ConsoleHealth;
}

export interface ServerEvents {
  /** A server's snapshot changed (after a probe): the row only (no sessions, heartbeats, stores; see servers.detail). */
  'server.snapshot': ServerRowSnapshot;
  /** The inventory changed (added, removed, edited). */
  'servers.changed': { ids: string[] };
}
