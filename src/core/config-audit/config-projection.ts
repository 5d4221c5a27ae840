// The canonical projection of a server's OpenClaw config: only the allowlisted keys in
// shared/config-keys.ts, normalised, each with where its value came from (set, inherited from
// agents.defaults, OpenClaw's default, or a legacy key awaiting `doctor --fix`). Pure; the config.get
// payload (which also holds the raw file, prompts and redacted secrets) is dropped right after this.
import type { ConfigProjection, ConfigValue, ProjectedValue } from '../../shared/config-audit';
import { AGENT_ID, AGENT_MEMORY_FIELDS, GLOBAL_KEYS, HEARTBEAT_FIELDS, type KeySpec } from '../../shared/config-keys';
import { normalise } from '../../shared/config-values';

export interface ConfigSources {
  /** What the operator wrote ($include resolved): config.get `resolved`, or the CLI's `config get` values. */
  authored: unknown;
  /** With OpenClaw's runtime defaults merged (config.get `config`); its extra values count as defaults. */
  effective?: unknown;
  /** config.get `legacyIssues` (OpenClaw's own list of keys doctor would migrate). */
  legacyIssues?: unknown;
  configRevisionHash?: unknown;
  appliedConfigHash?: unknown;
}

const MAX_AGENTS = 100;
const KEY_PATH = /^[A-Za-z0-9_.[\]*-]{1,120}$/;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Own properties only, through plain objects only: a hostile "__proto__" or array index leads nowhere. */
function at(root: unknown, path: string): unknown {
  let node = root;
  for (const part of path.split('.')) {
    if (!isObj(node) || !Object.hasOwn(node, part)) return undefined;
    node = node[part];
  }
  return node;
}

/** Picks config.get's parts: the authored config, the effective one, and the revision hashes. */
export function projectConfigGet(payload: unknown): ConfigProjection {
  const p = isObj(payload) ? payload : {};
  return projectConfig({
    authored: p.resolved ?? p.sourceConfig ?? p.parsed,
    effective: p.config ?? p.runtimeConfig,
    legacyIssues: p.legacyIssues,
    configRevisionHash: p.configRevisionHash,
    appliedConfigHash: p.appliedConfigHash,
  });
}

