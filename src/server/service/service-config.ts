// The ops service's config file (JSON5, so it can carry comments). Every key is optional; unknown keys
// are errors (a typo must not silently fall back to a default), and each error names its key.
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import JSON5 from 'json5';
import { z } from 'zod';
import { parseDuration } from './duration';

const human = (ms: number) => (ms % 86_400_000 === 0 && ms >= 86_400_000 ? `${ms / 86_400_000}d` : ms % 3_600_000 === 0 && ms >= 3_600_000 ? `${ms / 3_600_000}h` : `${ms / 1000}s`);
const absolutePath = z.string().min(1, 'required').refine(isAbsolute, 'an absolute path');
const duration = (min: number, max: number) =>
  z.string().transform((text, ctx) => {
    let ms: number;
    try {
      ms = parseDuration(text);
    } catch (err) {
      ctx.addIssue({ code: 'custom', message: (err as Error).message });
      return z.NEVER;
    }
    if (ms < min || ms > max) ctx.addIssue({ code: 'custom', message: `between ${human(min)} and ${human(max)}` });
    return ms;
  });
/** A name the service is reached by: a host, or host:port (a reverse proxy's public port). */
const publicName = z.string().regex(/^(\[[0-9a-fA-F:]+\]|[A-Za-z0-9.-]+)(:\d{1,5})?$/, 'a host name or host:port');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const serviceConfigSchema = z
  .object({
    /** Address to listen on. Anything but loopback needs `tls` (or --insecure-http). */
    bind: z.string().regex(/^[0-9A-Za-z.:-]+$/, 'an IP address or host name').default('127.0.0.1'),
    port: z.number({ error: 'a number' }).int('a whole number').min(0).max(65535, '0–65535').default(4870),
    /** Settings, history, Yardmaster's own known_hosts and (by default) the token file. */
    dataDir: absolutePath.optional(),
    /** OpenSSH known_hosts checked for every server's host key. */
    knownHosts: absolutePath.optional(),
    /** OpenSSH client config offered for import. */
    sshConfig: absolutePath.optional(),
    /** Hashed access tokens (default <dataDir>/tokens.json); managed with `yardmaster token`. */
    tokenFile: absolutePath.optional(),
    /** PEM certificate chain and private key; when set, the service speaks only HTTPS/WSS. */
    tls: z.object({ cert: absolutePath, key: absolutePath }).strict().optional(),
    /** Names browsers use to reach the service (Host and Origin are checked against them). */
    publicNames: z.array(publicName).max(20).default([]),
    /** The console's address as people open it; alerts sent elsewhere link to it. */
    publicUrl: z.url({ protocol: /^https?$/, error: 'an http(s) URL' }).optional(),
    pollInterval: duration(1000, HOUR).optional(),
    rpcInterval: duration(5000, HOUR).optional(),
    alertHoldDown: duration(0, HOUR).optional(),
    /**
     * How long history is kept: raw samples, 1-minute rollups, 1-hour rollups. Only longer than the
     * defaults (48h, 30d, 365d): charts choose their tier by those, and a shorter tier would show gaps.
     */
    retention: z
      .object({ raw: duration(2 * DAY, 30 * DAY).optional(), minuteRollups: duration(30 * DAY, 365 * DAY).optional(), hourRollups: duration(365 * DAY, 10 * 365 * DAY).optional() })
      .strict()
      .optional(),
    /** Every alert (raise, resolve) also goes to these Alertmanagers (v2 API). */
    alertmanager: z
      .object({
        urls: z.array(z.url({ protocol: /^https?$/, error: 'an http(s) URL' })).min(1, 'at least one URL').max(10),
        /** Firing alerts are sent again this often (Alertmanager expects it; well below its resolve_timeout). */
        resendInterval: duration(5000, HOUR).default(60_000),
      })
      .strict()
      .optional(),
  })
  .strict();

export type ServiceConfig = z.output<typeof serviceConfigSchema>;

export class ConfigError extends Error {}

/** Validates a parsed config; the message names every bad key, e.g. `tls.cert: an absolute path`. */
export function validateServiceConfig(raw: unknown, source: string): ServiceConfig {
  const result = serviceConfigSchema.safeParse(raw ?? {});
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const key = issue.path.join('.') || '(top level)';
    if (issue.code === 'unrecognized_keys') return `${issue.keys.map((k) => [...issue.path, k].join('.')).join(', ')}: unknown key`;
    return `${key}: ${issue.message}`;
  });
  throw new ConfigError(`${source}:\n  ${lines.join('\n  ')}`);
}

export function loadServiceConfig(path: string | null): ServiceConfig {
  if (!path) return validateServiceConfig({}, 'defaults');
  if (!existsSync(path)) throw new ConfigError(`${path}: no such config file`);
  let raw: unknown;
  try {
    raw = JSON5.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    throw new ConfigError(`${path}: not valid JSON5: ${(err as Error).message}`);
  }
  return validateServiceConfig(raw, path);
}
