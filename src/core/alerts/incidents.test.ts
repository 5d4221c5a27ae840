import { describe, expect, it } from 'vitest';
import type { Alert } from '../../shared/domain';
import { groupIncidents } from './incidents';

const MIN = 60_000;
let n = 0;
function alert(p: Partial<Alert> & Pick<Alert, 'serverId' | 'startedAt'>): Alert {
  n += 1;
  return {
    id: `a${String(n).padStart(3, '0')}`,
    rule: 'server-down',
    severity: 'critical',
    agentId: null,
    summary: 'x',
    resolvedAt: null,
    inhibited: false,
    silencedBy: null,
    ackedAt: null,
    ackedBy: null,
    ...p,
  };
}

describe('groupIncidents', () => {
  it('an outage and the heartbeat alerts it drags along are one incident, with TTA and TTR', () => {
    const down = alert({ serverId: 's1', startedAt: 0, resolvedAt: 20 * MIN, ackedAt: 3 * MIN });
    const hb = alert({ serverId: 's1', rule: 'heartbeat-overdue', severity: 'warning', startedAt: 5 * MIN, resolvedAt: 25 * MIN });
    const [inc, ...rest] = groupIncidents([hb, down], 60 * MIN);
    expect(rest).toEqual([]);
    expect(inc).toMatchObject({ serverId: 's1', severity: 'critical', startedAt: 0, resolvedAt: 25 * MIN, rules: ['server-down', 'heartbeat-overdue'], ttaMs: 3 * MIN, ttrMs: 25 * MIN });
    expect(inc!.alertIds).toEqual([down.id, hb.id]);
  });

  it('a flap within the gap joins; one after the gap starts a new incident', () => {
    const first = alert({ serverId: 's1', startedAt: 0, resolvedAt: MIN });
    const flap = alert({ serverId: 's1', startedAt: 9 * MIN, resolvedAt: 10 * MIN });
    const later = alert({ serverId: 's1', startedAt: 21 * MIN, resolvedAt: 22 * MIN, severity: 'warning', rule: 'gateway-not-ready' });
    const incidents = groupIncidents([first, flap, later], 60 * MIN, 10 * MIN);
    expect(incidents.map((i) => i.alertIds)).toEqual([[later.id], [first.id, flap.id]]); // newest first
    expect(incidents[0]).toMatchObject({ severity: 'warning', ttaMs: null, ttrMs: MIN });
  });

  it('different servers never share an incident; an open alert keeps it open and extends it to now', () => {
    const a = alert({ serverId: 's1', startedAt: 0 });
    const b = alert({ serverId: 's2', startedAt: MIN, resolvedAt: 2 * MIN });
    const c = alert({ serverId: 's1', startedAt: 55 * MIN, resolvedAt: 56 * MIN }); // near "now" of the open one
    const incidents = groupIncidents([a, b, c], 60 * MIN);
    expect(incidents).toHaveLength(2);
    const s1 = incidents.find((i) => i.serverId === 's1')!;
    expect(s1).toMatchObject({ resolvedAt: null, ttrMs: null, alertIds: [a.id, c.id] });
  });

  it('an empty history has no incidents', () => {
    expect(groupIncidents([], 0)).toEqual([]);
  });
});
