// The tray and OS notifications, fed by whatever the desktop watches through (its own core, or the
// ops server it is attached to). On a switch (attach.changed) the tray forgets what it knew and reads
// the new source's fleet, alerts and polling state; while attached, the tooltip names the ops server
// and its link, and a viewer token's limits show as disabled items.
import type { AttachStatus } from '../shared/contract-attach';
import type { EventPayloads } from '../shared/contract';
import type { Alert, ServerSnapshot, ServerView } from '../shared/domain';
import type { ConsoleEndpoint } from '../core/core-options';
import { createAlertNotifier } from './notifications';
import { createTray, TrayState, type TrayContext } from './tray';

export interface DesktopTrayActions {
  openWindow(): void;
  showAlert(alertId: string): void;
  quit(): void;
}

function contextOf(s: AttachStatus | null): TrayContext {
  if (!s || s.mode === 'local') return {};
  const where = s.tunnelHost ? `${new URL(s.url!).host} via ${s.tunnelHost}` : new URL(s.url!).host;
  return { watching: `attached to ${where}${s.connection === 'open' ? '' : ` (${s.connection})`}`, viewer: s.role === 'viewer' };
}

export function createDesktopTray(resourcesDir: string, endpoint: ConsoleEndpoint, actions: DesktopTrayActions): { destroy(): void } {
  let state = new TrayState();
  let pausedUntil: number | null = null;
  let context: TrayContext = {};
  const dispatch = (method: string, payload: unknown) => endpoint.router.dispatch(method, payload);
  const refresh = () => tray.update(state.statuses(), state.alerts(), pausedUntil, context);
  const tray = createTray(resourcesDir, {
    openWindow: actions.openWindow,
    acknowledgeAll: () => {
      for (const a of state.alerts()) if (a.ackedAt === null) void dispatch('alerts.ack', { id: a.id });
    },
    snoozeAll: () => void dispatch('silences.create', { matchers: {}, durationMs: 3_600_000, comment: 'snoozed from the tray' }),
    pausePolling: () => void dispatch('polling.pause', { durationMs: 3_600_000 }),
    resumePolling: () => void dispatch('polling.resume', {}),
    quit: actions.quit,
  });
  const notifier = createAlertNotifier(actions.showAlert);

  /** Everything again from the source now shown: a new TrayState, so nothing of the old one lingers. */
  const resync = async (status: AttachStatus) => {
    const [servers, alerts, polling] = await Promise.all([dispatch('servers.list', {}), dispatch('alerts.list', { scope: 'active' }), dispatch('polling.get', {})]);
    const next = new TrayState();
    if (servers.ok) for (const v of servers.value as ServerView[]) if (v.snapshot) next.snapshot(v.snapshot);
    if (alerts.ok) for (const a of alerts.value as Alert[]) next.alert(a);
    state = next;
    pausedUntil = polling.ok ? (polling.value as EventPayloads['polling.changed']).pausedUntil : null;
    context = contextOf(status);
    refresh();
  };

  const off = endpoint.events.on((topic, data) => {
    if (topic === 'server.snapshot') {
      state.snapshot(data as ServerSnapshot);
    } else if (topic === 'servers.changed') {
      // A server was added, edited or removed: keep only what the inventory still holds.
      void dispatch('servers.list', {}).then((r) => {
        if (!r.ok) return;
        state.keepServers((r.value as ServerView[]).map((v) => v.config.id));
        refresh();
      });
      return;
    } else if (topic === 'alert.changed') {
      const a = data as Alert;
      state.alert(a);
      notifier.onAlert(a);
    } else if (topic === 'polling.changed') {
      pausedUntil = (data as EventPayloads['polling.changed']).pausedUntil;
    } else if (topic === 'alert.notify') {
      notifier.onNotice(data as EventPayloads['alert.notify']);
      return;
    } else if (topic === 'attach.changed') {
      const status = data as AttachStatus;
      const before = context;
      context = contextOf(status);
      // A switch of source (or a link back after a loss) reads everything again; a state change only repaints.
      if (status.mode === 'local' ? before.watching !== undefined : status.connection === 'open') void resync(status);
    } else return;
    refresh();
  });
  return {
    destroy: () => {
      off();
      tray.destroy();
    },
  };
}
