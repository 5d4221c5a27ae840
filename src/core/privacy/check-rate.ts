// Connection checks on typed values open TCP and SSH connections from the console to whatever was
// typed: without a limit a window could port-scan from the console's network position. A sliding
// window caps them (saved servers are not limited: their targets are already in the inventory).
export class SlidingWindowLimit {
  private readonly times: number[] = [];

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one slot; false when the window is full (nothing is taken then). */
  take(): boolean {
    const t = this.now();
    while (this.times.length && t - this.times[0]! >= this.windowMs) this.times.shift();
    if (this.times.length >= this.max) return false;
    this.times.push(t);
    return true;
  }
}

/** Typed-value checks the console runs per minute. */
export const TYPED_CHECKS_PER_MINUTE = 10;
