// The snapshot pipeline: a failing step is logged and counted and the next steps still run (defect 4:
// alert evaluation no longer dies silently inside a UI event listener).
import { describe, expect, it } from 'vitest';
import type { ServerConfig, ServerSnapshot } from '../../shared/domain';
import { createMemoryLogger } from '../log';
import { SnapshotPipeline } from './snapshot-pipeline';

const server = { id: 's1', name: 's1' } as ServerConfig;
const snapshot = { serverId: 's1', status: 'UP' } as ServerSnapshot;

describe('snapshot pipeline', () => {
  it('runs every step in order, counts failures with their kind and time, and logs them', () => {
    const logger = createMemoryLogger();
    const ran: string[] = [];
    const pipeline = new SnapshotPipeline(
      [
        { name: 'record', run: () => void ran.push('record') },
        {
          name: 'session-health',
          run: () => {
            throw new RangeError('disk full');
          },
        },
        { name: 'alerts', run: () => void ran.push('alerts') },
        { name: 'broadcast', run: () => void ran.push('broadcast') },
      ],
      logger,
      () => 42,
    );
    pipeline.process({ server, snapshot, transition: null });
    pipeline.process({ server, snapshot, transition: null });
    expect(ran).toEqual(['record', 'alerts', 'broadcast', 'record', 'alerts', 'broadcast']);
    const health = pipeline.health({ startedAt: 1, eventListenerFailures: 0 });
    expect(health.steps.map((s) => [s.step, s.ok, s.errors])).toEqual([
      ['record', 2, 0],
      ['session-health', 0, 2],
      ['alerts', 2, 0],
      ['broadcast', 2, 0],
    ]);
    expect(health.steps[1]).toMatchObject({ lastErrorKind: 'RangeError', lastErrorAt: 42 });
    expect(logger.lines.filter((l) => l.level === 'error' && l.msg === 'snapshot step failed')).toHaveLength(2);
  });
});
