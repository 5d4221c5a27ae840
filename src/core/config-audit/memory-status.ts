// Memory index health from `openclaw memory status --json` (read-only without --index/--fix/--deep;
// --deep would call the paid embedding provider). Tier 3: run rarely over SSH. The output also holds
// paths, scan issues and dreaming audit data; only counts, flags, provider and model pass.
import type { MemoryIndexAgent } from '../../shared/config-audit';
import { AGENT_ID } from '../../shared/config-keys';
import { safeText } from '../../shared/config-values';

const MAX_AGENTS = 100;
type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});
const count = (v: unknown): number | null => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : null);
const bool = (v: unknown): boolean | null => (typeof v === 'boolean' ? v : null);
/** Provider/model ids and status words: short, no spaces, nothing markup-like. */
const word = (v: unknown): string | null => (typeof v === 'string' && /^[A-Za-z0-9._:/@+-]{1,100}$/.test(v) ? safeText(v) : null);

export class MemoryStatusMalformed extends Error {}

export function parseMemoryStatus(doc: unknown): MemoryIndexAgent[] {
  if (!Array.isArray(doc)) throw new MemoryStatusMalformed('`openclaw memory status --json` did not print a JSON array.');
  const out: MemoryIndexAgent[] = [];
  for (const raw of doc.slice(0, MAX_AGENTS)) {
    const item = obj(raw);
    const agentId = typeof item.agentId === 'string' && AGENT_ID.test(item.agentId) ? item.agentId : null;
    if (!agentId) continue;
    if (item.status === 'disabled') {
      out.push({ agentId, disabled: true, backend: null, provider: null, model: null, files: null, chunks: null, dirty: null, dirtySources: 0, identityStatus: null, identityCode: null, vectorState: null });
      continue;
    }
    const s = obj(item.status);
    const custom = obj(s.custom);
    const identity = obj(custom.indexIdentity);
    const sources = Array.isArray(s.sourceCounts) ? s.sourceCounts.slice(0, 20) : [];
    out.push({
      agentId,
      disabled: false,
      backend: word(s.backend),
      provider: word(s.provider),
      model: word(s.model),
      files: count(s.files),
      chunks: count(s.chunks),
      dirty: bool(s.dirty),
      dirtySources: sources.filter((x) => obj(x).dirty === true).length,
      identityStatus: word(identity.status),
      identityCode: word(identity.code),
      vectorState: word(obj(obj(s.vector).index).state),
    });
  }
  return out;
}
