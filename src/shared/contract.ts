// The one console API. Electron IPC (preload) and the headless WebSocket carry exactly these methods
// and events; the receiving side (core router) validates every payload with the schemas below.
import { z } from 'zod';
import type { Alert, AppInfo, EmailView, Silence, WebhookView, SeriesPoint, ServerConfig, ServerSnapshot, ServerView, SshConfigHost, StatusTransition } from './domain';
import type { Result } from './result';
import type { ConfigBaseline, ServerConfigAudit } from './config-audit';
import type { ConnectionCheck, LocalOpenclaw } from './domain';
import { AGENT_METRICS, SESSION_METRICS, type AgentHealthRow, type CompactionMarker, type FillHeatmap, type FillTrend, type HealthSeries, type SessionHealthRow } from './session-health';

const hostname = z
  .string()
  .trim()
  .min(1, 'required')
  .max(253, 'too long')
  // A host name or an IP literal; rejects spaces, shell metacharacters and URLs pasted by mistake.
  .regex(/^[A-Za-z0-9.:_-]+$/, 'letters, digits, dots, colons, dashes only');
const port = z.number({ error: 'a number' }).int('a whole number').min(1, '1–65535').max(65535, '1–65535');

export const serverInputSchema = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'required')
    .max(120, 'at most 120 characters'),
  host: hostname,
  sshPort: port,
  sshUser: z
    .string()
    .trim()
    .min(1, 'required')
    .max(64, 'too long')
    .regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, dot, dash, underscore'),
  // May be empty with agent auth; the core checks the pair.
  privateKeyPath: z.string().trim().max(4096, 'too long'),
  sshAuth: z.enum(['key', 'agent']).optional(),
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

