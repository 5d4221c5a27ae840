import { describe, expect, it } from 'vitest';
import { probeRows } from './ProbeChart';

describe('probeRows', () => {
  it('keeps failures apart from latency and empty buckets as gaps over the whole range', () => {
    const rows = probeRows({
      from: 0,
      to: 40,
      bucketMs: 10,
      source: 'raw',
      buckets: [
        { t: 0, probes: 2, failures: 0, maintenance: 0, okAvgMs: 120, okMaxMs: 130 },
        // A timeout: 45 s to give up is a failure, not a latency point.
        { t: 20, probes: 1, failures: 1, maintenance: 0, okAvgMs: null, okMaxMs: null },
      ],
    });
    expect(rows).toEqual([
      { t: 0, ok: 120, failed: null, probes: 2 },
      { t: 10, ok: null, failed: null, probes: 0 },
      { t: 20, ok: null, failed: 1, probes: 1 },
      { t: 30, ok: null, failed: null, probes: 0 },
      { t: 40, ok: null, failed: null, probes: 0 },
    ]);
  });
});
