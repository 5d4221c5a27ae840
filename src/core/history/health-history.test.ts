import { pruneDatabase } from '../db/retention';
import { describe, expect, it } from 'vitest';
import { HOUR, MINUTE, openHistoryStore, RETENTION } from './history-store';
import { HealthHistory, resolutionFor } from './health-history';

const NOW = 1_800_000_000_000 - (1_800_000_000_000 % HOUR);

function store() {
  const h = openHistoryStore(':memory:');
  return { h, health: new HealthHistory(h.db) };
}

describe('health history', () => {
  it('picks raw samples for short recent ranges, minute rollups up to a week, hour rollups beyond', () => {
    expect(resolutionFor(NOW - HOUR, NOW, NOW)).toBe(0);
    expect(resolutionFor(NOW - 24 * HOUR, NOW, NOW)).toBe(MINUTE);
    expect(resolutionFor(NOW - 30 * 24 * HOUR, NOW, NOW)).toBe(HOUR);
    // Raw samples are gone after 48 h, so an old 1-hour window reads rollups.
    expect(resolutionFor(NOW - 72 * HOUR, NOW - 71 * HOUR, NOW)).toBe(MINUTE);
  });

  it('rolls samples up (min/avg/max/count) per dimension and serves each resolution', () => {
    const { health } = store();
    for (let i = 0; i < 6; i++) {
      health.addSamples('s1', NOW + i * 20_000, [
        { dimension: 'session:agent:main:main', metric: 'fill', value: 0.1 * (i + 1) },
        { dimension: 'agent:main', metric: 'max_fill', value: 0.5 },
        { dimension: 'agent:ops', metric: 'max_fill', value: 0.2 },
      ]);
    }
    health.addSamples('s2', NOW, [{ dimension: 'agent:main', metric: 'max_fill', value: 0.9 }]);
    health.addSamples('s1', NOW, [{ dimension: 'agent:x', metric: 'max_fill', value: Number.NaN }]);
    const raw = health.series('s1', 'session:agent:main:main', 'fill', NOW - HOUR, NOW + HOUR, NOW);
    expect(raw.resolutionMs).toBe(0);
    expect(raw.points.map((p) => p.avg)).toEqual([0.1, 0.2, 0.30000000000000004, 0.4, 0.5, 0.6000000000000001]);
    const minute = health.series('s1', 'session:agent:main:main', 'fill', NOW - 24 * HOUR, NOW + HOUR, NOW);
    expect(minute.resolutionMs).toBe(MINUTE);
    expect(minute.points).toHaveLength(2);
    expect(minute.points[0]).toMatchObject({ t: NOW, min: 0.1, max: 0.30000000000000004, count: 3 });
    expect(minute.points[0]!.avg).toBeCloseTo(0.2, 10);
    const hour = health.series('s1', 'session:agent:main:main', 'fill', NOW - 30 * 24 * HOUR, NOW + HOUR, NOW);
    expect(hour.points).toHaveLength(1);
    expect(hour.points[0]).toMatchObject({ t: NOW, min: 0.1, count: 6 });
    const agents = health.seriesByPrefix('s1', 'agent:', 'max_fill', NOW - 30 * 24 * HOUR, NOW + HOUR, NOW);
    expect([...agents.byDimension.keys()]).toEqual(['agent:main', 'agent:ops']);
    expect(agents.byDimension.get('agent:main')![0]).toMatchObject({ avg: 0.5, count: 6 });
  });

  it('builds the fleet heat-map from the worst agent fill per bucket, with empty cells for gaps', () => {
    const { health } = store();
    health.addSamples('s1', NOW - 2 * HOUR + 5 * MINUTE, [{ dimension: 'agent:main', metric: 'max_fill', value: 0.4 }]);
    health.addSamples('s1', NOW - 2 * HOUR + 9 * MINUTE, [{ dimension: 'agent:main', metric: 'max_fill', value: 0.7 }]);
    health.addSamples('s1', NOW + 1, [{ dimension: 'agent:main', metric: 'max_fill', value: 0.2 }]);
    health.addSamples('s2', NOW + 1, [{ dimension: 'agent:ops', metric: 'max_fill', value: 0.95 }]);
    health.addSamples('s2', NOW + 1, [{ dimension: 'session:agent:ops:x', metric: 'max_fill', value: 0.99 }]);
    const map = health.heatmap(NOW - 24 * HOUR, NOW + 1);
    expect(map.resolutionMs).toBe(HOUR);
    expect(map.buckets).toHaveLength(25);
    expect(map.rows.map((r) => `${r.serverId}/${r.agentId}`)).toEqual(['s1/main', 's2/ops']);
    expect(map.rows[0]!.cells.slice(-3)).toEqual([0.7, null, 0.2]);
    expect(map.rows[1]!.cells.at(-1)).toBe(0.95);
  });

  it('keeps compaction markers, confirming a fill-drop marker with the count read later', () => {
    const { health } = store();
    health.addCompaction('s1', { t: NOW, sessionKey: 'k', count: null, fillBefore: 0.82, fillAfter: 0.38 });
    health.confirmCompaction('s1', 'k', 1, NOW - 30 * MINUTE, NOW + MINUTE);
    health.confirmCompaction('s1', 'k', 2, NOW + 5 * MINUTE, NOW + 10 * MINUTE);
    expect(health.compactions('s1', 'k', NOW - HOUR, NOW + HOUR)).toEqual([
      { t: NOW, sessionKey: 'k', count: 1, fillBefore: 0.82, fillAfter: 0.38 },
      { t: NOW + 10 * MINUTE, sessionKey: 'k', count: 2, fillBefore: null, fillAfter: null },
    ]);
    expect(health.compactions('s1', 'other', NOW - HOUR, NOW + HOUR)).toEqual([]);
  });

  it('prunes by the same retention as the metric series, in chunks', async () => {
    const { h, health } = store();
    const old = NOW - RETENTION.minuteMs - 2 * HOUR;
    for (let i = 0; i < 12_000; i++) health.addSamples('s1', old + i, [{ dimension: 'agent:main', metric: 'rows', value: i }]);
    health.addSamples('s1', NOW, [{ dimension: 'agent:main', metric: 'rows', value: 1 }]);
    health.addCompaction('s1', { t: NOW - RETENTION.hourMs - 1, sessionKey: 'k', count: 1, fillBefore: null, fillAfter: null });
    const { deleted } = await pruneDatabase(h.db, NOW);
    // 12,000 raw + their minute bucket(s); the hour rollup stays (1 y), as does everything recent.
    expect(deleted).toBeGreaterThanOrEqual(12_001);
    expect(health.raw('s1', 'agent:main', 'rows', 0)).toEqual([{ t: NOW, v: 1 }]);
    expect(health.series('s1', 'agent:main', 'rows', old - HOUR, NOW, NOW).points.length).toBeGreaterThan(0);
    expect(health.compactions('s1', 'k', 0, NOW)).toEqual([]);
  });
});