// ---- Config audit (issue 6): per-role baselines and drift. ----
const roleName = z.string().trim().min(1).max(40).regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits, dashes');
const configAuditInputs = {
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
const webhookUrl = z
  .string()
  .trim()
  .max(2048)
  .regex(/^https?:\/\/[^\s]+$/, 'an http(s) URL');

const emailAddress = z
  .string()
  .trim()
  .min(3)
  .max(254)
  // One bare address: no display names, lists or header syntax.
  .regex(/^[^\s<>@,;"]+@[^\s<>@,;"]+$/, 'one address, like ops@example.com');
/** Connection check and first-run detection (issue 5): a saved server by id, or typed values before saving. */
const fleetSetupInputs = {
  'servers.checkConnection': z.union([idInput.strict(), z.object({ server: serverInputSchema.strict() }).strict()]),
  'app.localOpenclaw': z.object({}).strict(),
} as const;

/** Input schemas, one per method. Keys are the method names. */
export const methodInputs = {
  ...fleetSetupInputs,
  'app.info': z.object({}).strict(),
  'servers.list': z.object({}).strict(),
  'servers.add': serverInputSchema.strict(),
  'servers.update': z.object({ id: z.string().min(1).max(64), patch: serverInputSchema.partial().strict() }).strict(),
  'servers.remove': idInput.strict(),
  'servers.probeNow': idInput.strict(),
  'servers.unlockKey': z.object({ id: z.string().min(1).max(64), passphrase: z.string().min(1).max(1024) }).strict(),
  'servers.setGatewayToken': z
    .object({ id: z.string().min(1).max(64), token: z.string().trim().min(8, 'at least 8 characters').max(512).regex(/^\S+$/, 'no spaces').nullable() })
    .strict(),
  'servers.trustHostKey': z.object({ id: z.string().min(1).max(64), fingerprint: z.string().regex(/^SHA256:[A-Za-z0-9+/]{43}$/) }).strict(),
  'servers.transitions': z
    .object({ id: z.string().min(1).max(64), limit: z.number().int().min(1).max(1000).optional() })
    .strict(),
  'alerts.list': z.object({ scope: z.enum(['active', 'recent']), limit: z.number().int().min(1).max(500).optional() }).strict(),
  'alerts.ack': z.object({ id: z.string().min(1).max(64) }).strict(),
  'webhooks.list': z.object({}).strict(),
  'webhooks.add': z
    .object({
      name: z.string().trim().min(1, 'required').max(80),
      kind: z.enum(['slack', 'discord', 'json']),
      minSeverity: z.enum(['critical', 'warning']),
      url: webhookUrl,
    })
    .strict(),
  'webhooks.setUrl': z.object({ id: z.string().min(1).max(64), url: webhookUrl }).strict(),
  'webhooks.remove': z.object({ id: z.string().min(1).max(64) }).strict(),
  'webhooks.test': z.object({ id: z.string().min(1).max(64) }).strict(),
  'polling.get': z.object({}).strict(),
  'polling.pause': z.object({ durationMs: z.number().int().min(60_000, 'at least a minute').max(24 * 3_600_000, 'at most a day') }).strict(),
  'polling.resume': z.object({}).strict(),
  'email.get': z.object({}).strict(),
  'email.configure': z
    .object({
      host: hostname,
      port,
      security: z.enum(['tls', 'starttls', 'none']),
      username: z.string().trim().max(256).nullable(),
      /** Omitted: keep the stored password. */
      password: z.string().max(1024).optional(),
      from: emailAddress,
      to: z.array(emailAddress).min(1, 'at least one recipient').max(20, 'at most 20 recipients'),
      minSeverity: z.enum(['critical', 'warning']),
    })
    .strict(),
  'email.remove': z.object({}).strict(),
  'email.test': z.object({}).strict(),
  'silences.list': z.object({}).strict(),
  'silences.create': z
    .object({
      matchers: z
        .object({ rule: z.string().max(64).optional(), serverId: z.string().max(64).optional(), agentId: z.string().max(128).optional() })
        .strict(),
      durationMs: z.number().int().min(60_000, 'at least a minute').max(7 * 24 * 3_600_000, 'at most a week'),
      comment: z.string().trim().max(500),
    })
    .strict(),
  'silences.expire': z.object({ id: z.string().min(1).max(64) }).strict(),
  'inventory.sshConfigHosts': z.object({ path: z.string().min(1).max(4096).optional() }).strict(),
  'servers.series': z
    .object({
      id: z.string().min(1).max(64),
      metric: z.enum(['up', 'probe_ms', 'rss_bytes', 'heap_used_bytes', 'event_loop_p99_ms', 'agents', 'sessions', 'max_context_fill', 'store_bytes']),
      from: z.number().int().nonnegative(),
      to: z.number().int().nonnegative(),
    })
    .strict()
    .refine((v) => v.to >= v.from, { message: 'to must not be before from', path: ['to'] }),
  ...configAuditInputs,
  // Session health (issue 6): per-session and per-agent series, the watched sessions, the fleet heat-map.
  'sessions.series': z
    .object({
      id: z.string().min(1).max(64),
      dimension: z.string().regex(/^(session|agent):[A-Za-z0-9._:@/-]{1,256}$/, 'session:<key> or agent:<id>'),
      metric: z.enum([...SESSION_METRICS, ...AGENT_METRICS]),
      from: z.number().int().nonnegative(),
      to: z.number().int().nonnegative(),
    })
    .strict()
    .refine((v) => v.to >= v.from, { message: 'to must not be before from', path: ['to'] }),
  'sessions.agentSeries': z
    .object({ id: z.string().min(1).max(64), metric: z.enum(AGENT_METRICS), from: z.number().int().nonnegative(), to: z.number().int().nonnegative() })
    .strict()
    .refine((v) => v.to >= v.from, { message: 'to must not be before from', path: ['to'] }),
  'sessions.top': z.object({ id: z.string().min(1).max(64).optional(), limit: z.number().int().min(1).max(500).optional() }).strict(),
  'sessions.agents': z.object({ id: z.string().min(1).max(64).optional() }).strict(),
  'fleet.fillHeatmap': z
    .object({ from: z.number().int().nonnegative(), to: z.number().int().nonnegative() })
    .strict()
    .refine((v) => v.to >= v.from && v.to - v.from <= 31 * 24 * 3_600_000, { message: 'at most 31 days, to after from', path: ['to'] }),
} as const;

/** Whether the collector is polling; a pause always has an end, so nobody forgets to resume. */
export interface PollingState {
  pausedUntil: number | null;
}

/** Output types, one per method. */
export interface MethodOutputs {
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
  'alerts.list': Alert[];
  'alerts.ack': Alert;
  'webhooks.list': WebhookView[];
  'webhooks.add': WebhookView;
  'webhooks.setUrl': WebhookView;
  'webhooks.remove': { removed: true };
  'webhooks.test': { ok: boolean; attempts: number; status: number | null; error: string | null };
  'polling.get': PollingState;
  'polling.pause': PollingState;
  'polling.resume': PollingState;
  'email.get': EmailView | null;
  'email.configure': EmailView;
  'email.remove': { removed: true };
  'email.test': { ok: boolean; attempts: number; status: number | null; error: string | null };
  'silences.list': Silence[];
  'silences.create': Silence;
  'silences.expire': { expired: true };
  'servers.checkConnection': ConnectionCheck;
  'app.localOpenclaw': LocalOpenclaw;
  'sessions.series': HealthSeries & { compactions: CompactionMarker[]; trend: FillTrend | null };
  'sessions.agentSeries': { resolutionMs: number; series: Array<{ agentId: string; points: SeriesPoint[] }> };
  'sessions.top': SessionHealthRow[];
  'sessions.agents': AgentHealthRow[];
  'fleet.fillHeatmap': FillHeatmap;
}

export type MethodName = keyof typeof methodInputs;
export type MethodInput<M extends MethodName> = z.input<(typeof methodInputs)[M]>;
export type MethodOutput<M extends MethodName> = MethodOutputs[M];

export const isMethodName = (name: unknown): name is MethodName =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(methodInputs, name);

/** Events pushed from core to every window. */
export interface EventPayloads {
  /** A server's snapshot changed (after a probe, or the server was added). */
  'server.snapshot': ServerSnapshot;
  /** The inventory changed (added, removed, edited). */
  'servers.changed': { ids: string[] };
  /** An alert was raised, changed (acked, muted) or resolved. */
  'alert.changed': Alert;
  /** Silences were created or ended. */
  'silences.changed': { ids: string[] };
  /** Webhooks were added, removed, or delivered something. */
  'webhooks.changed': Record<string, never>;
  /** The desktop shell asks the window to show this alert (its OS notification was clicked). */
  'ui.focusAlert': { alertId: string };
  /** Polling was paused (until a time) or resumed. */
  'polling.changed': PollingState;
  /** The email channel was set up, changed, removed, or delivered something. */
  'email.changed': Record<string, never>;
  /** Someone should be told about this alert now (raised, escalated, or a repeat). */
  'alert.notify': { alert: Alert; level: number; targets: string[]; reason: 'raised' | 'escalated' | 'repeat' };
}
export type EventTopic = keyof EventPayloads;

/** What the renderer talks to; provided by the preload (Electron) or a WebSocket client (browser). */
export interface Bridge {
  invoke(method: string, payload: unknown): Promise<Result<unknown>>;
  subscribe(topic: string, listener: (data: unknown) => void): () => void;
}

/** Frames on the headless WebSocket. */
export type ClientFrame = { type: 'invoke'; id: number; method: string; payload: unknown };
export type ServerFrame =
  | { type: 'result'; id: number; result: Result<unknown> }
  | { type: 'event'; topic: EventTopic; data: unknown };

/** WebSocket sub-protocol names. The token rides in a second sub-protocol because browsers cannot set headers. */
export const WS_PROTOCOL = 'yardmaster.v1';
export const WS_TOKEN_PREFIX = 'yardmaster.token.';
/** Largest frame either side accepts. */
export const WS_MAX_PAYLOAD_BYTES = 1024 * 1024;
/** IPC channel names (Electron). */
export const IPC_INVOKE = 'yardmaster:invoke';
export const IPC_EVENT = 'yardmaster:event';

// Config audit (issue 6), merged into the interfaces above.
export interface MethodOutputs {
  'config.audit': ServerConfigAudit[];
  'config.refresh': ServerConfigAudit[];
  'config.baselines.list': ConfigBaseline[];
  'config.baselines.setFromServer': ConfigBaseline;
  'config.baselines.update': ConfigBaseline;
  'config.baselines.remove': { removed: true };
}
export interface EventPayloads {
  /** Config projections, memory index health or baselines changed for these servers. */
  'config.audit.changed': { serverIds: string[] };
}
