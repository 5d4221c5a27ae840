// Console API of the inventory and each server's state. Lifecycle goes through the registry (which
// releases whatever a change invalidates); nothing is cleared by hand here.
import type { ServerConfig, ServerSnapshot, ServerView } from '../../shared/domain';
import { slimSnapshot } from '../../shared/snapshot-summary';
import type { Collector } from '../collector';
import type { EventHub } from '../events';
import type { HistoryStore } from '../history/history-store';
import type { Logger } from '../log';
import type { ServerRegistry } from '../registry/server-registry';
import { AppError, type Handlers } from '../router';
import type { MemorySecretStore } from '../secrets';
import { appendTrustedHostKey } from '../ssh/known-hosts-file';
import { withSessionPseudonyms } from '../privacy/privacy-handlers';

type ServerMethods =
  | 'servers.list'
  | 'servers.add'
  | 'servers.update'
  | 'servers.remove'
  | 'servers.probeNow'
  | 'servers.unlockKey'
  | 'servers.setGatewayToken'
  | 'servers.trustHostKey'
  | 'servers.transitions'
  | 'servers.series'
  | 'servers.detail';

export interface ServersDeps {
  registry: ServerRegistry;
  /** Session keys as the window gets them (pseudonyms; the real key through sessions.revealKey). */
  sessionPseudonym: (sessionKey: string) => string;
  collector: Collector;
  secrets: MemorySecretStore;
  history: HistoryStore;
  events: EventHub;
  logger: Logger;
  trustedHostsPath: string;
  /** "Check now" also runs the cheap checks that otherwise wait for their cadence (SSH still accepting?). */
  onProbeNow?: (server: ServerConfig) => void;
}

export function serversHandlers(d: ServersDeps): Pick<Handlers, ServerMethods> {
  // Every snapshot a window gets names sessions by pseudonym (a real key only through sessions.revealKey).
  const shownOrNull = (s: ServerSnapshot | null): ServerSnapshot | null => withSessionPseudonyms(s, d.sessionPseudonym);
  const shown = (s: ServerSnapshot): ServerSnapshot => shownOrNull(s)!;
  // Windows get rows (no session/heartbeat arrays); servers.detail has the rest.
  const view = (config: ServerConfig): ServerView => {
    const snapshot = d.collector.snapshot(config.id);
    return { config, snapshot: snapshot && slimSnapshot(snapshot), gatewayTokenSupplied: d.secrets.get(`gateway-token:${config.id}`) !== undefined };
  };
  const changed = (id: string) => d.events.emit('servers.changed', { ids: [id] });
  return {
    'servers.list': () => d.registry.list().map(view),
    'servers.detail': ({ id }) => {
      d.registry.require(id);
      return shownOrNull(d.collector.snapshot(id));
    },
    'servers.add': (input) => {
      const server = d.registry.add(input);
      changed(server.id);
      return server;
    },
    'servers.update': ({ id, patch }) => {
      const next = d.registry.reconfigure(id, patch);
      changed(id);
      return next;
    },
    'servers.remove': ({ id }) => {
      d.registry.remove(id);
      changed(id);
      return { removed: true as const };
    },
    'servers.probeNow': ({ id }) => {
      d.onProbeNow?.(d.registry.require(id));
      return d.collector.probeNow(id).then(shown);
    },
    'servers.unlockKey': ({ id, passphrase, remember }) => {
      d.registry.require(id);
      d.secrets.set(`passphrase:${id}`, passphrase, { remember: remember === true });
      return d.collector.probeNow(id).then(shown);
    },
    'servers.setGatewayToken': ({ id, token, remember }) => {
      const server = d.registry.require(id);
      if (token === null) d.secrets.delete(`gateway-token:${id}`);
      else d.secrets.set(`gateway-token:${id}`, token, { remember: remember === true });
      d.logger.info(token === null ? 'gateway token: read from the server again' : 'gateway token: typed by operator', { server: server.name });
      d.registry.reset(id);
      changed(id);
      return d.collector.probeNow(id).then(shown);
    },
    'servers.trustHostKey': ({ id, fingerprint }) => {
      const server = d.registry.require(id);
      const error = d.collector.snapshot(id)?.error;
      // Trust exactly the key the operator was shown, never whatever the host offers next.
      if (error?.kind !== 'host-key-unknown' || error.detail?.fingerprint !== fingerprint || !error.detail.key || !error.detail.keyType) {
        throw new AppError('conflict', 'That key is no longer the one on offer; check the server again and compare fingerprints.');
      }
      // A key the jump host offered is the jump host's, recorded under its name, not the server's.
      const at = error.detail.hop === 'jump' && server.jumpHost ? { host: server.jumpHost.host, port: server.jumpHost.port } : { host: server.host, port: server.sshPort };
      appendTrustedHostKey(d.trustedHostsPath, at.host, at.port, error.detail.keyType, error.detail.key);
      d.logger.warn('host key trusted by operator', { server: server.name, fingerprint });
      d.registry.reset(id);
      return d.collector.probeNow(id).then(shown);
    },
    'servers.transitions': ({ id, limit }) => d.history.transitions(id, limit ?? 100),
    'servers.series': ({ id, metric, from, to }) => d.history.series(id, metric, from, to),
  };
}
