// OS notifications from the main process for newly raised alerts (not for muted ones, not again on
// every update). Critical alerts use critical urgency and stay until dismissed (Linux honours both;
// action buttons are macOS/Windows only, so a click just opens the window).
import { Notification } from 'electron';
import type { Alert } from '../shared/domain';

export interface AlertNotifier {
  onAlert(alert: Alert): void;
}

export function createAlertNotifier(openWindow: () => void): AlertNotifier {
  const notified = new Set<string>();
  return {
    onAlert(alert) {
      if (alert.resolvedAt !== null) {
        if (notified.delete(alert.id) && alert.severity === 'critical') {
          new Notification({ title: 'Resolved', body: alert.summary, urgency: 'normal', silent: true }).show();
        }
        return;
      }
      if (alert.inhibited || alert.silencedBy || alert.severity === 'info' || notified.has(alert.id)) return;
      notified.add(alert.id);
      if (!Notification.isSupported()) return;
      const n = new Notification({
        title: alert.severity === 'critical' ? 'Yardmaster: critical' : 'Yardmaster: warning',
        body: alert.summary,
        urgency: alert.severity === 'critical' ? 'critical' : 'normal',
        timeoutType: alert.severity === 'critical' ? 'never' : 'default',
      });
      n.on('click', openWindow);
      n.show();
    },
  };
}
