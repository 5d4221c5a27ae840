// Reads a server's session-store metadata (see probes/session-store-meta.ts) over the pooled SSH
// connection the probes use, outside the probe cycle so a slow read never delays liveness checks.
import type { ServerConfig } from '../../shared/domain';
import type { SshPool } from '../ssh/ssh-pool';
import { readStoreMeta, type StoreMetaResult } from '../probes/session-store-meta';

export interface StoreMetaDeps {
  pool: SshPool;
  knownHostsPath: () => string;
  trustedHostsPath: string;
  passphrase: (serverId: string) => string | undefined;
  agentSocket: string;
  /** openclaw paths found off the PATH by the probe, per server id. */
  openclawPaths: Map<string, string>;
}

export function storeMetaReader(d: StoreMetaDeps): (server: ServerConfig) => Promise<StoreMetaResult> {
  return async (server) => {
    const session = await d.pool.session(server.id, {
      host: server.host,
      port: server.sshPort,
      username: server.sshUser,
      privateKeyPath: server.privateKeyPath,
      passphrase: d.passphrase(server.id),
      agentSocket: server.sshAuth === 'agent' ? d.agentSocket : undefined,
      knownHostsPath: d.knownHostsPath(),
      trustedHostsPath: d.trustedHostsPath,
    });
    return readStoreMeta(
      session,
      { profile: server.openclawProfile, stateDir: server.openclawStateDir },
      server.openclawPath ?? d.openclawPaths.get(server.id) ?? null,
    );
  };
}
