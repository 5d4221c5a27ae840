// The allowlist of OpenClaw config keys the audit projects, with each key's type and the default
// OpenClaw documents (2026.9.x docs: gateway/config-agents/*, reference/memory-config, gateway/config-runtime).
// A documented default lets "unset" and "set to the default" compare equal; `null` means "unset, no
// single documented value" (e.g. the embedding model defaults per provider).
// Nothing outside this table is ever kept: no tokens, keys, prompts, paths or channel targets.
import type { ConfigValue } from './config-audit';
import { normalise, type ValueKind } from './config-values';

export interface KeySpec {
  /** Path below the block it lives in (e.g. "every" below a heartbeat block). */
  path: string;
  kind: ValueKind;
  default: ConfigValue;
}

export interface GlobalKey extends KeySpec {
  /** Legacy locations read when the current key is unset (doctor --fix moves them). */
  legacy?: string[];
}

const key = (path: string, kind: ValueKind, dflt: ConfigValue, legacy?: string[]): GlobalKey => ({ path, kind, default: dflt, ...(legacy ? { legacy } : {}) });

/** Fields of a heartbeat block (defaults, per agent, legacy top-level). prompt/to/accountId/session are content or targets: left out. */
export const HEARTBEAT_FIELDS: KeySpec[] = [
  { path: 'every', kind: 'duration', default: 30 * 60_000 }, // 30m with API-key auth (1h with OAuth)
  { path: 'target', kind: 'text', default: 'owner' },
  { path: 'directPolicy', kind: 'text', default: 'allow' },
  { path: 'activeHours.start', kind: 'clock', default: null },
  { path: 'activeHours.end', kind: 'clock', default: null },
  { path: 'activeHours.timezone', kind: 'text', default: null },
  { path: 'model', kind: 'text', default: null },
  { path: 'timeoutSeconds', kind: 'int', default: null },
  { path: 'lightContext', kind: 'bool', default: false },
  { path: 'isolatedSession', kind: 'bool', default: false },
];

/** Per-agent memory search overrides (inherit memory.search when unset). */
export const AGENT_MEMORY_FIELDS: KeySpec[] = [
  { path: 'provider', kind: 'text', default: 'openai' },
  { path: 'model', kind: 'text', default: null },
];

export const GLOBAL_KEYS: GlobalKey[] = [
  key('memory.search.enabled', 'bool', true, ['agents.defaults.memorySearch.enabled', 'memorySearch.enabled']),
  key('memory.search.provider', 'text', 'openai', ['agents.defaults.memorySearch.provider', 'memorySearch.provider']),
  key('memory.search.model', 'text', null, ['agents.defaults.memorySearch.model', 'memorySearch.model']),
  key('memory.search.fallback', 'text', 'none', ['agents.defaults.memorySearch.fallback', 'memorySearch.fallback']),
  key('memory.search.sources', 'list', 'memory,sessions', ['agents.defaults.memorySearch.sources', 'memorySearch.sources']),
  key('session.reset.mode', 'text', 'none'),
  key('session.reset.atHour', 'int', 4),
  key('session.reset.idleMinutes', 'int', null, ['session.idleMinutes']),
  key('session.maintenance.mode', 'text', 'enforce'),
  key('session.maintenance.pruneAfter', 'duration', 30 * 86_400_000),
  key('session.maintenance.archiveDashboardAfter', 'duration-or-off', 7 * 86_400_000),
  key('session.maintenance.maxEntries', 'int', 5000),
  key('session.maintenance.maxDiskBytes', 'bytes-or-off', 10 * 1024 ** 3),
  key('session.maintenance.highWaterBytes', 'bytes-or-percent', '80%'),
  key('session.maintenance.coldStorage.enabled', 'bool', false),
  key('session.maintenance.coldStorage.afterDays', 'int', 30),
  key('agents.defaults.compaction.enabled', 'bool', true),
  // The schema: "safeguard (the effective default when unset)".
  key('agents.defaults.compaction.mode', 'text', 'safeguard'),
  key('agents.defaults.compaction.provider', 'text', null),
  key('agents.defaults.compaction.model', 'text', null),
  key('agents.defaults.compaction.timeoutSeconds', 'int', 180),
  key('agents.defaults.compaction.keepRecentTokens', 'int', 20000),
  key('agents.defaults.compaction.recentTurnsPreserve', 'int', 3),
  key('agents.defaults.compaction.postIndexSync', 'text', 'async'),
  key('agents.defaults.compaction.notifyUser', 'bool', false),
  key('agents.defaults.contextPruning.mode', 'text', 'off'),
  key('agents.defaults.contextPruning.ttl', 'duration-minutes', 5 * 60_000),
  key('update.channel', 'text', 'stable'),
  key('update.auto.enabled', 'bool', false),
  key('update.checkOnStart', 'bool', true),
  ...HEARTBEAT_FIELDS.map((f) => key(`agents.defaults.heartbeat.${f.path}`, f.kind, f.default, [`heartbeat.${f.path}`])),
];

