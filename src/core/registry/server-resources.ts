// Registers every per-server resource of the core with the registry, in one place: what each holds
// for a server and when it lets go (reset: settings or secrets changed; paused; release: removed).
import type { Alerting } from '../alerts/alerting';
import type { FleetConditions } from '../alerts/fleet-conditions';
import type { Collector } from '../collector';
import type { ConfigAuditService } from '../config-audit/config-audit-service';
import type { GatewayLinks } from '../gateway/gateway-links';
import type { HistoryStore } from '../history/history-store';
import type { MemorySecretStore } from '../secrets';
import type { SessionHealth } from '../sessions/session-health';
import type { SshPool } from '../ssh/ssh-pool';
import type { ServerRegistry } from './server-registry';

export interface CoreResources {
  pool: SshPool;
  links: GatewayLinks;
  collector: Collector;
  alerting: Alerting;
  conditions: FleetConditions;
  configAudit: ConfigAuditService;
  history: HistoryStore;
  sessionHealth: SessionHealth;
  secrets: MemorySecretStore;
}

export function registerServerResources(registry: ServerRegistry, r: CoreResources): void {
  const connections = (id: string) => {
    r.links.drop(id);
    r.pool.drop(id);
  };
  // First: a changed key file's passphrase must be gone before anything probes again.
  registry.register({
    name: 'secrets',
    // A passphrase belongs to one key file.
    changed: (next, prev) => {
      if (next.privateKeyPath !== prev.privateKeyPath) r.secrets.delete(`passphrase:${next.id}`);
    },
    release: (id) => {
      r.secrets.delete(`passphrase:${id}`);
      r.secrets.delete(`gateway-token:${id}`);
    },
  });
  const reopen = (id: string) => {
    r.links.drop(id);
    r.pool.reopen(id);
  };
  registry.register({ name: 'connections', reset: connections, reconnect: reopen, paused: connections, release: connections });
  registry.register({
    name: 'schedule',
    added: () => r.collector.sync(),
    changed: (next) => {
      r.collector.sync();
      if (next.enabled) r.collector.probeNow(next.id).catch(() => {});
    },
    release: (id) => r.collector.forget(id),
  });
  registry.register(r.alerting);
  registry.register(r.conditions);
  registry.register({ name: 'config audit', release: (id) => r.configAudit.forget(id) });
  registry.register({ name: 'session health', release: (id) => r.sessionHealth.forgetServer(id) });
  // The outage record and series stay (history is kept); only the latest snapshot goes.
  registry.register({ name: 'history', release: (id) => r.history.forgetServer(id) });
}
