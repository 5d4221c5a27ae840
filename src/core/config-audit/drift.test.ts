import { describe, expect, it } from 'vitest';
import { parseValueText } from '../../shared/config-keys';
import { formatValue } from '../../shared/config-values';
import { projectConfig } from './config-projection';
import { baselineValues, driftRows } from './drift';

const server = (every: string, mode?: string) =>
  projectConfig({ authored: { agents: { defaults: mode ? { compaction: { mode } } : {}, entries: { main: { heartbeat: { every, target: 'none' } } } } } });

describe('driftRows', () => {
  const baseline = baselineValues(server('1m'));

  it('is all match against the server the baseline came from, unset == documented default', () => {
    const rows = driftRows(baseline, server('60s', 'safeguard'));
    expect(rows.filter((r) => r.state !== 'match')).toEqual([]);
    expect(rows.find((r) => r.key === 'agents.defaults.compaction.mode')).toMatchObject({ baseline: 'safeguard', actual: 'safeguard', actualOrigin: 'set', state: 'match' });
  });

  it('reports a changed cadence and compaction mode as drift rows', () => {
    const rows = driftRows(baseline, server('7m', 'default'));
    expect(rows.filter((r) => r.state === 'drift').map((r) => [r.key, r.baseline, r.actual])).toEqual([
      ['agents.defaults.compaction.mode', 'safeguard', 'default'],
      ['agents.entries.main.heartbeat.every', 60_000, 420_000],
    ]);
  });

  it('an agent on only one side is missing, in either direction', () => {
    const other = projectConfig({ authored: { agents: { entries: { ops: { heartbeat: { every: '1m', target: 'none' } } } } } });
    const rows = driftRows(baseline, other);
    expect(rows.find((r) => r.key === 'agents.entries.main.heartbeat.every')).toMatchObject({ state: 'missing', inBaseline: true, actual: null, actualOrigin: null });
    expect(rows.find((r) => r.key === 'agents.entries.ops.heartbeat.every')).toMatchObject({ state: 'missing', inBaseline: false, baseline: null });
  });

  it('flags values read from legacy keys, and each legacy key, as migration pending', () => {
    const legacy = projectConfig({ authored: { agents: { list: [{ id: 'main', heartbeat: { every: '1m', target: 'none' } }] } } });
    const rows = driftRows(baseline, legacy);
    expect(rows.find((r) => r.key === 'agents.entries.main.heartbeat.every')).toMatchObject({ state: 'migration-pending', legacyKey: 'agents.list' });
    expect(rows.find((r) => r.key === 'agents.list')).toMatchObject({ state: 'migration-pending', actual: 'present' });
    // A legacy value that also differs is drift first (and still names its legacy key).
    const differs = driftRows(baseline, projectConfig({ authored: { agents: { list: [{ id: 'main', heartbeat: { every: '2m', target: 'none' } }] } } }));
    expect(differs.find((r) => r.key === 'agents.entries.main.heartbeat.every')).toMatchObject({ state: 'drift', legacyKey: 'agents.list' });
  });
});

describe('parseValueText (baseline editor)', () => {
  it('reads what a person types, per key type', () => {
    expect(parseValueText('agents.entries.main.heartbeat.every', '30m')).toEqual({ ok: true, value: 1_800_000 });
    expect(parseValueText('agents.defaults.contextPruning.ttl', '5')).toEqual({ ok: true, value: 300_000 });
    expect(parseValueText('session.maintenance.maxDiskBytes', '10gb')).toEqual({ ok: true, value: 10 * 1024 ** 3 });
    expect(parseValueText('session.maintenance.maxDiskBytes', 'off')).toEqual({ ok: true, value: 0 });
    expect(parseValueText('update.auto.enabled', 'true')).toEqual({ ok: true, value: true });
    expect(parseValueText('session.maintenance.maxEntries', '5000')).toEqual({ ok: true, value: 5000 });
    expect(parseValueText('memory.search.model', 'unset')).toEqual({ ok: true, value: null });
    expect(parseValueText('memory.search.sources', 'sessions, memory')).toEqual({ ok: true, value: 'memory,sessions' });
  });

  it('refuses unknown keys and values of the wrong type', () => {
    expect(parseValueText('gateway.auth.token', 'x')).toEqual({ ok: false, error: 'not an audited key' });
    expect(parseValueText('agents.entries.<b>.heartbeat.every', '1m')).toEqual({ ok: false, error: 'not an audited key' });
    expect(parseValueText('agents.entries.main.heartbeat.every', 'soon')).toMatchObject({ ok: false });
    expect(parseValueText('update.auto.enabled', 'yes')).toMatchObject({ ok: false });
    expect(parseValueText('update.auto.enabled', 3)).toMatchObject({ ok: false });
  });

  it('formats values back the way they are typed', () => {
    expect(formatValue('duration', 1_800_000)).toBe('30m');
    expect(formatValue('bytes-or-off', 10 * 1024 ** 3)).toBe('10gb');
    expect(formatValue('duration-or-off', 0)).toBe('off');
    expect(formatValue('text', null)).toBe('unset');
  });
});
