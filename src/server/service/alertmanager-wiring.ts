// Connects the Alertmanager channel to a running core from outside it: alert changes from the event
// hub, active alerts and server names through the router (as the local operator), cached until the
// inventory changes.
import { AlertmanagerService } from '../../core/alertmanager/alertmanager-service';
import type { AmServerInfo } from '../../core/alertmanager/alertmanager-format';
import type { Core } from '../../core/create-core';
import type { Logger } from '../../core/log';
import type { Alert, ServerView } from '../../shared/domain';

export function startAlertmanager(core: Core, o: { urls: string[]; resendIntervalMs: number; consoleUrl: string | null; logger: Logger }): { stop(): void } {
  let servers: Map<string, AmServerInfo> | null = null;
  const load = async () => {
    const r = await core.router.dispatch('servers.list', {});
    const views = r.ok ? (r.value as ServerView[]) : [];
    return new Map(views.map((v) => [v.config.id, { name: v.config.name, role: v.config.role ?? 'unassigned' }]));
  };
  const am = new AlertmanagerService({
    ...o,
    activeAlerts: async () => {
      const r = await core.router.dispatch('alerts.list', { scope: 'active' });
      return r.ok ? (r.value as Alert[]) : [];
    },
    server: async (id) => (servers ??= await load()).get(id) ?? null,
  });
  const off = core.events.on((topic, data) => {
    if (topic === 'servers.changed') servers = null;
    if (topic === 'alert.changed') am.changed(data as Alert);
  });
  am.start();
  o.logger.info('alertmanager channel on', { urls: o.urls.join(', '), resendIntervalMs: o.resendIntervalMs });
  return {
    stop: () => {
      off();
      am.stop();
    },
  };
}
