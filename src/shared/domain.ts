// Domain types shared by core, hosts and renderer. Plain data only (JSON-safe: epoch-ms numbers,
// no Date/Map/BigInt), because the same values cross Electron IPC and a WebSocket.
// The core types live here; the rest is split by domain and re-exported, so importers use './domain'.
import type { ServerSnapshot } from './domain-probe';

export type * from './domain-probe';
export type * from './domain-alerts';
export type * from './domain-channels';
export type * from './domain-fleet-setup';

/** A watched server as the operator entered it. Secrets never live here. */
export interface ServerConfig {
  id: string;
  name: string;
  host: string;
  sshPort: number;
  sshUser: string;
  /** Path of a private key file on the console machine (its passphrase, if any, is asked for and kept in memory). */
  privateKeyPath: string;
  /** key: the key file above; agent: the ssh-agent at Yardmaster's SSH_AUTH_SOCK. */
  sshAuth?: 'key' | 'agent';
  /** Reached through this SSH jump host (OpenSSH ProxyJump, one hop). null or absent: directly. */
  jumpHost?: JumpHostConfig | null;
  gatewayPort: number;
  /**
   * auto: the gateway WebSocket (token read from the server's OpenClaw config over SSH), falling back
   * to the CLI; cli: never read the config, use only the `openclaw` CLI over SSH.
   */
  gatewayAccess?: 'auto' | 'cli';
  /** What the server is for: "ops" is the watcher's own side; others are specialist servers. */
  role?: string;
  tags?: string[];
  /** Probed, but shown as MAINTENANCE and never counted as an outage. */
  maintenance?: boolean;
  /** The openclaw binary on the server, when not on the PATH of a non-interactive SSH command. */
  openclawPath?: string;
  /** OpenClaw profile (--profile NAME, state in ~/.openclaw-NAME) when the server runs several. */
  openclawProfile?: string;
  /** Or an explicit OpenClaw state directory (OPENCLAW_STATE_DIR) on the server. */
  openclawStateDir?: string;
  /** Not probed at all while false. */
  enabled: boolean;
  createdAt: number;
}

/**
 * The bastion in front of a server: logged in to first (its host key checked against the same
 * known_hosts), then it forwards a channel to the server's SSH port. Its key's passphrase, when the
 * key file is the server's own, is the server's; another encrypted key is not supported (use the agent).
 */
export interface JumpHostConfig {
  host: string;
  port: number;
  user: string;
  privateKeyPath: string;
  sshAuth?: 'key' | 'agent';
}

/** What the operator types to add a server. */
export type ServerInput = Omit<ServerConfig, 'id' | 'createdAt' | 'enabled'> & { enabled?: boolean };

export interface ServerView {
  config: ServerConfig;
  snapshot: ServerSnapshot | null;
  /** The operator typed this server's gateway token (it is not read from the server's config). */
  gatewayTokenSupplied?: boolean;
}

export interface AppInfo {
  version: string;
  host: 'electron' | 'headless';
  dataDir: string;
  knownHostsPath: string;
  pollIntervalMs: number;
}

/** One point of a metric series: a raw sample (min = avg = max) or a rollup bucket. */
export interface SeriesPoint {
  t: number;
  min: number;
  avg: number;
  max: number;
  count: number;
}