export function projectConfig(src: ConfigSources): ConfigProjection {
  const authored = isObj(src.authored) ? src.authored : {};
  const effective = isObj(src.effective) ? src.effective : {};
  const values: Record<string, ProjectedValue> = {};
  const problems: string[] = [];

  const read = (key: string, spec: KeySpec, raw: unknown): ConfigValue => {
    // OpenClaw resolved the legacy "auto" provider to openai.
    if (spec.path.endsWith('provider') && raw === 'auto') return 'openai';
    const n = normalise(spec.kind, raw);
    if (n.ok) return n.value;
    problems.push(`${key}: not a valid ${spec.kind} value`);
    return null;
  };
  const first = (root: Obj, paths: string[]): { path: string; raw: unknown } | null => {
    for (const path of paths) {
      const raw = at(root, path);
      if (raw !== undefined) return { path, raw };
    }
    return null;
  };

  for (const spec of GLOBAL_KEYS) {
    const own = at(authored, spec.path);
    const legacy = first(authored, spec.legacy ?? []);
    const opened = at(effective, spec.path);
    if (own !== undefined) values[spec.path] = { value: read(spec.path, spec, own), origin: 'set' };
    else if (legacy) values[spec.path] = { value: read(spec.path, spec, legacy.raw), origin: 'legacy', legacyKey: legacy.path };
    else if (opened !== undefined) values[spec.path] = { value: read(spec.path, spec, opened), origin: 'default' };
    else values[spec.path] = { value: spec.default, origin: 'default' };
  }

  // Agents: keyed entries (current) and the legacy list roster.
  const entries = (root: Obj): Obj => (isObj(at(root, 'agents.entries')) ? (at(root, 'agents.entries') as Obj) : {});
  const legacyList = Array.isArray(at(authored, 'agents.list')) ? (at(authored, 'agents.list') as unknown[]) : [];
  const agents = new Map<string, { own: Obj | null; legacy: Obj | null }>();
  for (const [id, entry] of Object.entries(entries(authored))) if (AGENT_ID.test(id) && agents.size < MAX_AGENTS) agents.set(id, { own: isObj(entry) ? entry : {}, legacy: null });
  for (const item of legacyList) {
    const id = isObj(item) ? item.id : undefined;
    if (typeof id !== 'string' || !AGENT_ID.test(id) || agents.size >= MAX_AGENTS) continue;
    const existing = agents.get(id);
    if (existing) existing.legacy = item as Obj;
    else agents.set(id, { own: null, legacy: item as Obj });
  }
  for (const id of Object.keys(entries(effective))) if (AGENT_ID.test(id) && !agents.has(id) && agents.size < MAX_AGENTS) agents.set(id, { own: null, legacy: null });

  // "If any agent entry has a heartbeat block, only those agents run heartbeats."
  const hasBlock = (a: { own: Obj | null; legacy: Obj | null }) => isObj(a.own?.heartbeat) || isObj(a.legacy?.heartbeat);
  const someHaveBlocks = [...agents.values()].some(hasBlock);
  for (const [id, agent] of agents) {
    const base = `agents.entries.${id}`;
    for (const spec of HEARTBEAT_FIELDS) {
      const key = `${base}.heartbeat.${spec.path}`;
      const own = agent.own ? at(agent.own, `heartbeat.${spec.path}`) : undefined;
      const legacy = agent.legacy ? at(agent.legacy, `heartbeat.${spec.path}`) : undefined;
      const fallback = values[`agents.defaults.heartbeat.${spec.path}`]!;
      if (own !== undefined) values[key] = { value: read(key, spec, own), origin: 'set' };
      else if (legacy !== undefined) values[key] = { value: read(key, spec, legacy), origin: 'legacy', legacyKey: 'agents.list' };
      else values[key] = { ...fallback, origin: fallback.origin === 'set' ? 'inherited' : fallback.origin };
    }
    const every = values[`${base}.heartbeat.every`]!;
    const excluded = someHaveBlocks && !hasBlock(agent);
    values[`${base}.heartbeat.enabled`] = {
      value: !excluded && every.value !== 0,
      origin: excluded ? 'set' : every.origin,
      ...(every.legacyKey && !excluded ? { legacyKey: every.legacyKey } : {}),
    };
    for (const spec of AGENT_MEMORY_FIELDS) {
      const key = `${base}.memory.search.${spec.path}`;
      const own = agent.own ? at(agent.own, `memory.search.${spec.path}`) : undefined;
      const ownLegacy = agent.own ? at(agent.own, `memorySearch.${spec.path}`) : undefined;
      const listLegacy = agent.legacy ? at(agent.legacy, `memorySearch.${spec.path}`) : undefined;
      const fallback = values[`memory.search.${spec.path}`]!;
      if (own !== undefined) values[key] = { value: read(key, spec, own), origin: 'set' };
      else if (ownLegacy !== undefined) values[key] = { value: read(key, spec, ownLegacy), origin: 'legacy', legacyKey: `${base}.memorySearch` };
      else if (listLegacy !== undefined) values[key] = { value: read(key, spec, listLegacy), origin: 'legacy', legacyKey: 'agents.list' };
      else values[key] = { ...fallback, origin: fallback.origin === 'set' ? 'inherited' : fallback.origin };
    }
  }

  return { values, legacyKeys: legacyKeysOf(authored, agents.keys(), src.legacyIssues), restartPending: restartPending(src), problems: problems.slice(0, 50) };
}

function legacyKeysOf(authored: Obj, agentIds: Iterable<string>, legacyIssues: unknown): string[] {
  const found = new Set<string>();
  const present = (path: string) => at(authored, path) !== undefined;
  if (Array.isArray(at(authored, 'agents.list'))) found.add('agents.list');
  for (const path of ['memorySearch', 'agents.defaults.memorySearch', 'heartbeat', 'session.idleMinutes', 'memorySearch.store.path']) if (present(path)) found.add(path);
  for (const id of agentIds) if (present(`agents.entries.${id}.memorySearch`)) found.add(`agents.entries.${id}.memorySearch`);
  // OpenClaw's own verdict, where the gateway gives one (paths only; their messages are not kept).
  for (const issue of Array.isArray(legacyIssues) ? legacyIssues.slice(0, 20) : []) {
    const path = isObj(issue) ? issue.path : undefined;
    if (typeof path === 'string' && KEY_PATH.test(path)) found.add(path);
  }
  return [...found].sort();
}

function restartPending(src: ConfigSources): boolean | null {
  const saved = src.configRevisionHash;
  const applied = src.appliedConfigHash;
  // Hashes are keyed per install: compared only with each other on the same host, never stored.
  return typeof saved === 'string' && typeof applied === 'string' ? saved !== applied : null;
}
