import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Alert, ServerConfig, ServerSnapshot, ServerStatus } from '../../shared/domain';
import { sqliteAlertStore } from '../alerts/alert-store';
import { openHistoryStore, type HistoryStore } from '../history/history-store';
import { createLogger } from '../log';
import { installPseudonyms } from '../privacy/pseudonyms';
import { createReports } from './create-reports';
import { md } from './report-markdown';

const MIN = 60_000;
const T0 = Date.UTC(2026, 11, 1, 12, 0, 0);
const HOSTILE = 'evil<script>alert(1)</script>|`rm -rf`';

const server = (over: Partial<ServerConfig> = {}): ServerConfig => ({
  id: 'srv-1',
  name: `s1 ${HOSTILE}`,
  host: 'gw-alpha.internal',
  sshPort: 22,
  sshUser: 'opsbot',
  privateKeyPath: '/k',
  gatewayPort: 18789,
  role: 'support',
  enabled: true,
  createdAt: 0,
  ...over,
});

const snap = (status: ServerStatus, at: number, rss: number | null, version = '2026.9.5'): ServerSnapshot => ({
  serverId: 'srv-1',
  status,
  checkedAt: at,
  statusSince: at,
  notUpSince: null,
  failureStreak: status === 'UP' ? 0 : 1,
  durationMs: status === 'UP' ? 40 : 5_000,
  version: status === 'UP' ? version : null,
  build: null,
  agents: [],
  gateway: null,
  runtime: rss === null ? null : { rssBytes: rss, heapUsedBytes: null, eventLoopDelayP99Ms: 12, runtimeVersion: null, uptimeMs: null } as never,
  sessions: null,
  heartbeats: null,
  stores: null,
  cliVersion: null,
  error: status === 'UP' ? null : { kind: 'gateway-unreachable', message: 'Gateway refused: SECRET-SERVER-TEXT' },
});

/** 30 min UP, 20 s PENDING, 5 min DOWN, back UP on a new version; a server-down alert raised, acked, resolved. */
function seedOutage(history: HistoryStore): Alert {
  let last: ServerStatus = 'UNKNOWN';
  const record = (status: ServerStatus, at: number, rss: number | null, version?: string) => {
    const t = status !== last ? { serverId: 'srv-1', at, from: last, to: status, outageMs: status === 'UP' && last !== 'UNKNOWN' ? 5 * MIN + 20_000 : null, errorKind: status === 'UP' ? null : ('gateway-unreachable' as const), errorMessage: 'SECRET-SERVER-TEXT' } : null;
    history.recordSnapshot(snap(status, at, rss, version), t);
    last = status;
  };
  for (let t = T0 - 30 * MIN; t < T0; t += 15_000) record('UP', t, 300e6);
  record('PENDING', T0, null);
  for (let t = T0 + 20_000; t < T0 + 5 * MIN + 20_000; t += 15_000) record('DOWN', t, null);
  for (let t = T0 + 5 * MIN + 20_000; t < T0 + 40 * MIN; t += 15_000) record('UP', t, 900e6, '2026.9.6');
  const alert: Alert = {
    id: 'alert-1',
    rule: 'server-down',
    severity: 'critical',
    serverId: 'srv-1',
    agentId: null,
    summary: `s1 ${HOSTILE} is DOWN`,
    startedAt: T0 + 20_000,
    resolvedAt: T0 + 5 * MIN + 20_000,
    inhibited: false,
    silencedBy: null,
    ackedAt: T0 + 2 * MIN,
    ackedBy: 'console',
  };
  sqliteAlertStore(history.db).upsert(alert);
  return alert;
}

