// Offers the concrete hosts of an OpenSSH client config (~/.ssh/config) as servers to add. Parsing is
// done by the maintained `ssh-config` package (Include, Match and multi-pattern Host handled there);
// wildcard patterns are templates, not hosts, so they are not offered.
import { readFile } from 'node:fs/promises';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import SSHConfig from 'ssh-config';
import type { SshConfigHost } from '../../shared/domain';

const expandHome = (p: string, home: string) => (p === '~' ? home : p.startsWith('~/') ? join(home, p.slice(2)) : p);
const first = (v: unknown): string | undefined => (Array.isArray(v) ? (v[0] as string | undefined) : typeof v === 'string' ? v : undefined);

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
    const port = Number(first(c.Port) ?? 22);
    const identity = first(c.IdentityFile);
    const proxyJump = first(c.ProxyJump);
    return {
      alias,
      host: first(c.HostName) ?? alias,
      port: Number.isInteger(port) && port > 0 && port < 65536 ? port : 22,
      user: first(c.User) ?? defaultUser,
      identityFile: identity ? expandHome(identity, home) : null,
      // Jump hosts are not followed yet; say so rather than fail later.
      note: proxyJump ? `uses ProxyJump ${proxyJump}, which Yardmaster does not follow yet` : null,
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
