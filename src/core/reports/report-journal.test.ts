// The report timeline with the journal: an outage on a real store (status machine → history, the
// pipeline's snapshot journal beside it), the ladder's notice, a webhook and an email delivery, a
// config change, a rollout step and a hygiene run — all in the timeline, in time order, interleaved
// with the transitions and alerts, as console sentences; a version change once (not also from samples).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Alert, ServerConfig } from '../../shared/domain';
import { testAlert } from '../alerts/test-alerts';
import { openConsoleDatabase } from '../db/console-database';
import { journalSources } from '../journal/journal-sources';
import { SnapshotJournal } from '../journal/snapshot-journal';
import { createLogger } from '../log';
import { nextSnapshot, type ProbeResultFacts } from '../status-machine';
import { createReports } from './create-reports';
import { journalEntry } from './report-journal';

const T0 = Date.UTC(2026, 11, 2, 6, 0, 0);
const S = 1_000;
const server: ServerConfig = { id: 'srv-1', name: 'gw-one', host: 'gw-one.internal', sshPort: 22, sshUser: 'ops', privateKeyPath: '/k', gatewayPort: 1, role: 'web', enabled: true, createdAt: 0 };
const up = (bootId: string, startedAt: number, version: string): ProbeResultFacts => ({ ok: true, error: null, version, gateway: { via: 'websocket', protocol: 3, buildId: null, bootId, startedAt, note: null }, durationMs: 30 });
const down: ProbeResultFacts = { ok: false, error: { kind: 'gateway-unreachable', message: 'SERVER-TEXT refused' }, durationMs: 30 };

