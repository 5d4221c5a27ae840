// Planned-work maintenance windows (HELPERS.md: the registry will offer maintenance.begin/end). Until
// that is merged, hygiene sets this in-memory flag and the alert path in create-core consults it, so a
// server in a hygiene run pages no one for the run's expected duration. A flag always ends by itself.
export interface MaintenanceWindows {
  begin(serverId: string, reason: string, untilMs: number): void;
  end(serverId: string): void;
}

export class InMemoryMaintenance implements MaintenanceWindows {
  private readonly until = new Map<string, { reason: string; untilMs: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  begin(serverId: string, reason: string, untilMs: number): void {
    this.until.set(serverId, { reason, untilMs });
  }

  end(serverId: string): void {
    this.until.delete(serverId);
  }

  /** The reason, while serverId is in a window now. */
  active(serverId: string): string | null {
    const w = this.until.get(serverId);
    if (!w) return null;
    if (this.now() >= w.untilMs) {
      this.until.delete(serverId);
      return null;
    }
    return w.reason;
  }
}
