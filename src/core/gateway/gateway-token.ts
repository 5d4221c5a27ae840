// Finds the gateway's shared token on the server itself, so the operator never types it: from the
// OpenClaw config file (JSON5) or the service's environment. The config file also holds provider API
// keys, so it never crosses the wire: a small script on the server (the server's own node, which
// OpenClaw needs anyway) parses it there and prints only gateway.auth.mode and gateway.auth.token.
// Only the token is kept, in memory.
import type { SshSession } from '../ssh/ssh-session';
import { configPathExpr, type OpenclawLocation } from '../probes/openclaw-location';

/**
 * Runs on the server: JSON5 is a subset of JavaScript object literals, so the file is evaluated as one
 * expression in an empty context (no require, no process), with a 1 s budget, and only two fields leave.
 */
const EXTRACT_JS = [
  "const t = require('node:fs').readFileSync(process.argv[1], 'utf8');",
  'let c = null;',
  "try { c = require('node:vm').runInNewContext('(' + t + '\\n)', Object.create(null), { timeout: 1000 }); } catch { process.exit(5); }",
  'const a = c && typeof c === "object" && c.gateway && c.gateway.auth;',
  'process.stdout.write(JSON.stringify({ mode: a && typeof a.mode === "string" ? a.mode : null, token: a && typeof a.token === "string" ? a.token : null }));',
].join(' ');

const FIND_NODE = [
  'n=$(command -v node 2>/dev/null)',
  "|| n=$(bash -lc 'command -v node' 2>/dev/null </dev/null)",
  "|| n=$(zsh -lc 'command -v node' 2>/dev/null </dev/null)",
  '|| exit 4;',
].join(' ');

const shellSingleQuote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** Prints `{"mode":…,"token":…}` from the config file OpenClaw itself would use for this location; nothing else of it. */
export function configScript(loc: OpenclawLocation = {}): string {
  return `f="${configPathExpr(loc)}"; [ -r "$f" ] || exit 3; ${FIND_NODE} exec "$n" -e ${shellSingleQuote(EXTRACT_JS)} "$f"`;
}

export type TokenLookup = { token: string; source: 'config' | 'environment' } | { token: null; reason: string };

/** The token from the script's output, when it is a usable token-mode token. */
export function tokenFromAuth(output: string): string | null {
  let auth: { mode?: unknown; token?: unknown };
  try {
    auth = JSON.parse(output) as { mode?: unknown; token?: unknown };
  } catch {
    return null;
  }
  const token = auth?.token;
  if (typeof token !== 'string' || token.length < 8 || token.length > 512) return null;
  if (token.includes('${') || token === '__OPENCLAW_REDACTED__') return null; // env reference or redacted copy
  if (auth.mode !== null && auth.mode !== undefined && auth.mode !== 'token') return null;
  return token;
}

export async function readGatewayToken(session: SshSession, loc: OpenclawLocation = {}): Promise<TokenLookup> {
  const fromFile = await session.exec(['sh', '-c', configScript(loc)], { timeoutMs: 10_000, maxOutputBytes: 4096 });
  if (fromFile.code === 0 && !fromFile.truncated) {
    const token = tokenFromAuth(fromFile.stdout);
    if (token) return { token, source: 'config' };
  }
  const fromEnv = await session.exec(['sh', '-c', 'printf %s "$OPENCLAW_GATEWAY_TOKEN"'], { timeoutMs: 10_000, maxOutputBytes: 4096 });
  const envToken = fromEnv.stdout.trim();
  if (fromEnv.code === 0 && envToken.length >= 8) return { token: envToken, source: 'environment' };
  const why: Record<number, string> = {
    0: 'no token-mode gateway.auth.token in the OpenClaw config',
    3: 'OpenClaw config not readable over SSH',
    4: 'no node on the server to read the token from the config narrowly',
    5: 'the OpenClaw config does not parse',
  };
  return { token: null, reason: why[fromFile.code ?? -1] ?? 'OpenClaw config not readable over SSH' };
}