describe('report timeline with the journal', () => {
  it('holds notices, deliveries, the restart, version and config changes, rollout steps and hygiene runs in order', () => {
    const database = openConsoleDatabase(':memory:');
    const watcher = new SnapshotJournal(database.journal);
    let prev: ReturnType<typeof nextSnapshot>['snapshot'] | null = null;
    const probe = (result: ProbeResultFacts, at: number) => {
      const next = nextSnapshot('srv-1', prev, result, at, 1);
      prev = next.snapshot;
      database.history.recordSnapshot(next.snapshot, next.transition);
      watcher.observe(next.snapshot);
    };
    let now = T0;
    const sources = journalSources(database.journal, () => now);

    for (let t = T0 - 10 * 60 * S; t < T0; t += 15 * S) probe(up('boot-11111111', T0 - 3_600 * S, '2026.9.5'), t);
    probe(down, T0);
    probe(down, T0 + 15 * S); // DOWN
    const alert: Alert = testAlert({ id: 'alert-1', serverId: 'srv-1', startedAt: T0 + 15 * S, summary: 'gw-one is DOWN' });
    database.alerts.upsert(alert);
    now = T0 + 16 * S;
    sources.notice({ alert, level: 0, targets: ['desktop', 'webhooks'], reason: 'raised' });
    const hook = database.outbox.enqueue('webhook:hook-abcdef12', alert, 'raised', T0 + 16 * S);
    database.outbox.done(hook, true, 1, T0 + 17 * S);
    probe(up('boot-22222222', T0 + 40 * S, '2026.9.6'), T0 + 45 * S); // back, new process, new version
    database.alerts.upsert({ ...alert, resolvedAt: T0 + 50 * S });
    const mail = database.outbox.enqueue('email', { ...alert, resolvedAt: T0 + 50 * S }, 'resolved', T0 + 50 * S);
    database.outbox.done(mail, true, 1, T0 + 51 * S);
    now = T0 + 60 * S;
    sources.configEvent('srv-1');
    database.journal.append({ kind: 'rollout-step', at: T0 + 70 * S, serverId: 'srv-1', facts: { rolloutId: 'rollout-9f8e7d6c', step: 'gate-boot-id', attempt: 1, outcome: 'ok', exitCode: null, durationMs: 2_000 } });
    database.journal.append({ kind: 'hygiene-run', at: T0 + 80 * S, serverId: 'srv-1', facts: { runId: 'run-0a0b0c0d', state: 'done', agents: 2, rowsBefore: 40, rowsAfter: 12 } });
    // Another server's facts are not this incident's.
    database.journal.append({ kind: 'version-change', at: T0 + 30 * S, serverId: 'srv-other', facts: { from: '1', to: '2' } });
    for (let t = T0 + 60 * S; t < T0 + 10 * 60 * S; t += 15 * S) probe(up('boot-22222222', T0 + 40 * S, '2026.9.6'), t);

    const { service } = createReports({
      dataDir: mkdtempSync(join(tmpdir(), 'ym-report-journal-')),
      pseudonyms: database.pseudonyms,
      db: database.db,
      servers: () => [server],
      agentsOf: () => ['main'],
      logger: createLogger({}),
      journal: (from, to) => database.journal.between(from, to).map(journalEntry),
      now: () => T0 + 3_600 * S,
    });
    const report = service.create({ from: { alertId: 'alert-1' } });
    const lines = report.timeline.map((e) => [e.at - T0, e.kind, e.text]);
    expect(lines).toEqual([
      [-600 * S, 'status', 'gw-one: UNKNOWN → UP'],
      [0, 'status', 'gw-one: UP → PENDING (gateway-unreachable)'],
      [15 * S, 'status', 'gw-one: PENDING → DOWN (gateway-unreachable)'],
      [15 * S, 'alert-raised', 'Alert raised: Server down (critical) on gw-one'],
      [16 * S, 'notification-sent', 'gw-one: Notice at level 1 for desktop, webhooks: Server down (critical)'],
      [17 * S, 'notification-sent', 'gw-one: Webhook hook-abc raised: Server down (critical), delivered after 1 attempt'],
      [40 * S, 'gateway-restarted', 'gw-one: gateway restarted (boot id boot-111 → boot-222; seen 5 s later)'],
      [45 * S, 'status', 'gw-one: DOWN → UP after 45 s not UP'],
      [45 * S, 'version-changed', 'gw-one: version 2026.9.5 → 2026.9.6'],
      [50 * S, 'alert-resolved', 'Alert resolved after 35 s: Server down (critical) on gw-one'],
      [51 * S, 'notification-sent', 'gw-one: Alert email resolved: Server down (critical), delivered after 1 attempt'],
      [60 * S, 'config-changed', 'gw-one: gateway reported a config write'],
      [70 * S, 'rollout-step', 'gw-one: rollout rollout- step gate-boot-id (attempt 1): ok in 2 s'],
      [80 * S, 'hygiene-run', 'gw-one: hygiene run run-0a0b done on 2 agents, session rows 40 → 12'],
    ]);
    expect(report.timeline.find((e) => e.kind === 'notification-sent')).toMatchObject({ alertId: 'alert-1', severity: 'critical' });
    expect(JSON.stringify(report)).not.toContain('SERVER-TEXT');
    database.close();
  });

  it('writes the other variants as sentences of ids and numbers', () => {
    const at = T0;
    const text = (r: Parameters<typeof journalEntry>[0]) => [journalEntry(r).kind, journalEntry(r).detail];
    const notice = (reason: 'escalated' | 'repeat', level: number) =>
      text({ kind: 'alert-notice', at, serverId: 's', alertId: 'a', facts: { reason, level, targets: ['desktop', 'email'], rule: 'heartbeat-overdue', severity: 'warning' } });
    expect(notice('escalated', 1)).toEqual(['alert-escalated', 'Alert escalated to level 2 for desktop, email: Heartbeat overdue (warning)']);
    expect(notice('repeat', 1)).toEqual(['alert-escalated', 'Alert still unacknowledged, notice repeated at level 2 for desktop, email: Heartbeat overdue (warning)']);
    expect(text({ kind: 'channel-delivery', at, serverId: 's', alertId: 'a', facts: { channel: 'webhook', channelId: '0f1e2d3c-4b5a', reason: 'repeat', ok: false, attempts: 3, rule: null, severity: null } })).toEqual([
      'notification-sent',
      'Webhook 0f1e2d3c repeat, not delivered after 3 attempts',
    ]);
    expect(text({ kind: 'gateway-restart', at, serverId: 's', facts: { seenBy: 'start-time', bootBefore: null, bootAfter: null, startedAt: at - 90 * S, startedBefore: at - 7_200 * S } })).toEqual([
      'gateway-restarted',
      'gateway restarted (new process start time; seen 1 min 30 s later)',
    ]);
    expect(text({ kind: 'config-change', at, serverId: 's', facts: { source: 'projection', changed: 7, keys: ['a', 'b', 'c', 'd', 'e', 'f', 'g'] } })).toEqual([
      'config-changed',
      'config changed: 7 watched keys (a, b, c, d, e, …)',
    ]);
    expect(text({ kind: 'hygiene-run', at, serverId: 's', facts: { runId: 'r', state: 'failed', agents: 1, rowsBefore: null, rowsAfter: null } })).toEqual(['hygiene-run', 'hygiene run r failed on 1 agent']);
  });
});
