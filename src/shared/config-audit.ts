// Types of the memory/config audit (issue 6): a canonical, allowlisted projection of the OpenClaw
// config keys a fleet console compares, per-role baselines, and the drift rows between them.
// Plain JSON data: these cross IPC and the WebSocket like everything in src/shared.

/** A normalised config value: durations and sizes are numbers (ms, bytes), lists are sorted and joined. */
export type ConfigValue = string | number | boolean | null;

/**
 * Where a projected value came from:
 *  set       written in the server's config under the current key;
 *  inherited an agent's own value is unset and it takes agents.defaults.*;
 *  default   unset everywhere; the value is OpenClaw's documented default;
 *  legacy    read from a legacy key (agents.list, top-level memorySearch / heartbeat, session.idleMinutes):
 *            `openclaw doctor --fix` has not migrated this config yet.
 */
export type ValueOrigin = 'set' | 'inherited' | 'default' | 'legacy';

export interface ProjectedValue {
  value: ConfigValue;
  origin: ValueOrigin;
  /** The legacy key the value was read from (origin 'legacy'). */
  legacyKey?: string;
}

export interface ConfigProjection {
  /** Canonical key (e.g. "agents.defaults.compaction.mode") → value. Only allowlisted keys ever appear. */
  values: Record<string, ProjectedValue>;
  /** Legacy keys present in the config (migration pending), e.g. "agents.list", "memorySearch". */
  legacyKeys: string[];
  /** The saved config differs from the one the gateway runs (restart pending); null when not known. */
  restartPending: boolean | null;
  /** Values that could not be read as their documented type (shown, never fatal). */
  problems: string[];
}

/** Memory index health of one agent, from `openclaw memory status --json` (counts and flags only). */
export interface MemoryIndexAgent {
  agentId: string;
  /** Memory search switched off for this agent. */
  disabled: boolean;
  backend: string | null;
  provider: string | null;
  model: string | null;
  files: number | null;
  chunks: number | null;
  dirty: boolean | null;
  /** Sources (memory, sessions) whose index is dirty. */
  dirtySources: number;
  /** indexIdentity.status, e.g. "ok", "missing", "mismatch". */
  identityStatus: string | null;
  /** indexIdentity.code, e.g. "metadata_missing". */
  identityCode: string | null;
  vectorState: string | null;
}

export type ConfigReadState = 'ok' | 'not-read-yet' | 'unavailable';

export interface ConfigRead {
  state: ConfigReadState;
  via: 'websocket' | 'cli' | null;
  at: number | null;
  /** Why reading was not possible (state 'unavailable'), safe to show as text. */
  reason: string | null;
}

export type DriftState = 'match' | 'drift' | 'missing' | 'migration-pending';

export interface DriftRow {
  key: string;
  /** null when the baseline does not have this key. */
  baseline: ConfigValue | null;
  inBaseline: boolean;
  actual: ConfigValue | null;
  /** null when the server does not have this key. */
  actualOrigin: ValueOrigin | null;
  state: DriftState;
  /** Read from a legacy key: migration pending even when the value matches. */
  legacyKey: string | null;
}

export interface ServerConfigAudit {
  serverId: string;
  serverName: string;
  role: string;
  read: ConfigRead;
  projection: ConfigProjection | null;
  memory: { at: number; agents: MemoryIndexAgent[]; error: string | null } | null;
  /** Compared with the role's baseline; empty when the role has none or nothing was read. */
  rows: DriftRow[];
  hasBaseline: boolean;
}

export interface ConfigBaseline {
  role: string;
  values: Record<string, ConfigValue>;
  /** The server it was taken from, when set from a server (name kept for display after removal). */
  sourceServerId: string | null;
  sourceServerName: string | null;
  updatedAt: number;
}

/** A role without one in servers' settings is 'general' (as in the server form and fleet table). */
export const DEFAULT_ROLE = 'general';

/** Index problems worth a glance: dirty, or its identity metadata missing/mismatched (vector search paused). */
export function memoryIndexIssues(a: MemoryIndexAgent): string[] {
  if (a.disabled) return [];
  const issues: string[] = [];
  if (a.dirty) issues.push('dirty');
  if (a.identityStatus && a.identityStatus !== 'ok') issues.push(a.identityCode === 'metadata_missing' ? 'metadata missing' : `identity ${a.identityStatus}`);
  return issues;
}
