// Console API handlers of the config audit, kept out of create-core.ts (which only spreads them in).
import type { ServerConfig } from '../../shared/domain';
import type { Collector } from '../collector';
import type { EventHub } from '../events';
import { AppError, type Handlers } from '../router';
import type { SettingsStore } from '../settings/settings-store';
import type { ConfigAuditService } from './config-audit-service';

type AuditHandlers = Pick<Handlers, 'config.audit' | 'config.refresh' | 'config.baselines.list' | 'config.baselines.setFromServer' | 'config.baselines.update' | 'config.baselines.remove'>;

export function configAuditHandlers(d: {
  settings: SettingsStore;
  configAudit: ConfigAuditService;
  collector: Collector;
  events: EventHub;
  findServer: (id: string) => ServerConfig;
}): AuditHandlers {
  const all = () => d.settings.get().servers.map((s) => d.configAudit.audit(s));
  return {
    'config.audit': () => all(),
    'config.refresh': async ({ ids }) => {
      const servers = d.settings.get().servers.filter((s) => s.enabled && (!ids || ids.includes(s.id)));
      // A fresh probe hands the session and link to the audit, which then reads regardless of its intervals.
      await Promise.allSettled(servers.map((s) => d.collector.probeNow(s.id)));
      await d.configAudit.settled(servers.map((s) => s.id));
      return all();
    },
    'config.baselines.list': () => d.configAudit.baselines(),
    'config.baselines.setFromServer': ({ role, serverId }) => {
      const result = d.configAudit.setBaselineFromServer(role, d.findServer(serverId));
      if ('error' in result) throw new AppError('conflict', result.error);
      return result;
    },
    'config.baselines.update': ({ role, values, remove }) => {
      const result = d.configAudit.updateBaseline(role, values, remove ?? []);
      if ('fields' in result) throw new AppError('invalid-input', 'Some baseline values were not accepted.', result.fields);
      return result;
    },
    'config.baselines.remove': ({ role }) => {
      if (!d.configAudit.removeBaseline(role)) throw new AppError('not-found', `No baseline for the role "${role}".`);
      return { removed: true as const };
    },
  };
}
