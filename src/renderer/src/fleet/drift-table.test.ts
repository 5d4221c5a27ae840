import { describe, expect, it } from 'vitest';
import type { ConfigBaseline, ServerConfigAudit } from '../../../shared/config-audit';
import { driftTable } from './drift-table';

const audit = (id: string, over: Partial<ServerConfigAudit>): ServerConfigAudit => ({
  serverId: id,
  serverName: `n-${id}`,
  role: 'web',
  read: { state: 'ok', via: 'websocket', at: 1, reason: null },
  projection: { values: { 'agents.defaults.heartbeat.every': { value: 1_800_000, origin: 'default' } }, legacyKeys: [], restartPending: false, problems: [] },
  memory: null,
  rows: [],
  hasBaseline: false,
  ...over,
});

describe('driftTable', () => {
  it('without a baseline shows the actual values, formatted, with no state', () => {
    const rows = driftTable([audit('a', {})], null);
    expect(rows).toEqual([{ key: 'agents.defaults.heartbeat.every', baselineText: null, differs: false, cells: { a: { text: '30m', state: null, origin: 'default', legacyKey: null } } }]);
  });

  it('with a baseline: one row per key across servers, drift and missing cells marked', () => {
    const baseline: ConfigBaseline = { role: 'web', values: { 'agents.entries.main.heartbeat.every': 60_000 }, sourceServerId: 'a', sourceServerName: 'n-a', updatedAt: 1 };
    const rows = driftTable(
      [
        audit('a', { hasBaseline: true, rows: [{ key: 'agents.entries.main.heartbeat.every', baseline: 60_000, inBaseline: true, actual: 60_000, actualOrigin: 'set', state: 'match', legacyKey: null }] }),
        audit('b', {
          hasBaseline: true,
          rows: [
            { key: 'agents.entries.main.heartbeat.every', baseline: 60_000, inBaseline: true, actual: 420_000, actualOrigin: 'set', state: 'drift', legacyKey: null },
            { key: 'agents.list', baseline: null, inBaseline: false, actual: 'present', actualOrigin: 'legacy', state: 'migration-pending', legacyKey: 'agents.list' },
          ],
        }),
      ],
      baseline,
    );
    expect(rows.map((r) => [r.key, r.baselineText, r.cells.a!.text, r.cells.a!.state, r.cells.b!.text, r.cells.b!.state, r.differs])).toEqual([
      ['agents.entries.main.heartbeat.every', '1m', '1m', 'match', '7m', 'drift', true],
      ['agents.list', null, '—', null, 'present', 'migration-pending', true],
    ]);
  });
});
