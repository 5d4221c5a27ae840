// Automatic maintenance windows for planned work: while a server is being updated its planned restart
// must not page anyone (no server-down, no gateway-not-ready). The window always has an end, so a
// server that does not come back pages once it is over. Until the per-server registry's
// maintenance.begin/end is merged, this in-memory flag is what the alert path consults.
export class MaintenanceWindows {
  private readonly windows = new Map<string, { reason: string; untilMs: number }>();

  begin(serverId: string, reason: string, untilMs: number): void {
    this.windows.set(serverId, { reason, untilMs });
  }

  end(serverId: string): void {
    this.windows.delete(serverId);
  }

  active(serverId: string, now: number): boolean {
    const w = this.windows.get(serverId);
    if (!w) return false;
    if (now >= w.untilMs) {
      this.windows.delete(serverId);
      return false;
    }
    return true;
  }
}

/** Conditions that still page inside a window: a changed host key is never planned work. */
export const PAGES_IN_MAINTENANCE = new Set(['host-key-changed']);
