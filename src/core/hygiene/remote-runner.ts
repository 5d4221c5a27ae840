// The one remote command every hygiene action uses. The server's own Node runs the openclaw command
// as a child (stdin closed, stderr dropped), parses its JSON there and prints only numbers, agent ids
// and enums. So `sessions compact` summaries, reset entries with labels, store paths and every warning
// on stderr stay on the server: nothing but this reduced document crosses SSH. No file is written.
import { stateDirExpr, type OpenclawLocation } from '../probes/openclaw-location';

export type RunnerFilter = 'cleanup' | 'compact' | 'reset' | 'memory-status' | 'exit-code';

// Runs on the server: argv = [filter, timeoutMs, openclaw, ...args]. Kept free of quotes that would
// fight the sh wrapper: it travels as one positional argument.
export const RUNNER_JS = String.raw`
const cp = require('node:child_process');
const [filter, timeoutMs, oc, ...args] = process.argv.slice(1);
const r = cp.spawnSync(oc, args, { stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 * 1024 * 1024, timeout: Number(timeoutMs) });
let doc = null;
try { doc = JSON.parse(String(r.stdout || '')); } catch {}
const num = (v) => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const ID = /^[A-Za-z0-9._-]{1,128}$/;
const ENUM = /^[a-z_-]{1,40}$/;
const out = { v: 1, code: r.status, timedOut: !!(r.error && r.error.code === 'ETIMEDOUT') };
if (filter === 'cleanup' && doc && typeof doc === 'object') {
  const stores = Array.isArray(doc.stores) ? doc.stores : [doc];
  out.stores = stores.filter((s) => s && typeof s.agentId === 'string' && ID.test(s.agentId)).map((s) => ({
    a: s.agentId, before: num(s.beforeCount), after: num(s.afterCount), missing: num(s.missing), dm: num(s.dmScopeRetired),
    mr: num(s.modelRunPruned), arch: num(s.archived), capArch: num(s.capArchived), pruned: num(s.pruned), capped: num(s.capped),
    bb: s.diskBudget ? num(s.diskBudget.totalBytesBefore) : null, ba: s.diskBudget ? num(s.diskBudget.totalBytesAfter) : null,
    applied: s.applied === true, count: num(s.appliedCount) }));
  out.partial = !!doc.partialError;
} else if (filter === 'compact' && doc && typeof doc === 'object') {
  const res = doc.result && typeof doc.result === 'object' ? doc.result : {};
  out.ok = doc.ok === true; out.compacted = doc.compacted === true; out.tb = num(res.tokensBefore); out.ta = num(res.tokensAfter);
} else if (filter === 'reset' && doc && typeof doc === 'object') {
  out.ok = doc.ok === true;
} else if (filter === 'memory-status' && Array.isArray(doc)) {
  out.agents = doc.filter((a) => a && typeof a.agentId === 'string' && ID.test(a.agentId)).map((a) => {
    const s = a.status && typeof a.status === 'object' ? a.status : null;
    const idx = s && s.custom && s.custom.indexIdentity ? s.custom.indexIdentity.status : null;
    return { a: a.agentId, disabled: !s, dirty: s ? s.dirty === true : false, files: s ? num(s.files) : null, chunks: s ? num(s.chunks) : null,
      index: typeof idx === 'string' && ENUM.test(idx) ? idx : null };
  });
}
process.stdout.write(JSON.stringify(out));
`;

/**
 * argv for one hygiene command: the server's node (next to openclaw, on PATH, or a login shell's) runs
 * RUNNER_JS, which runs openclaw with `args`. The state dir or profile is passed the way OpenClaw reads it.
 */
export function runnerArgv(loc: OpenclawLocation, openclawPath: string | null, filter: RunnerFilter, args: readonly string[], timeoutMs: number): string[] {
  // Positional: $1 the runner, $2 the filter, $3 openclaw, $4 the timeout, then the openclaw arguments.
  const script = [
    openclawPath ? `PATH="${openclawPath.replace(/\/[^/]*$/, '')}:$PATH"` : ':',
    loc.stateDir ? `export OPENCLAW_STATE_DIR="${stateDirExpr(loc)}"` : ':',
    'n=$(command -v node 2>/dev/null) || n=$(bash -lc "command -v node" 2>/dev/null </dev/null) || { echo "no node" >&2; exit 3; }',
    'oc=$(command -v "$3" 2>/dev/null) || oc=$(bash -lc "command -v openclaw" 2>/dev/null </dev/null) || { echo "no openclaw" >&2; exit 4; }',
    'js=$1; f=$2; t=$4; shift 4',
    // node's own directory first, so the openclaw shebang (#!/usr/bin/env node) finds the same node.
    'PATH="${n%/*}:$PATH" exec "$n" -e "$js" "$f" "$t" "$oc" "$@"',
  ].join('\n');
  const profile = loc.profile ? ['--profile', loc.profile] : [];
  return ['sh', '-c', script, 'sh', RUNNER_JS, filter, openclawPath ?? 'openclaw', String(timeoutMs), ...profile, ...args];
}
