// Planned-work windows: while one is open the server is probed but shown MAINTENANCE, and nothing it
// does counts as an outage or pages server-down. Every window has an end and ends by itself.
export interface MaintenanceWindow {
  serverId: string;
  reason: string;
  startedAt: number;
  untilMs: number;
}

export class MaintenanceWindows {
  private readonly windows = new Map<string, MaintenanceWindow>();

  constructor(
    private readonly onChange: (serverId: string) => void = () => {},
    private readonly now: () => number = Date.now,
  ) {}

  /** Opens (or replaces) the window of one server, until untilMs (epoch ms, in the future). */
  begin(serverId: string, reason: string, untilMs: number): MaintenanceWindow {
    const now = this.now();
    if (!(untilMs > now)) throw new RangeError('A maintenance window must end in the future.');
    const w: MaintenanceWindow = { serverId, reason: reason.slice(0, 200), startedAt: now, untilMs };
    this.windows.set(serverId, w);
    this.onChange(serverId);
    return w;
  }

  /** Closes the window early; false when none was open. */
  end(serverId: string): boolean {
    const had = this.active(serverId) !== null;
    this.windows.delete(serverId);
    if (had) this.onChange(serverId);
    return had;
  }

  /** The window open now, if any (an expired one is gone). */
  active(serverId: string, now = this.now()): MaintenanceWindow | null {
    const w = this.windows.get(serverId);
    if (!w) return null;
    if (now >= w.untilMs) {
      this.windows.delete(serverId);
      return null;
    }
    return w;
  }

  list(now = this.now()): MaintenanceWindow[] {
    return [...this.windows.keys()].map((id) => this.active(id, now)).filter((w): w is MaintenanceWindow => w !== null);
  }
}
