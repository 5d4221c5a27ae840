// Is OpenClaw installed on the console machine itself? Then the first-run panel can offer "Watch this
// machine" (SSH to 127.0.0.1 as the current user). Looks for `openclaw` on the PATH and for the config
// file OpenClaw would read; from that file only gateway.port is taken. The rest (the gateway token,
// provider keys) is parsed and dropped at once, never returned, stored or logged.
import { constants } from 'node:fs';
import { access, readFile, stat } from 'node:fs/promises';
import { homedir, userInfo } from 'node:os';
import { delimiter, join } from 'node:path';
import JSON5 from 'json5';
import type { LocalOpenclaw } from '../../shared/domain';

/** OpenClaw's own default when gateway.port is not set. */
export const DEFAULT_GATEWAY_PORT = 18789;
const MAX_CONFIG_BYTES = 2 * 1024 * 1024;

export interface LocalOpenclawEnv {
  home?: string;
  /** The environment to read PATH, OPENCLAW_STATE_DIR and OPENCLAW_CONFIG_PATH from. */
  env?: NodeJS.ProcessEnv;
  user?: string;
}

async function findOnPath(name: string, pathEnv: string | undefined): Promise<string | null> {
  for (const dir of (pathEnv ?? '').split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      await access(candidate, constants.X_OK);
      if ((await stat(candidate)).isFile()) return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

/** gateway.port from the config text, if it is a valid port; nothing else is looked at. */
export function gatewayPortFromConfig(text: string): number | null {
  let config: unknown;
  try {
    config = JSON5.parse(text);
  } catch {
    return null;
  }
  const port = (config as { gateway?: { port?: unknown } } | null)?.gateway?.port;
  return typeof port === 'number' && Number.isInteger(port) && port >= 1 && port <= 65535 ? port : null;
}

export async function detectLocalOpenclaw(o: LocalOpenclawEnv = {}): Promise<LocalOpenclaw> {
  const env = o.env ?? process.env;
  const home = o.home ?? homedir();
  const stateDir = env.OPENCLAW_STATE_DIR || join(home, '.openclaw');
  const configCandidate = env.OPENCLAW_CONFIG_PATH || join(stateDir, 'openclaw.json');
  const binaryPath = await findOnPath('openclaw', env.PATH);
  let configPath: string | null = null;
  let port: number | null = null;
  try {
    const info = await stat(configCandidate);
    if (info.isFile()) {
      configPath = configCandidate;
      if (info.size <= MAX_CONFIG_BYTES) port = gatewayPortFromConfig(await readFile(configCandidate, 'utf8'));
    }
  } catch {
    // no config (or unreadable): not installed here, unless the binary is
  }
  let user = o.user;
  if (!user) {
    try {
      user = userInfo().username;
    } catch {
      user = env.USER ?? env.LOGNAME ?? '';
    }
  }
  return {
    installed: binaryPath !== null || configPath !== null,
    binaryPath,
    configPath,
    gatewayPort: port ?? DEFAULT_GATEWAY_PORT,
    gatewayPortSource: port === null ? 'default' : 'config',
    user,
  };
}
