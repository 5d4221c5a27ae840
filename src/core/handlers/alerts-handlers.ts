// Console API of alerts and silences.
import type { Alerting } from '../alerts/alerting';
import type { AlertStore } from '../alerts/alert-store';
import type { SilenceStore } from '../alerts/silences';
import type { EventHub } from '../events';
import type { Logger } from '../log';
import { AppError, type Handlers } from '../router';

export interface AlertsDeps {
  alerting: Alerting;
  store: AlertStore;
  silences: SilenceStore;
  events: EventHub;
  logger: Logger;
  /** Who acknowledges or silences from this console ("desktop" or "console"). */
  author: string;
}

export function alertsHandlers(d: AlertsDeps): Pick<Handlers, 'alerts.list' | 'alerts.ack'> {
  return {
    'alerts.list': ({ scope, limit }) => (scope === 'active' ? d.alerting.engine.list() : d.store.recent(limit ?? 50)),
    'alerts.ack': ({ id }) => {
      const acked = d.alerting.engine.ack(id, d.author);
      if (!acked) throw new AppError('not-found', 'No active alert with that id (already resolved?).');
      return acked;
    },
  };
}

export function silencesHandlers(d: AlertsDeps): Pick<Handlers, 'silences.list' | 'silences.create' | 'silences.expire'> {
  return {
    'silences.list': () => d.silences.active(Date.now()),
    'silences.create': ({ matchers, durationMs, comment }) => {
      const silence = d.silences.create(matchers, Date.now(), durationMs, d.author, comment);
      d.logger.info('silence created', { matchers: JSON.stringify(matchers), durationMs, comment });
      d.alerting.engine.refreshSilences();
      d.events.emit('silences.changed', { ids: [silence.id] });
      return silence;
    },
    'silences.expire': ({ id }) => {
      if (!d.silences.expire(id, Date.now())) throw new AppError('not-found', 'No such silence in force.');
      d.alerting.engine.refreshSilences();
      d.events.emit('silences.changed', { ids: [id] });
      return { expired: true as const };
    },
  };
}
