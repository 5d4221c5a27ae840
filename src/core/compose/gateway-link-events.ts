// The gateway WebSockets' own news, turned into work: a dropped link or an undelivered heartbeat
// gets the server probed (fresh facts), a config change marks its config audit due.
import type { Collector } from '../collector';
import type { ConfigAuditService } from '../config-audit/config-audit-service';
import { GatewayLinks } from '../gateway/gateway-links';
import type { LinkLoss } from '../gateway/gateway-link';
import type { Logger } from '../log';
import type { PollingControl } from '../polling';

export interface GatewayLinkEventDeps {
  appVersion: string;
  logger: Logger;
  collector: () => Collector;
  polling: () => PollingControl;
  configAudit: () => ConfigAuditService;
  /** Keep-alive ping interval of the gateway links (default gateway-link.ts). */
  pingIntervalMs?: number;
  /** The gateway said its config changed (journaled for incident reports). */
  onConfigEvent?: (serverId: string) => void;
}

/** How long after an undelivered heartbeat output its jobs are read again (the run is recorded by then). */
const UNDELIVERED_REREAD_MS = 5_000;

export function createGatewayLinks(d: GatewayLinkEventDeps): GatewayLinks {
  const probeNow = (serverId: string, linkLoss?: LinkLoss) => {
    if (!d.polling().isPaused()) d.collector().probeNow(serverId, linkLoss).catch(() => {});
  };
  // A gateway WebSocket that drops (crash, restart) or stops answering pings (hang) gets the server
  // looked at now; that probe can confirm DOWN at once (down-confirmation.ts).
  const links = new GatewayLinks(
    d.appVersion,
    (serverId, reason, loss) => {
      d.logger.warn('gateway link lost', { serverId, reason, loss });
      probeNow(serverId, loss);
    },
    d.pingIntervalMs,
  );
  links.configChanged = (serverId) => {
    d.onConfigEvent?.(serverId);
    d.configAudit().markDue(serverId);
  };
  // Read the heartbeat jobs again soon, so the undelivered output is attributed to its agent before
  // that agent's next run replaces the record.
  links.heartbeatUndelivered = (serverId) => {
    setTimeout(() => probeNow(serverId), UNDELIVERED_REREAD_MS).unref?.();
  };
  return links;
}
