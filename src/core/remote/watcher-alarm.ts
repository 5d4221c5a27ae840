// While the desktop is attached, losing the ops server is itself an alert: nobody is watching the
// fleet from here. Raised once the connection has been down for the grace period (a blip is not a
// page), resolved when it is back; shaped like any alert so the tray and notifications show it.
import type { Alert } from '../../shared/domain';
import type { RemoteState } from './remote-console';

export const WATCHER_ALERT_ID = 'watcher-unreachable';

export class WatcherAlarm {
  private downSince: number | null = null;
  private raised: Alert | null = null;

  constructor(
    private readonly targetName: string,
    private readonly graceMs = 30_000,
  ) {}

  /** Feed every state change and a periodic tick; returns the alert when it is raised or resolved. */
  update(state: RemoteState, now: number): Alert | null {
    if (state === 'open' || state === 'connecting') {
      if (state === 'open') this.downSince = null;
      if (state === 'open' && this.raised) {
        const resolved = { ...this.raised, resolvedAt: now };
        this.raised = null;
        return resolved;
      }
      return null;
    }
    this.downSince ??= now;
    if (this.raised || now - this.downSince < this.graceMs) return null;
    const why = state === 'refused' ? 'refused this desktop (token revoked or wrong?)' : 'is unreachable';
    this.raised = {
      id: WATCHER_ALERT_ID,
      rule: WATCHER_ALERT_ID,
      severity: 'critical',
      serverId: 'ops-server',
      agentId: null,
      summary: `The watcher ${this.targetName} ${why}: nothing is watching the fleet from this desktop.`,
      startedAt: this.downSince,
      resolvedAt: null,
      inhibited: false,
      silencedBy: null,
      ackedAt: null,
      ackedBy: null,
    };
    return this.raised;
  }
}
