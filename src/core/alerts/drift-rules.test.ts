import { describe, expect, it } from 'vitest';
import type { DriftRow, ServerConfigAudit } from '../../shared/config-audit';
import type { ServerConfig } from '../../shared/domain';
import { driftConditions } from './drift-rules';

const server: ServerConfig = { id: 's', name: 'web-2', host: 'h', sshPort: 22, sshUser: 'u', privateKeyPath: '/k', gatewayPort: 1, enabled: true, createdAt: 0 };
const row = (key: string, state: DriftRow['state']): DriftRow => ({ key, baseline: 1, inBaseline: true, actual: 2, actualOrigin: 'set', state, legacyKey: null });
const audit = (rows: DriftRow[], legacyKeys: string[] = []): ServerConfigAudit => ({
  serverId: 's',
  serverName: 'web-2',
  role: 'web',
  read: { state: 'ok', via: 'websocket', at: 1, reason: null },
  projection: { values: {}, legacyKeys, restartPending: false, problems: [] },
  memory: null,
  rows,
  hasBaseline: true,
});

describe('driftConditions', () => {
  it('one warning per server naming the drifted and missing keys', () => {
    const c = driftConditions(server, audit([row('a', 'match'), row('b', 'drift'), row('c', 'missing'), row('d', 'migration-pending')]));
    expect(c).toEqual([{ rule: 'config-drift', severity: 'warning', agentId: null, summary: 'web-2: config differs from the "web" baseline in 2 keys: b, c', inhibitable: true }]);
  });

  it('caps the listed keys', () => {
    const c = driftConditions(server, audit(['k1', 'k2', 'k3', 'k4', 'k5', 'k6'].map((k) => row(k, 'drift'))));
    expect(c[0]!.summary).toBe('web-2: config differs from the "web" baseline in 6 keys: k1, k2, k3, k4 (+2 more)');
  });

  it('legacy keys raise an info migration alert even without drift', () => {
    const c = driftConditions(server, audit([row('a', 'match')], ['agents.list', 'memorySearch']));
    expect(c.map((x) => [x.rule, x.severity, x.summary])).toEqual([['config-migration-pending', 'info', 'web-2: legacy config keys awaiting `openclaw doctor --fix`: agents.list, memorySearch']]);
  });

  it('nothing for a clean, paused, maintenance or unaudited server', () => {
    expect(driftConditions(server, audit([row('a', 'match')]))).toEqual([]);
    expect(driftConditions({ ...server, enabled: false }, audit([row('b', 'drift')]))).toEqual([]);
    expect(driftConditions({ ...server, maintenance: true }, audit([row('b', 'drift')]))).toEqual([]);
    expect(driftConditions(server, null)).toEqual([]);
  });
});
