// Handlers behind the window's ops views (issue 12): status strips, probe timing, alert history,
// incidents, acknowledge-all and the Settings view. Reads only, except ack and settings.
import type { ConsoleSettingsView } from '../../shared/console-ui';
import type { Alert } from '../../shared/domain';
import type { Handlers } from '../router';
import { AppError } from '../router';
import type { Database } from '../history/sqlite';
import { probeTimeline, recentProbes } from '../history/probe-queries';
import { alertsInRange } from '../alerts/alert-history';
import { groupIncidents } from '../alerts/incidents';
import type { Escalator } from '../alerts/escalation';
import type { SettingsStore } from '../settings/settings-store';
import { applyPatch, DEFAULT_TUNABLES, policyOf, readTunables } from '../settings/console-tunables';
import type { EventHub } from '../events';

export interface ConsoleUiDeps {
  db: Database;
  settings: SettingsStore;
  alerts: { list(): Alert[]; ack(id: string, by: string): Alert | null };
  escalator: Pick<Escalator, 'setPolicy'>;
  events: EventHub;
  author: string;
  /** Values fixed on the command line for this run (they win over the saved ones). */
  overrides: { pollIntervalMs?: number; rpcIntervalMs?: number; alertHoldDownMs?: number };
  now?: () => number;
}

type UiMethods =
  | 'fleet.recentProbes'
  | 'servers.probeTimeline'
  | 'alerts.history'
  | 'alerts.incidents'
  | 'alerts.ackAll'
  | 'settings.get'
  | 'settings.update';

/** The tunables in force (saved over defaults), for the core to read at every cycle. */
export function currentTunables(settings: SettingsStore) {
  const s = settings.get();
  return readTunables(s.tunables, s.pollIntervalMs);
}

export function consoleUiHandlers(d: ConsoleUiDeps): Pick<Handlers, UiMethods> {
  const now = d.now ?? Date.now;
  const view = (): ConsoleSettingsView => {
    const tunables = currentTunables(d.settings);
    return {
      tunables,
      defaults: DEFAULT_TUNABLES,
      overriddenByCommandLine: (['pollIntervalMs', 'rpcIntervalMs', 'alertHoldDownMs'] as const).filter((k) => d.overrides[k] !== undefined),
    };
  };
  // Active alerts carry the live silence state; the table has the rest.
  const withLive = (list: Alert[]) => {
    const live = new Map(d.alerts.list().map((a) => [a.id, a]));
    return list.map((a) => live.get(a.id) ?? a);
  };
  return {
    'fleet.recentProbes': ({ limit }) => {
      const n = limit ?? 30;
      // Look back far enough for n probes at the slowest allowed interval, and no further.
      const interval = Math.max(d.overrides.pollIntervalMs ?? 0, d.settings.get().pollIntervalMs);
      return recentProbes(d.db, n, now() - Math.max(60_000, 3 * n * interval));
    },
    'servers.probeTimeline': ({ id, from, to, buckets }) => probeTimeline(d.db, id, from, to, buckets ?? 240, now()),
    'alerts.history': ({ from, to, serverId, limit }) => withLive(alertsInRange(d.db, from, to, serverId ?? null, limit ?? 1000)),
    'alerts.incidents': ({ from, to, serverId }) => groupIncidents(alertsInRange(d.db, from, to, serverId ?? null, 5000), now()),
    'alerts.ackAll': ({ ids }) => {
      const wanted = ids ? new Set(ids) : null;
      let acked = 0;
      for (const a of d.alerts.list()) {
        if (a.ackedAt !== null || (wanted && !wanted.has(a.id))) continue;
        if (d.alerts.ack(a.id, d.author)) acked += 1;
      }
      return { acked };
    },
    'settings.get': () => view(),
    'settings.update': (patch) => {
      if (Object.keys(patch).length === 0) throw new AppError('invalid-input', 'Nothing to change.');
      const next = applyPatch(currentTunables(d.settings), patch);
      d.settings.update((s) => ({
        ...s,
        pollIntervalMs: next.pollIntervalMs,
        tunables: { rpcIntervalMs: next.rpcIntervalMs, alertHoldDownMs: next.alertHoldDownMs, escalation: next.escalation, thresholds: next.thresholds },
      }));
      // Intervals and hold-down are read at every cycle; the ladder is handed over now.
      d.escalator.setPolicy(policyOf(next));
      d.events.emit('settings.changed', {});
      return view();
    },
  };
}
