// The probe's view of one server for one cycle: shared connections (pool, links), the server's own
// fact tasks and discovered openclaw path from the registry, and the operator's secrets.
import type { ServerConfig } from '../../shared/domain';
import type { ConfigAuditService } from '../config-audit/config-audit-service';
import type { GatewayLinks } from '../gateway/gateway-links';
import type { ServerRegistry } from '../registry/server-registry';
import type { MemorySecretStore } from '../secrets';
import type { SshPool } from '../ssh/ssh-pool';
import type { ProbeContext } from './server-probe';

export interface ProbeContextDeps {
  registry: ServerRegistry;
  pool: SshPool;
  links: GatewayLinks;
  secrets: MemorySecretStore;
  configAudit: ConfigAuditService;
  knownHostsPath: () => string;
  trustedHostsPath: string;
  agentSocket: () => string;
}

export function probeContextFor(d: ProbeContextDeps): (server: ServerConfig) => ProbeContext {
  return (server) => {
    const scope = d.registry.scope(server.id);
    return {
      knownHostsPath: d.knownHostsPath(),
      trustedHostsPath: d.trustedHostsPath,
      passphrase: (id) => d.secrets.get(`passphrase:${id}`),
      gatewayToken: (id) => d.secrets.get(`gateway-token:${id}`),
      agentSocket: d.agentSocket(),
      pool: d.pool,
      links: d.links,
      facts: scope.facts,
      located: { get: () => scope.openclawPath, set: (path) => void (scope.openclawPath = path) },
      configAudit: (input) => d.configAudit.schedule(input),
    };
  };
}
