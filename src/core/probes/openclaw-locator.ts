// Finds `openclaw` on a server where a non-interactive SSH command's PATH lacks it (nvm, per-user npm
// prefixes, Homebrew). One read-only remote script tries, in order: the PATH as is, a login shell's
// PATH, then common install prefixes; it prints the first hit.
import type { SshSession } from '../ssh/ssh-session';

const CANDIDATES = [
  '$HOME/.npm-global/bin/openclaw',
  '$HOME/.local/bin/openclaw',
  '$HOME/.local/share/pnpm/openclaw',
  '$HOME/.bun/bin/openclaw',
  '$HOME/.volta/bin/openclaw',
  '/usr/local/bin/openclaw',
  '/opt/homebrew/bin/openclaw',
  '$HOME/.nvm/versions/node/*/bin/openclaw',
];

export const LOCATE_SCRIPT = [
  'p=$(command -v openclaw 2>/dev/null) && { echo "$p"; exit 0; }',
  'for sh in bash zsh; do command -v $sh >/dev/null 2>&1 || continue; p=$($sh -lc "command -v openclaw" 2>/dev/null </dev/null) && [ -n "$p" ] && { echo "$p"; exit 0; }; done',
  `for p in ${CANDIDATES.join(' ')}; do [ -x "$p" ] && { echo "$p"; exit 0; }; done`,
  'exit 1',
].join('\n');

const PATH_LIKE = /^\/[A-Za-z0-9._+/-]{1,1024}$/;

/** The absolute path of openclaw on the server, or null when it is nowhere to be found. */
export async function locateOpenclaw(session: SshSession): Promise<string | null> {
  const r = await session.exec(['sh', '-c', LOCATE_SCRIPT], { timeoutMs: 15_000, maxOutputBytes: 8 * 1024 });
  if (r.code !== 0 || r.truncated) return null;
  const found = r.stdout.trim().split('\n').pop() ?? '';
  return PATH_LIKE.test(found) ? found : null;
}

/**
 * argv that runs openclaw at `path` with its own directory first on PATH, because an npm-installed
 * openclaw starts with `#!/usr/bin/env node` and nvm keeps node next to it, not on the SSH PATH.
 */
export function openclawArgv(path: string | null, args: readonly string[]): string[] {
  if (!path || !path.includes('/')) return [path ?? 'openclaw', ...args];
  return ['sh', '-c', 'PATH="${0%/*}:$PATH" exec "$0" "$@"', path, ...args];
}
