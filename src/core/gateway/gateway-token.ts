// Finds the gateway's shared token on the server itself, so the operator never types it: from the
// OpenClaw config file (JSON5) or the service's environment. Only the token is kept, in memory; the
// rest of the file (which can hold provider keys) is parsed and dropped at once, never stored or logged.
import JSON5 from 'json5';
import type { SshSession } from '../ssh/ssh-session';
import { configPathExpr, type OpenclawLocation } from '../probes/openclaw-location';

/** Prints the config file OpenClaw itself would use for this location. */
export function configScript(loc: OpenclawLocation = {}): string {
  return `cat -- "${configPathExpr(loc)}"`;
}

export type TokenLookup = { token: string; source: 'config' | 'environment' } | { token: null; reason: string };

export function tokenFromConfigText(text: string): string | null {
  let config: unknown;
  try {
    config = JSON5.parse(text);
  } catch {
    return null;
  }
  const auth = (config as { gateway?: { auth?: { mode?: unknown; token?: unknown } } })?.gateway?.auth;
  const token = auth?.token;
  if (typeof token !== 'string' || token.length < 8 || token.length > 512) return null;
  if (token.includes('${') || token === '__OPENCLAW_REDACTED__') return null; // env reference or redacted copy
  if (auth?.mode !== undefined && auth.mode !== 'token') return null;
  return token;
}

export async function readGatewayToken(session: SshSession, loc: OpenclawLocation = {}): Promise<TokenLookup> {
  const fromFile = await session.exec(['sh', '-c', configScript(loc)], { timeoutMs: 10_000, maxOutputBytes: 2 * 1024 * 1024 });
  if (fromFile.code === 0 && !fromFile.truncated) {
    const token = tokenFromConfigText(fromFile.stdout);
    if (token) return { token, source: 'config' };
  }
  const fromEnv = await session.exec(['sh', '-c', 'printf %s "$OPENCLAW_GATEWAY_TOKEN"'], { timeoutMs: 10_000, maxOutputBytes: 4096 });
  const envToken = fromEnv.stdout.trim();
  if (fromEnv.code === 0 && envToken.length >= 8) return { token: envToken, source: 'environment' };
  return {
    token: null,
    reason: fromFile.code === 0 ? 'no token-mode gateway.auth.token in the OpenClaw config' : 'OpenClaw config not readable over SSH',
  };
}
