// Console-side allowlist for the runner's reduced document (remote-runner.ts): numbers, agent ids and
// enums are copied field by field into fresh objects; anything else, including any field the server
// side might add, is dropped here.
const AGENT_ID = /^[A-Za-z0-9._-]{1,128}$/;
const INDEX_STATE = /^[a-z_-]{1,40}$/;

const count = (v: unknown): number | null => (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < 1e15 ? v : null);
const obj = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

export interface RunnerResult {
  /** openclaw's exit code (null: killed or not started). */
  code: number | null;
  timedOut: boolean;
}

export interface CleanupStore {
  agentId: string;
  /** Rows leaving the live store: missing + dmScopeRetired + modelRunPruned + archived + pruned + capped. */
  leaving: number;
  bytesBefore: number | null;
  bytesAfter: number | null;
  applied: boolean;
}
export interface CleanupResult extends RunnerResult {
  stores: CleanupStore[];
  partial: boolean;
}
export interface CompactResult extends RunnerResult {
  ok: boolean;
  compacted: boolean;
  tokensBefore: number | null;
  tokensAfter: number | null;
}
export interface MemoryAgent {
  agentId: string;
  disabled: boolean;
  dirty: boolean;
  files: number | null;
  chunks: number | null;
  index: string | null;
}

function base(stdout: string): Record<string, unknown> {
  let doc: unknown;
  try {
    doc = JSON.parse(stdout);
  } catch {
    throw new Error('hygiene runner: not JSON');
  }
  const d = obj(doc);
  if (d.v !== 1) throw new Error('hygiene runner: unexpected shape');
  return d;
}
const head = (d: Record<string, unknown>): RunnerResult => ({ code: typeof d.code === 'number' ? d.code : null, timedOut: d.timedOut === true });

export function parseCleanup(stdout: string): CleanupResult {
  const d = base(stdout);
  const stores: CleanupStore[] = [];
  for (const raw of Array.isArray(d.stores) ? d.stores.slice(0, 1000) : []) {
    const s = obj(raw);
    if (typeof s.a !== 'string' || !AGENT_ID.test(s.a)) continue;
    const parts = [s.missing, s.dm, s.mr, s.arch, s.pruned, s.capped].map((v) => count(v) ?? 0);
    stores.push({ agentId: s.a, leaving: parts.reduce((a, b) => a + b, 0), bytesBefore: count(s.bb), bytesAfter: count(s.ba), applied: s.applied === true });
  }
  return { ...head(d), stores, partial: d.partial === true };
}

export function parseCompact(stdout: string): CompactResult {
  const d = base(stdout);
  return { ...head(d), ok: d.ok === true, compacted: d.compacted === true, tokensBefore: count(d.tb), tokensAfter: count(d.ta) };
}

export function parseOk(stdout: string): RunnerResult & { ok: boolean } {
  const d = base(stdout);
  return { ...head(d), ok: d.ok === true };
}

export function parseExit(stdout: string): RunnerResult {
  return head(base(stdout));
}

export function parseMemoryStatus(stdout: string): RunnerResult & { agents: MemoryAgent[] } {
  const d = base(stdout);
  const agents: MemoryAgent[] = [];
  for (const raw of Array.isArray(d.agents) ? d.agents.slice(0, 1000) : []) {
    const a = obj(raw);
    if (typeof a.a !== 'string' || !AGENT_ID.test(a.a)) continue;
    agents.push({
      agentId: a.a,
      disabled: a.disabled === true,
      dirty: a.dirty === true,
      files: count(a.files),
      chunks: count(a.chunks),
      index: typeof a.index === 'string' && INDEX_STATE.test(a.index) ? a.index : null,
    });
  }
  return { ...head(d), agents };
}

/** An index worth rebuilding: dirty, or its metadata missing/mismatched. */
export const needsReindex = (a: MemoryAgent): boolean => !a.disabled && (a.dirty || (a.index !== null && a.index !== 'ok' && a.index !== 'ready'));