describe('incident reports', () => {
  let dataDir: string;
  let history: HistoryStore;
  let servers: ServerConfig[];
  const make = (now = T0 + 60 * MIN) =>
    createReports({
      dataDir,
      pseudonyms: installPseudonyms(join(dataDir, 'pseudonym.key')),
      db: history.db,
      servers: () => servers,
      agentsOf: () => ['main', 'ops'],
      logger: createLogger({}),
      onChange: () => {},
      now: () => now,
    });

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'ym-reports-'));
    history = openHistoryStore(':memory:');
    servers = [server(), server({ id: 'srv-2', name: 's2', host: 'gw-beta.internal' })];
  });

  it('builds the outage from the store: timeline, minutes down, TTD/TTA/TTR, charts that moved', () => {
    const alert = seedOutage(history);
    const { service } = make();
    const r = service.create({ from: { alertId: alert.id } });
    expect(r.startedAt).toBe(T0); // onset is the step to PENDING, before the alert confirmed DOWN
    expect(r.resolvedAt).toBe(alert.resolvedAt);
    expect(r.window.from).toBe(T0 - 6 * 3_600_000);
    expect(r.servers.map((s) => s.serverId)).toEqual(['srv-1']);
    expect(r.servers[0]!.minutesDown).toBeCloseTo(5, 1);
    expect(r.impact).toMatchObject({ fleetServers: 2, serversAffected: 1, agentsAffected: 2, fleetAgents: 4 });
    expect(r.detection).toEqual({ timeToDetectMs: 20_000, timeToAcknowledgeMs: 2 * MIN - 20_000, timeToResolveMs: 5 * MIN + 20_000 });
    const kinds = r.timeline.map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(['status', 'alert-raised', 'alert-acknowledged', 'alert-resolved', 'version-changed']));
    expect(r.timeline.map((e) => e.at)).toEqual([...r.timeline.map((e) => e.at)].sort((a, b) => a - b));
    expect(r.timeline.find((e) => e.kind === 'alert-resolved')!.text).toContain('after 5 min:');
    expect(r.servers[0]!.versionsBefore).toEqual(['2026.9.5']);
    expect(r.servers[0]!.versionsDuring).toContain('2026.9.6');
    expect(r.charts.map((c) => c.metric)).toEqual(expect.arrayContaining(['up', 'rss_bytes']));
    expect(r.charts.find((c) => c.metric === 'up')!.points.some((p) => p.min === 0)).toBe(true);
  });

  it('never carries server text or alert summaries, and escapes hostile names in Markdown', async () => {
    const alert = seedOutage(history);
    const { service } = make();
    const r = service.create({ from: { alertId: alert.id } });
    const mdText = (await service.export(r.id, 'markdown')).body;
    const json = (await service.export(r.id, 'json')).body;
    for (const text of [mdText, json]) expect(text).not.toContain('SECRET-SERVER-TEXT');
    expect(mdText).not.toContain('<script>');
    expect(mdText).toContain(md(`s1 ${HOSTILE}`));
    expect(JSON.parse(json).schemaVersion).toBe(1);
  });

  it('redaction replaces host names, server names and SSH users with stable pseudonyms', async () => {
    const alert = seedOutage(history);
    const { service } = make();
    const a = service.create({ from: { alertId: alert.id }, redact: true });
    const b = service.create({ from: { alertId: alert.id }, redact: true });
    for (const format of ['markdown', 'json'] as const) {
      const body = (await service.export(a.id, format)).body;
      for (const secret of ['gw-alpha.internal', 'opsbot', 's1 evil']) expect(body).not.toContain(secret);
    }
    expect(a.servers[0]!.host).toMatch(/^host-[0-9a-f]{6}$/);
    expect(b.servers[0]!.host).toBe(a.servers[0]!.host);
  });

  it('keeps reports as private files: list, edit the human fields, delete', () => {
    const alert = seedOutage(history);
    const { service } = make();
    const r = service.create({ from: { alertId: alert.id } });
    expect(statSync(join(dataDir, 'reports', `${r.id}.json`)).mode & 0o777).toBe(0o600);
    const edited = service.update(r.id, { title: 'Gateway crash', rootCause: 'OOM', resolution: 'restart', followUps: [{ text: 'raise memory', owner: 'ana', due: '2026-12-24' }] }, 'final');
    expect(service.get(r.id)).toEqual(edited);
    expect(service.list()).toMatchObject([{ id: r.id, title: 'Gateway crash', status: 'final', originAlertId: alert.id }]);
    expect(JSON.parse(readFileSync(join(dataDir, 'reports', `${r.id}.json`), 'utf8')).human.rootCause).toBe('OOM');
    expect(service.remove(r.id)).toBe(true);
    expect(service.list()).toEqual([]);
    expect(() => service.get(r.id)).toThrow(/No report/);
  });

  it('drafts one report by itself when a critical alert resolves, and only once', () => {
    const alert = seedOutage(history);
    const { service } = make();
    service.alertChanged({ ...alert, resolvedAt: null });
    expect(service.list()).toHaveLength(0);
    service.alertChanged(alert);
    service.alertChanged(alert);
    service.alertChanged({ ...alert, id: 'w', severity: 'warning' });
    expect(service.list()).toMatchObject([{ status: 'draft', originAlertId: alert.id }]);
    expect(service.get(service.list()[0]!.id).origin.kind).toBe('auto');
  });

  it('a draft made when its alert resolved is rebuilt once the hour after has passed, keeping its id and human fields; a final one is frozen', () => {
    const alert = seedOutage(history);
    let now = alert.resolvedAt! + MIN; // drafted a minute after the resolution: the tail is cut at "now"
    const reports = createReports({ dataDir, pseudonyms: installPseudonyms(join(dataDir, 'pseudonym.key')), db: history.db, servers: () => servers, agentsOf: () => ['main'], logger: createLogger({}), now: () => now });
    reports.service.alertChanged(alert);
    const draft = reports.service.list()[0]!;
    const before = reports.service.get(draft.id);
    expect(before.window.to).toBe(now);
    reports.service.update(draft.id, { ...before.human, rootCause: 'disk full on db-1' });
    expect(reports.service.refreshDueDrafts()).toBe(0); // the hour after has not passed yet

    now = alert.resolvedAt! + 61 * MIN;
    expect(reports.service.refreshDueDrafts()).toBe(1);
    const after = reports.service.get(draft.id);
    expect(after).toMatchObject({ id: draft.id, createdAt: before.createdAt, status: 'draft', human: { rootCause: 'disk full on db-1' } });
    expect(after.window.to).toBe(alert.resolvedAt! + 60 * MIN);
    expect(after.window.tailMs).toBe(60 * MIN);
    expect(reports.service.refreshDueDrafts()).toBe(0); // complete now: not rebuilt again

    reports.service.update(draft.id, after.human, 'final');
    expect(() => reports.service.refresh(draft.id)).toThrow('A final report is frozen');
    const range = reports.service.create({ from: { range: { from: T0 - 10 * MIN, to: T0 + 10 * MIN } } });
    expect(() => reports.service.refresh(range.id)).toThrow('Only a report of an alert');
  });

  it('drafts one report for a storm: a resolved alert of a server that a recent draft lists adds none', () => {
    const alert = seedOutage(history);
    const { service } = make();
    service.alertChanged(alert);
    // Another server-down alert of the same incident (same server, another rule id) resolves just after.
    service.alertChanged({ ...alert, id: `${alert.id}-again` });
    expect(service.list()).toHaveLength(1);
  });

  it('answers bad input clearly: an empty range, an unknown server or alert, a 30-day range, no PDF engine', async () => {
    seedOutage(history);
    const { service } = make(T0 + 40 * 24 * 3_600_000);
    const empty = service.create({ from: { range: { from: T0 + 10 * 24 * 3_600_000, to: T0 + 11 * 24 * 3_600_000 } } });
    expect(empty.servers).toEqual([]);
    expect(empty.notes.join(' ')).toMatch(/Nothing happened/);
    expect(() => service.create({ from: { serverId: 'nope', from: T0, to: T0 + MIN } })).toThrow(/No server/);
    expect(() => service.create({ from: { alertId: 'nope' } })).toThrow(/No alert/);
    const month = service.create({ from: { range: { from: T0 - 24 * 3_600_000, to: T0 + 29 * 24 * 3_600_000 } } });
    expect(month.servers.map((s) => s.serverId)).toEqual(['srv-1']);
    expect(month.charts.every((c) => c.resolutionMs === 3_600_000)).toBe(true);
    await expect(service.export(month.id, 'pdf')).rejects.toThrow(/Chromium/);
  });
});
