// Offers the concrete hosts of an OpenSSH client config (~/.ssh/config) as servers to add. Parsing is
// done by the maintained `ssh-config` package (Include, Match and multi-pattern Host handled there);
// wildcard patterns are templates, not hosts, so they are not offered. A ProxyJump is kept: its
// `[user@]host[:port]` (or an alias) is resolved through the same config, as ssh does.
import { readFile } from 'node:fs/promises';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import SSHConfig from 'ssh-config';
import type { SshConfigHost, SshConfigJump } from '../../shared/domain';

const expandHome = (p: string, home: string) => (p === '~' ? home : p.startsWith('~/') ? join(home, p.slice(2)) : p);
const first = (v: unknown): string | undefined => (Array.isArray(v) ? (v[0] as string | undefined) : typeof v === 'string' ? v : undefined);
const validPort = (v: unknown): number | null => {
  const n = Number(v);
  return Number.isInteger(n) && n > 0 && n < 65536 ? n : null;
};

/** `[ssh://][user@]host[:port]`, with `[v6]:port` for IPv6 literals; null when it is none of these. */
export function parseJumpSpec(spec: string): { user: string | null; host: string; port: number | null } | null {
  const m = /^(?:ssh:\/\/)?(?:([^@\s/]+)@)?(\[[0-9A-Fa-f:.]+\]|[^\s:@/[\]]+)(?::(\d+))?\/?$/.exec(spec.trim());
  if (!m) return null;
  const port = m[3] === undefined ? null : validPort(m[3]);
  if (m[3] !== undefined && port === null) return null;
  return { user: m[1] ?? null, host: m[2]!.replace(/^\[|\]$/g, ''), port };
}

type Resolved = { jump: SshConfigJump | null; note: string | null };

function resolveJump(config: SSHConfig, proxyJump: string | undefined, home: string, defaultUser: string): Resolved {
  if (!proxyJump || proxyJump.toLowerCase() === 'none') return { jump: null, note: null };
  if (proxyJump.includes(',')) return { jump: null, note: `uses a chain of jump hosts (ProxyJump ${proxyJump}); Yardmaster follows one jump host only` };
  const spec = parseJumpSpec(proxyJump);
  if (!spec) return { jump: null, note: `ProxyJump ${proxyJump} is not [user@]host[:port]` };
  // The jump host's own Host block (an alias, or settings for that name) applies, as with `ssh -J`.
  const c = config.compute(spec.host) as Record<string, unknown>;
  if (first(c.ProxyJump) && first(c.ProxyJump)!.toLowerCase() !== 'none') {
    return { jump: null, note: `its jump host ${spec.host} has a ProxyJump of its own (a chain); Yardmaster follows one jump host only` };
  }
  const identity = first(c.IdentityFile);
  return {
    jump: {
      host: first(c.HostName) ?? spec.host,
      port: spec.port ?? validPort(first(c.Port)) ?? 22,
      user: spec.user ?? first(c.User) ?? defaultUser,
      identityFile: identity ? expandHome(identity, home) : null,
    },
    note: null,
  };
}

export function hostsFromSshConfig(text: string, home = homedir(), defaultUser = userInfo().username): SshConfigHost[] {
  const config = SSHConfig.parse(text);
  const aliases: string[] = [];
  for (const line of config) {
    if (line.type !== SSHConfig.DIRECTIVE || line.param.toLowerCase() !== 'host') continue;
    const values = Array.isArray(line.value) ? line.value.map((v) => (typeof v === 'string' ? v : v.val)) : String(line.value).split(/\s+/);
    for (const v of values) if (v && !/[*?!]/.test(v) && !aliases.includes(v)) aliases.push(v);
  }
  return aliases.map((alias) => {
    const c = config.compute(alias) as Record<string, unknown>;
    const identity = first(c.IdentityFile);
    const { jump, note } = resolveJump(config, first(c.ProxyJump), home, defaultUser);
    return {
      alias,
      host: first(c.HostName) ?? alias,
      port: validPort(first(c.Port) ?? 22) ?? 22,
      user: first(c.User) ?? defaultUser,
      identityFile: identity ? expandHome(identity, home) : null,
      jump,
      note,
    };
  });
}

export async function readSshConfigHosts(path = join(homedir(), '.ssh', 'config')): Promise<SshConfigHost[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw err;
  }
  return hostsFromSshConfig(text);
}
