// OS notifications from the main process. The core decides when (escalation ladder: raised,
// escalated, repeated; never for muted, silenced or acknowledged alerts); this only shows them.
// Critical alerts use critical urgency and stay until dismissed (Linux honours both; action buttons
// are macOS/Windows only, so a click opens the window on that alert).
import { Notification } from 'electron';
import type { EventPayloads } from '../shared/contract';
import type { Alert } from '../shared/domain';

export interface AlertNotifier {
  onNotice(notice: EventPayloads['alert.notify']): void;
  onAlert(alert: Alert): void;
}

/** showAlert opens the window on that alert (a click on its notification). */
export function createAlertNotifier(showAlert: (alertId: string) => void): AlertNotifier {
  const notified = new Set<string>();
  return {
    onAlert(alert) {
      // Tell the person who was paged that it is over.
      if (alert.resolvedAt !== null && notified.delete(alert.id) && alert.severity === 'critical' && Notification.isSupported()) {
        new Notification({ title: 'Yardmaster: resolved', body: alert.summary, urgency: 'normal', silent: true }).show();
      }
    },
    onNotice({ alert, targets, reason, group }) {
      if (!targets.includes('desktop') || !Notification.isSupported()) return;
      notified.add(alert.id);
      const severity = alert.severity === 'critical' ? 'critical' : 'warning';
      const n = new Notification({
        // A storm's grouped notice: one notification, its text names the servers (the window lists all).
        title: `Yardmaster: ${severity}${group ? ` on ${group.count} servers` : ''}${reason === 'raised' ? '' : ' (still unacknowledged)'}`,
        body: alert.summary,
        urgency: alert.severity === 'critical' ? 'critical' : 'normal',
        timeoutType: alert.severity === 'critical' ? 'never' : 'default',
      });
      n.on('click', () => showAlert(alert.id));
      n.show();
    },
  };
}
