// What a server's alerts are judged on beside its snapshot: the config audit (drift from a role's
// baseline), the SSH accept check (a listener gone while the pooled connection lives on) and the
// fleet's conditions that combine them with history and session health. Either of the first two can
// change what an alert means without a probe, so each re-evaluates that server on its own.
import type { Condition } from '../alerts/alert-rules';
import type { Alerting } from '../alerts/alerting';
import { FleetConditions } from '../alerts/fleet-conditions';
import type { Collector } from '../collector';
import { ConfigAuditService } from '../config-audit/config-audit-service';
import { currentTunables } from '../console-ui/console-ui-handlers';
import type { CoreOptions } from '../core-options';
import type { ConsoleDatabase } from '../db/console-database';
import type { EventHub } from '../events';
import { SshAcceptWatch } from '../probes/ssh-accept-watch';
import type { ServerRegistry } from '../registry/server-registry';
import type { SessionHealth } from '../sessions/session-health';
import { ruleLimitsOf } from '../settings/console-tunables';
import type { SettingsStore } from '../settings/settings-store';

export interface FleetConditionsPartsDeps {
  o: CoreOptions;
  settings: SettingsStore;
  database: ConsoleDatabase;
  events: EventHub;
  registry: ServerRegistry;
  alerting: Alerting;
  sessionHealth: SessionHealth;
  /** Built after these parts (it probes through the config audit): asked for lazily. */
  collector: () => Collector;
  /** Mutating actions in progress adjust what their servers' conditions mean (a planned restart). */
  adjust: (serverId: string, conditions: Condition[]) => Condition[];
  onProjectionChanged?: ConstructorParameters<typeof ConfigAuditService>[0]['onProjectionChanged'];
}

export function createFleetConditionsParts(d: FleetConditionsPartsDeps) {
  const { o } = d;
  const configAudit: ConfigAuditService = new ConfigAuditService({
    settings: d.settings,
    logger: o.logger,
    onProjectionChanged: d.onProjectionChanged,
    // A changed projection or baseline re-evaluates that server's alerts at once.
    onChange: (serverId) => {
      reevaluate(serverId);
      d.events.emit('config.audit.changed', { serverIds: [serverId] });
    },
  });
  // Issue 11 (sshd down, open sessions alive): a cheap fresh-connection check beside the pooled one.
  const sshAccept = new SshAcceptWatch({
    intervalMs: o.sshAcceptIntervalMs,
    check: o.sshAcceptCheck ?? (o.probe ? async () => ({ accepting: true, at: Date.now() }) : undefined),
    onChange: (serverId) => reevaluate(serverId),
  });
  const conditions = new FleetConditions({
    extra: sshAccept,
    history: d.database.history,
    sessionHealth: d.sessionHealth,
    configAudit,
    logger: o.logger,
    adjust: d.adjust,
    limits: () => ruleLimitsOf(currentTunables(d.settings)),
  });
  // Something other than a probe changed what a server's alerts mean (a baseline, the SSH accept check).
  function reevaluate(serverId: string): void {
    const server = d.registry.get(serverId);
    const snapshot = d.collector().snapshot(serverId);
    if (server && snapshot) d.alerting.evaluate(serverId, conditions.of(server, snapshot), conditions.unknownOf(server, snapshot));
  }
  d.registry.register({ name: 'ssh accept check', release: (id) => sshAccept.forget(id) });
  return { configAudit, sshAccept, conditions };
}
