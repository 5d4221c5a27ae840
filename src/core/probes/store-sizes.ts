// Tier 3, over SSH and rarely: the sizes of each agent's session store, and the store era. Only
// `stat`/`find -printf %s` of file sizes: nothing inside any file is read.
//   ≥ 2026.7.2: agents/<id>/agent/openclaw-agent.sqlite (+ -wal)
//   ≤ 2026.7.1: agents/<id>/sessions/sessions.json plus one <sessionId>.jsonl transcript per session
import type { AgentStoreFacts } from '../../shared/domain';
import type { SshSession } from '../ssh/ssh-session';
import { stateDirExpr, type OpenclawLocation } from './openclaw-location';

export function storeSizesScript(loc: OpenclawLocation = {}): string {
  return [
    `d="${stateDirExpr(loc)}"`,
    'for a in "$d"/agents/*/; do',
    '  [ -d "$a" ] || continue',
    '  id=$(basename "$a")',
    '  db=0; wal=0; legacy=0; tr=0; n=0',
    '  [ -f "$a/agent/openclaw-agent.sqlite" ] && db=$(stat -c %s "$a/agent/openclaw-agent.sqlite")',
    '  [ -f "$a/agent/openclaw-agent.sqlite-wal" ] && wal=$(stat -c %s "$a/agent/openclaw-agent.sqlite-wal")',
    '  [ -f "$a/sessions/sessions.json" ] && legacy=$(stat -c %s "$a/sessions/sessions.json")',
    '  if [ -d "$a/sessions" ]; then set -- $(find "$a/sessions" -maxdepth 1 -name "*.jsonl" -printf "%s\\n" 2>/dev/null | awk \'{s+=$1; n++} END {print s+0, n+0}\'); tr=$1; n=$2; fi',
    '  printf "store %s %s %s %s %s %s\\n" "$id" "$db" "$wal" "$legacy" "$tr" "$n"',
    'done',
  ].join('\n');
}

const AGENT_ID = /^[A-Za-z0-9._-]{1,128}$/;

export function parseStoreSizes(stdout: string): AgentStoreFacts[] {
  const out: AgentStoreFacts[] = [];
  for (const line of stdout.split('\n')) {
    const m = /^store (\S+) (\d+) (\d+) (\d+) (\d+) (\d+)$/.exec(line.trim());
    if (!m || !AGENT_ID.test(m[1]!)) continue;
    const [dbBytes, walBytes, legacyStoreBytes, transcriptBytes, transcriptFiles] = m.slice(2).map(Number) as [number, number, number, number, number];
    out.push({
      agentId: m[1]!,
      era: dbBytes > 0 ? 'sqlite' : legacyStoreBytes > 0 || transcriptFiles > 0 ? 'json' : 'empty',
      dbBytes,
      walBytes,
      legacyStoreBytes,
      transcriptBytes,
      transcriptFiles,
    });
  }
  return out.slice(0, 1000);
}

export async function readStoreSizes(session: SshSession, loc: OpenclawLocation = {}): Promise<AgentStoreFacts[] | null> {
  const r = await session.exec(['sh', '-c', storeSizesScript(loc)], { timeoutMs: 20_000, maxOutputBytes: 256 * 1024 });
  if (r.code !== 0 || r.truncated || r.timedOut) return null;
  return parseStoreSizes(r.stdout);
}
