// Pausing polling (from the tray, during planned work) stops every probe; a pause always ends by
// itself, so nobody forgets to resume.
import type { PollingState } from '../shared/contract';
import type { Collector } from './collector';
import type { EventHub } from './events';
import type { Handlers } from './router';
import type { Logger } from './log';

export class PollingControl {
  private pausedUntil: number | null = null;
  private resumeTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly collector: Collector,
    private readonly events: EventHub,
    private readonly logger: Logger,
  ) {}

  state(): PollingState {
    return { pausedUntil: this.pausedUntil };
  }

  isPaused(): boolean {
    return this.pausedUntil !== null;
  }

  pause(durationMs: number): PollingState {
    if (this.resumeTimer) clearTimeout(this.resumeTimer);
    this.pausedUntil = Date.now() + durationMs;
    this.collector.stop();
    this.resumeTimer = setTimeout(() => this.resume('pause ended'), durationMs);
    this.resumeTimer.unref?.();
    this.logger.warn('polling paused', { until: new Date(this.pausedUntil).toISOString() });
    this.events.emit('polling.changed', this.state());
    return this.state();
  }

  resume(why: string): PollingState {
    this.stop();
    if (this.pausedUntil === null) return this.state();
    this.pausedUntil = null;
    this.logger.warn('polling resumed', { why });
    this.collector.start();
    this.events.emit('polling.changed', this.state());
    return this.state();
  }

  /** Shutdown: no resume timer left behind. */
  stop(): void {
    if (this.resumeTimer) clearTimeout(this.resumeTimer);
    this.resumeTimer = null;
  }
}

export function pollingHandlers(polling: PollingControl): Pick<Handlers, 'polling.get' | 'polling.pause' | 'polling.resume'> {
  return {
    'polling.get': () => polling.state(),
    'polling.pause': ({ durationMs }) => polling.pause(durationMs),
    'polling.resume': () => polling.resume('operator'),
  };
}
