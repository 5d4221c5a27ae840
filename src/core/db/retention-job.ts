// Runs the database's retention at start and hourly in the background; stop() waits for a prune
// under way so the database is never closed under it.
import type { Logger } from '../log';
import type { ConsoleDatabase } from './console-database';

export class RetentionJob {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;

  constructor(
    private readonly database: Pick<ConsoleDatabase, 'prune'>,
    private readonly logger: Logger,
    private readonly everyMs = 60 * 60_000,
  ) {}

  start(): void {
    this.run();
    this.timer = setInterval(() => this.run(), this.everyMs);
    this.timer.unref?.();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running;
  }

  private run(): void {
    this.running = this.database.prune(Date.now()).then(
      ({ deleted }) => deleted && this.logger.info('history retention', { deleted }),
      (err: unknown) => this.logger.error('history retention failed', { error: String(err) }),
    );
  }
}
