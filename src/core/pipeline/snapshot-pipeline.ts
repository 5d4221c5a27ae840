// What happens to every snapshot, in order: record → session health → alert evaluation → broadcast.
// Each step runs on its own guard: one failing step is logged and counted and the next still runs
// (a full disk must not stop a page). Nothing here rides on the window event bus.
import type { ConsoleHealth, PipelineStepHealth } from '../../shared/contract';
import type { ServerConfig, ServerSnapshot, StatusTransition } from '../../shared/domain';
import type { Logger } from '../log';

export interface SnapshotInput {
  server: ServerConfig;
  snapshot: ServerSnapshot;
  transition: StatusTransition | null;
}

export interface PipelineStep {
  name: string;
  run(input: SnapshotInput): void;
}

export class SnapshotPipeline {
  private readonly counts: PipelineStepHealth[];

  constructor(
    private readonly steps: readonly PipelineStep[],
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {
    this.counts = steps.map((s) => ({ step: s.name, ok: 0, errors: 0, lastErrorKind: null, lastErrorAt: null }));
  }

  process(input: SnapshotInput): void {
    this.steps.forEach((step, i) => {
      const c = this.counts[i]!;
      try {
        step.run(input);
        c.ok++;
      } catch (err) {
        c.errors++;
        // Only the error's class leaves here (kind); the message goes to the log, which is ours.
        c.lastErrorKind = err instanceof Error ? err.name : typeof err;
        c.lastErrorAt = this.now();
        this.logger.error('snapshot step failed', { step: step.name, serverId: input.server.id, error: err instanceof Error ? err.message : String(err) });
      }
    });
  }

  health(extra: Omit<ConsoleHealth, 'steps'>): ConsoleHealth {
    return { ...extra, steps: this.counts.map((c) => ({ ...c })) };
  }
}