/** Agent ids as OpenClaw allows them (and nothing that could pass as a path or markup). */
export const AGENT_ID = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,63}$/;

/** The spec of any projected key, including per-agent ones ("agents.entries.<id>.heartbeat.every"). */
export function specForKey(k: string): KeySpec | null {
  const global = GLOBAL_KEYS.find((g) => g.path === k);
  if (global) return global;
  const m = /^agents\.entries\.([^.]+)\.(heartbeat|memory\.search)\.(.+)$/.exec(k);
  if (!m || !AGENT_ID.test(m[1]!)) return null;
  if (m[3] === 'enabled' && m[2] === 'heartbeat') return { path: 'enabled', kind: 'bool', default: true };
  return (m[2] === 'heartbeat' ? HEARTBEAT_FIELDS : AGENT_MEMORY_FIELDS).find((f) => f.path === m[3]) ?? null;
}

/**
 * A baseline value as a person types it ("30m", "10gb", "true", "unset") → the canonical value, or an
 * error to show beside the field. Bare numbers mean what OpenClaw reads them as (ms, minutes for the
 * pruning ttl, bytes). Numbers and booleans given as such are taken as already canonical.
 */
export function parseValueText(k: string, input: unknown): { ok: true; value: ConfigValue } | { ok: false; error: string } {
  const spec = specForKey(k);
  if (!spec) return { ok: false, error: 'not an audited key' };
  if (input === null) return { ok: true, value: null };
  if (typeof input === 'number') return Number.isFinite(input) && input >= 0 && input <= 1e15 && spec.kind !== 'text' && spec.kind !== 'bool' && spec.kind !== 'list' && spec.kind !== 'clock' ? { ok: true, value: Math.round(input) } : { ok: false, error: `not a ${spec.kind} value` };
  if (typeof input === 'boolean') return spec.kind === 'bool' ? { ok: true, value: input } : { ok: false, error: `not a ${spec.kind} value` };
  if (typeof input !== 'string') return { ok: false, error: 'unsupported value' };
  const text = input.trim();
  if (text === 'unset' || text === '') return { ok: true, value: null };
  let raw: unknown = text;
  if (spec.kind === 'bool') raw = text === 'true' ? true : text === 'false' ? false : text;
  else if (spec.kind === 'int') raw = /^\d+$/.test(text) ? Number(text) : text;
  else if (spec.kind === 'list') raw = text.split(',').map((s) => s.trim()).filter(Boolean);
  else if (text === 'off' && (spec.kind === 'duration-or-off' || spec.kind === 'bytes-or-off')) raw = false;
  const n = normalise(spec.kind, raw);
  return n.ok ? { ok: true, value: n.value } : { ok: false, error: `not a ${spec.kind} value` };
}
