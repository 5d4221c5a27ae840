// Parsers for `openclaw` CLI output. The output is untrusted: these accept only the fields we need,
// copy them into fresh objects (an allowlist, so transcript previews, prompts and summaries in the
// same JSON never travel further), and report anything else as malformed.
import type { AgentSummary } from '../../shared/domain';
import type { RemoteErrorKind } from '../../shared/error-kinds';
import { probeFailure } from '../ssh/ssh-errors';
import { classifyRemoteText, remoteSlug } from '../privacy/remote-text';

const MAX_AGENTS = 1000;
const AGENT_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** `OpenClaw 2026.9.6 (eb377ac)` → { version, build }. */
export function parseVersionOutput(stdout: string): { version: string; build: string | null } {
  const match = /OpenClaw\s+(\d{4}\.\d{1,2}\.\d{1,2}(?:-[0-9A-Za-z.]+)?)(?:\s+\(([0-9a-f]{4,40})\))?/.exec(stdout);
  if (!match) {
    // Its bytes are not quoted: a wrapper's banner or a shell profile can print anything.
    throw probeFailure('malformed-output', `Unexpected \`openclaw --version\` output (${Buffer.byteLength(stdout)} bytes, no version in it).`);
  }
  return { version: match[1]!, build: match[2] ?? null };
}

/** stdout of a `--json` command: one JSON document, possibly after stray lines from wrappers. */
export function parseJsonDocument(stdout: string, command: string): unknown {
  const text = stdout.trim();
  try {
    return JSON.parse(text);
  } catch {
    const start = text.indexOf('{');
    const end = text.lastIndexOf('}');
    if (start >= 0 && end > start) {
      try {
        return JSON.parse(text.slice(start, end + 1));
      } catch {
        // fall through
      }
    }
  }
  throw probeFailure('malformed-output', `\`${command}\` did not print valid JSON (${text.length} bytes).`);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const finiteOrNull = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : null);

/**
 * The `{ ok:false, error:{ type, message } }` envelope OpenClaw prints on failure, if that is what this
 * is: the id-shaped type and the message's kind. The message itself can quote a provider or a tool, so
 * it is classified here and never returned.
 */
export function cliErrorEnvelope(doc: unknown): { type: string; kind: RemoteErrorKind; valueAbsent: boolean } | null {
  if (!isObject(doc) || doc.ok !== false || !isObject(doc.error)) return null;
  const message = typeof doc.error.message === 'string' ? doc.error.message.slice(0, 400) : '';
  return {
    type: remoteSlug(doc.error.type) ?? 'unknown',
    kind: classifyRemoteText(message) ?? 'other',
    // `config get` of a valid but unset key, or of a path this CLI does not know: the value is absent.
    valueAbsent: /unset|unknown|not found|invalid path|unrecognized/i.test(message),
  };
}

export interface HealthFacts {
  ok: boolean;
  agents: AgentSummary[];
}

/** `openclaw health --json` → agents with heartbeat cadence and session counts; nothing else. */
export function parseHealth(doc: unknown): HealthFacts {
  if (!isObject(doc)) throw probeFailure('malformed-output', '`openclaw health --json` did not print a JSON object.');
  const rawAgents = Array.isArray(doc.agents) ? doc.agents.slice(0, MAX_AGENTS) : [];
  const agents: AgentSummary[] = [];
  for (const a of rawAgents) {
    if (!isObject(a) || typeof a.agentId !== 'string' || !AGENT_ID.test(a.agentId)) continue;
    const hb = isObject(a.heartbeat) ? a.heartbeat : {};
    const sessions = isObject(a.sessions) ? a.sessions : {};
    agents.push({
      agentId: a.agentId,
      isDefault: a.isDefault === true,
      heartbeatEnabled: hb.enabled === true,
      heartbeatEveryMs: finiteOrNull(hb.everyMs),
      sessionCount: finiteOrNull(sessions.count),
    });
  }
  return { ok: doc.ok === true, agents };
}
