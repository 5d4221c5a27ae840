// Reads a server's session-store metadata (see probes/session-store-meta.ts) over the pooled SSH
// connection the probes use, outside the probe cycle so a slow read never delays liveness checks.
import type { ServerConfig } from '../../shared/domain';
import type { SshPool } from '../ssh/ssh-pool';
import { serverSshTarget } from '../ssh/server-ssh-target';
import { readStoreMeta, type StoreMetaResult } from '../probes/session-store-meta';

export interface StoreMetaDeps {
  pool: SshPool;
  knownHostsPath: () => string;
  trustedHostsPath: string;
  passphrase: (serverId: string) => string | undefined;
  agentSocket: string;
  /** Where the probe found openclaw off the PATH on this server, if it had to look. */
  openclawPath: (serverId: string) => string | undefined;
}

export function storeMetaReader(d: StoreMetaDeps): (server: ServerConfig) => Promise<StoreMetaResult> {
  return async (server) => {
    const session = await d.pool.session(
      server.id,
      serverSshTarget(server, { knownHostsPath: d.knownHostsPath(), trustedHostsPath: d.trustedHostsPath, passphrase: d.passphrase(server.id), agentSocket: d.agentSocket }),
    );
    return readStoreMeta(
      session,
      { profile: server.openclawProfile, stateDir: server.openclawStateDir },
      server.openclawPath ?? d.openclawPath(server.id) ?? null,
    );
  };
}
