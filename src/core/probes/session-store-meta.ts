// Reads, over SSH and read-only, the few session-store figures the gateway's RPCs do not expose:
// compaction counts per session (2026.9.x keeps `compactionCount` in session_nodes.entry_json and does
// not project it into sessions.list rows), and per agent the row count and the zero-token rows.
//
// It runs the server's own Node (OpenClaw needs Node ≥ 24, which has node:sqlite), opens each agent
// DB with { readOnly: true }, and selects only those metadata fields with json_extract, so the rest of
// entry_json (labels, prompt reports) and every transcript table stay on the server. Old servers
// (≤ 2026.7.1) keep sessions.json: it is parsed on the server and only the same figures are printed.
import type { SshSession } from '../ssh/ssh-session';
import { stateDirExpr, type OpenclawLocation } from './openclaw-location';
import { isSessionKey } from '../privacy/session-key';

/** Per agent, as read from its store. */
export interface AgentStoreMeta {
  agentId: string;
  era: 'sqlite' | 'json';
  rows: number;
  zeroTokenRows: number;
  /** Sessions with at least one compaction: key → compactionCount (at most 500 per agent). */
  compactions: Map<string, number>;
}

export interface StoreMetaResult {
  agents: AgentStoreMeta[];
  /** Agents whose store could not be read, with a short reason (e.g. SQLITE_BUSY, too-large). */
  errors: Array<{ agentId: string; reason: string }>;
}

// Runs on the server. Kept free of shell metacharacter surprises: it is passed as one quoted argument.
export const META_JS = String.raw`
const fs = require('node:fs'), path = require('node:path');
const dir = process.argv[1];
const ID = /^[A-Za-z0-9._-]{1,128}$/;
let sqlite = null;
try { sqlite = require('node:sqlite'); } catch {}
const out = [];
let ids = [];
try { ids = fs.readdirSync(path.join(dir, 'agents')); } catch {}
for (const id of ids.slice(0, 1000)) {
  if (!ID.test(id)) continue;
  const db = path.join(dir, 'agents', id, 'agent', 'openclaw-agent.sqlite');
  const legacy = path.join(dir, 'agents', id, 'sessions', 'sessions.json');
  if (fs.existsSync(db)) {
    if (!sqlite) { out.push({ a: id, err: 'no-node-sqlite' }); continue; }
    let h = null;
    try {
      h = new sqlite.DatabaseSync(db, { readOnly: true });
      h.exec('PRAGMA busy_timeout = 3000');
      const agg = h.prepare("SELECT count(*) AS n, sum(CASE WHEN coalesce(json_extract(entry_json, '$.totalTokens'), 0) = 0 THEN 1 ELSE 0 END) AS z FROM session_nodes WHERE archived_at IS NULL").get();
      const rows = h.prepare("SELECT session_key AS k, json_extract(entry_json, '$.compactionCount') AS c FROM session_nodes WHERE archived_at IS NULL AND coalesce(json_extract(entry_json, '$.compactionCount'), 0) > 0 ORDER BY updated_at DESC LIMIT 500").all();
      out.push({ a: id, e: 'sqlite', n: agg.n, z: agg.z || 0, c: rows.map((r) => [r.k, r.c]) });
    } catch (e) {
      out.push({ a: id, err: String((e && e.code) || 'query-failed') });
    } finally {
      try { if (h) h.close(); } catch {}
    }
  } else if (fs.existsSync(legacy)) {
    try {
      if (fs.statSync(legacy).size > 64 * 1024 * 1024) { out.push({ a: id, err: 'too-large' }); continue; }
      const store = JSON.parse(fs.readFileSync(legacy, 'utf8'));
      let n = 0, z = 0; const c = [];
      for (const [k, v] of Object.entries(store)) {
        if (!v || typeof v !== 'object') continue;
        n++;
        if (!(v.totalTokens > 0)) z++;
        if (v.compactionCount > 0 && c.length < 500) c.push([k, v.compactionCount]);
      }
      out.push({ a: id, e: 'json', n, z, c });
    } catch (e) {
      out.push({ a: id, err: 'unreadable' });
    }
  }
}
process.stdout.write(JSON.stringify({ v: 1, agents: out }));
`;

/** The remote command: the server's node (next to openclaw, on PATH, or a login shell's), then META_JS. */
export function storeMetaArgv(loc: OpenclawLocation, openclawPath: string | null): string[] {
  const script = [
    `d="${stateDirExpr(loc)}"`,
    // openclaw's own directory first: nvm keeps node next to it.
    openclawPath ? `PATH="${openclawPath.replace(/\/[^/]*$/, '')}:$PATH"` : ':',
    'n=$(command -v node 2>/dev/null) || n=$(bash -lc "command -v node" 2>/dev/null </dev/null) || { echo "no node" >&2; exit 3; }',
    'exec "$n" -e "$1" "$d"',
  ].join('\n');
  return ['sh', '-c', script, 'sh', META_JS];
}

const AGENT_ID = /^[A-Za-z0-9._-]{1,128}$/;
const count = (v: unknown): number | null => (typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < 1e9 ? v : null);

/** Parses the script's output; anything malformed is dropped, and a wholly bad document throws. */
export function parseStoreMeta(stdout: string): StoreMetaResult {
  let doc: unknown;
  try {
    doc = JSON.parse(stdout);
  } catch {
    throw new Error('store metadata: not JSON');
  }
  const d = doc as { v?: unknown; agents?: unknown };
  if (typeof d !== 'object' || d === null || d.v !== 1 || !Array.isArray(d.agents)) throw new Error('store metadata: unexpected shape');
  const result: StoreMetaResult = { agents: [], errors: [] };
  for (const raw of d.agents.slice(0, 1000) as unknown[]) {
    const a = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    if (typeof a.a !== 'string' || !AGENT_ID.test(a.a)) continue;
    if (typeof a.err === 'string') {
      result.errors.push({ agentId: a.a, reason: a.err.replace(/[^A-Za-z0-9_-]/g, '').slice(0, 40) || 'error' });
      continue;
    }
    const rows = count(a.n);
    const zero = count(a.z);
    if ((a.e !== 'sqlite' && a.e !== 'json') || rows === null || zero === null) continue;
    const compactions = new Map<string, number>();
    for (const pair of Array.isArray(a.c) ? (a.c as unknown[]).slice(0, 500) : []) {
      if (!Array.isArray(pair)) continue;
      const [k, c] = pair as [unknown, unknown];
      const n = count(c);
      if (isSessionKey(k) && n !== null) compactions.set(k, n);
    }
    result.agents.push({ agentId: a.a, era: a.e, rows, zeroTokenRows: Math.min(zero, rows), compactions });
  }
  return result;
}

export async function readStoreMeta(session: SshSession, loc: OpenclawLocation, openclawPath: string | null): Promise<StoreMetaResult> {
  const r = await session.exec(storeMetaArgv(loc, openclawPath), { timeoutMs: 30_000, maxOutputBytes: 2 * 1024 * 1024 });
  if (r.timedOut) throw new Error('store metadata: timed out');
  if (r.truncated) throw new Error('store metadata: output too large');
  if (r.code === 3) throw new Error('store metadata: no node on the server');
  if (r.code !== 0) throw new Error(`store metadata: exit ${r.code}`);
  return parseStoreMeta(r.stdout);
}
