import { describe, expect, it } from 'vitest';
import { filterRows, majorityVersion, sortRows, toCsv, type FleetRow } from './fleet-view';

const row = (over: Partial<FleetRow>): FleetRow => ({
  id: over.name ?? 'x',
  name: 'x',
  status: 'UP',
  role: 'general',
  tags: [],
  host: 'h',
  version: '2026.9.6',
  agents: 2,
  sessions: 1,
  worstFill: null,
  rssBytes: null,
  lastCheck: null,
  error: null,
  ...over,
});

describe('fleet view model', () => {
  const rows = [
    row({ name: 'web-10', status: 'UP', role: 'development', version: '2026.9.6', tags: ['eu'] }),
    row({ name: 'web-9', status: 'DOWN', role: 'communications', version: '2026.9.5' }),
    row({ name: 'ops', status: 'PENDING', role: 'ops', version: null }),
  ];

  it('sorts worst status first, numbers naturally, nulls last', () => {
    expect(sortRows(rows, 'status', 'asc').map((r) => r.name)).toEqual(['web-9', 'ops', 'web-10']);
    expect(sortRows(rows, 'name', 'asc').map((r) => r.name)).toEqual(['ops', 'web-9', 'web-10']);
    expect(sortRows(rows, 'version', 'desc').map((r) => r.name)).toEqual(['web-10', 'web-9', 'ops']);
  });

  it('filters by status, role and a search over name, host, role, version and tags', () => {
    expect(filterRows(rows, { search: '', status: 'DOWN', role: '' }).map((r) => r.name)).toEqual(['web-9']);
    expect(filterRows(rows, { search: 'EU', status: '', role: '' }).map((r) => r.name)).toEqual(['web-10']);
    expect(filterRows(rows, { search: '9.5', status: '', role: '' }).map((r) => r.name)).toEqual(['web-9']);
    expect(filterRows(rows, { search: '', status: '', role: 'ops' }).map((r) => r.name)).toEqual(['ops']);
  });

  it('finds the majority version (ties go to the newest)', () => {
    expect(majorityVersion(rows)).toBe('2026.9.6');
    expect(majorityVersion([...rows, row({ name: 'b', version: '2026.9.5' })])).toBe('2026.9.5');
    expect(majorityVersion([])).toBeNull();
  });

  it('writes CSV that survives commas, quotes, newlines and spreadsheet formulas', () => {
    const csv = toCsv([row({ name: '=HYPERLINK("x")', error: 'a, "b"\nc', tags: ['eu', 'prod'] })]);
    const [header, line] = csv.trimEnd().split('\r\n');
    expect(header).toBe('name,status,role,tags,host,version,agents,sessions,worst_context_fill,rss_mb,last_check,problem');
    expect(line).toBe(`"'=HYPERLINK(""x"")",UP,general,eu prod,h,2026.9.6,2,1,,,,"a, ""b""\nc"`);
  });
});
