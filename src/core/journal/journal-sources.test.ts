// Each source of the journal, through its real component: the outbox behind a real webhook delivery
// over HTTP (and a failed one), the escalation ladder's notices, the config audit's changed projection
// and the gateway's config event, a rollout's steps, a hygiene run. What lands is ids and numbers:
// no webhook URL, no server text.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { ServerConfig, ServerSnapshot } from '../../shared/domain';
import type { HygieneAgentFigures } from '../../shared/hygiene';
import { DEFAULT_POLICY, Escalator } from '../alerts/escalation';
import { testAlert } from '../alerts/test-alerts';
import { ConfigAuditService } from '../config-audit/config-audit-service';
import { openConsoleDatabase } from '../db/console-database';
import type { GatewayLink } from '../gateway/gateway-link';
import { HygieneService } from '../hygiene/hygiene-service';
import { HygieneStore } from '../hygiene/hygiene-store';
import { InMemoryMaintenance } from '../hygiene/maintenance-flags';
import { InMemoryServerMutex as HygieneMutex } from '../hygiene/server-mutex';
import { createMemoryLogger, type Logger } from '../log';
import { FakeClock } from '../rollouts/fake-clock';
import { MaintenanceWindows } from '../rollouts/maintenance-windows';
import { buildPlan } from '../rollouts/rollout-plan';
import { RolloutRunner } from '../rollouts/rollout-runner';
import { RolloutStore } from '../rollouts/rollout-store';
import { InMemoryServerMutex } from '../rollouts/server-mutex';
import { CUSTOM, FakeFleet } from '../rollouts/test-fakes';
import { MemorySecretStore } from '../secrets';
import { createMemorySettingsBackend, SettingsStore } from '../settings/settings-store';
import type { SshSession } from '../ssh/ssh-session';
import { WebhookService } from '../webhooks/webhook-service';
import { hygieneRunRecord, journalSources } from './journal-sources';

const quiet: Logger = { debug() {}, info() {}, warn() {}, error() {} };
const T0 = Date.UTC(2026, 11, 2, 6, 0, 0);
const server = (id: string): ServerConfig => ({ id, name: `n-${id}`, host: '127.0.0.1', sshPort: 22, sshUser: 'u', privateKeyPath: '/k', gatewayPort: 1, role: 'web', enabled: true, createdAt: 0 });

let http: Server | null = null;
afterEach(() => {
  http?.close();
  http = null;
});

/** A real HTTP receiver answering every POST with `status`. */
async function receiver(status: number): Promise<{ url: string; bodies: string[] }> {
  const bodies: string[] = [];
  http = createServer((req, res) => {
    let raw = '';
    req.on('data', (d) => (raw += d));
    req.on('end', () => {
      bodies.push(raw);
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((r) => http!.listen(0, '127.0.0.1', () => r()));
  return { url: `http://127.0.0.1:${(http.address() as AddressInfo).port}/hooks/SECRET-PATH`, bodies };
}

describe('journal sources', () => {
  it('outbox: a webhook delivery is journaled with the channel kind and id, reason and attempts; never the URL; tests are not journaled', async () => {
    const r = await receiver(204);
    const database = openConsoleDatabase(':memory:');
    const settings = new SettingsStore(createMemorySettingsBackend(), createMemoryLogger());
    const hooks = new WebhookService(settings, new MemorySecretStore(), createMemoryLogger(), () => {}, database.outbox, { retries: 0 });
    const hook = hooks.add({ name: 'ops pager', kind: 'json', minSeverity: 'warning' }, r.url);
    await hooks.test(hook.id);
    hooks.notify(testAlert({ id: 'alert-1', serverId: 's1' }), 'raised');
    await expect.poll(() => database.journal.between(0, Date.now() + 1_000).length).toBe(1);
    const [entry] = database.journal.between(0, Date.now() + 1_000);
    expect(entry).toMatchObject({
      kind: 'channel-delivery',
      serverId: 's1',
      alertId: 'alert-1',
      facts: { channel: 'webhook', channelId: hook.id, reason: 'raised', ok: true, attempts: 1, rule: 'server-down', severity: 'critical' },
    });
    expect(r.bodies).toHaveLength(2);
    const stored = JSON.stringify(database.db.prepare('SELECT * FROM journal_entries').all());
    for (const secret of [r.url, 'SECRET-PATH', 'ops pager', 'ops-1 is DOWN']) expect(stored).not.toContain(secret);
    database.close();
  });

  it('outbox: a delivery the channel refused is journaled as not delivered; an email delivery names no address', async () => {
    const r = await receiver(500);
    const database = openConsoleDatabase(':memory:');
    const settings = new SettingsStore(createMemorySettingsBackend(), createMemoryLogger());
    const hooks = new WebhookService(settings, new MemorySecretStore(), createMemoryLogger(), () => {}, database.outbox, { retries: 1, backoffMs: () => 1 });
    hooks.add({ name: 'pager', kind: 'slack', minSeverity: 'warning' }, r.url);
    hooks.notify(testAlert({ id: 'alert-2', serverId: 's2', severity: 'warning', rule: 'heartbeat-overdue' }), 'escalated');
    await expect.poll(() => database.journal.between(0, Date.now() + 1_000).length).toBe(1);
    expect(database.journal.between(0, Date.now() + 1_000)[0]!.facts).toMatchObject({ channel: 'webhook', reason: 'escalated', ok: false, attempts: 2, rule: 'heartbeat-overdue', severity: 'warning' });
    const mail = database.outbox.enqueue('email', testAlert({ id: 'alert-3', serverId: 's3' }), 'resolved', T0);
    database.outbox.done(mail, true, 1, T0 + 2_000);
    expect(database.journal.between(T0, T0 + 2_000)).toEqual([
      { kind: 'channel-delivery', at: T0 + 2_000, serverId: 's3', alertId: 'alert-3', facts: { channel: 'email', channelId: null, reason: 'resolved', ok: true, attempts: 1, rule: 'server-down', severity: 'critical' } },
    ]);
    database.close();
  });

  it('escalation: the ladder’s raise, escalation and repeats are journaled with level and targets', () => {
    const database = openConsoleDatabase(':memory:');
    let now = T0;
    const sources = journalSources(database.journal, () => now);
    const ladder = new Escalator(DEFAULT_POLICY, database.escalations);
    const alert = testAlert({ id: 'a1', serverId: 's1', startedAt: T0 });
    for (const at of [T0, T0 + 60_000, T0 + 15 * 60_000, T0 + 75 * 60_000]) {
      now = at;
      for (const notice of ladder.due([alert], at)) sources.notice(notice);
    }
    expect(database.journal.between(0, now).map((e) => [e.at, e.kind, e.alertId, e.facts])).toEqual([
      [T0, 'alert-notice', 'a1', { reason: 'raised', level: 0, targets: ['desktop', 'webhooks', 'email'], rule: 'server-down', severity: 'critical' }],
      [T0 + 15 * 60_000, 'alert-notice', 'a1', { reason: 'escalated', level: 1, targets: ['desktop', 'webhooks', 'email'], rule: 'server-down', severity: 'critical' }],
      [T0 + 75 * 60_000, 'alert-notice', 'a1', { reason: 'repeat', level: 1, targets: ['desktop', 'webhooks', 'email'], rule: 'server-down', severity: 'critical' }],
    ]);
    database.close();
  });

  it('config: the gateway’s config event, and a re-read projection naming the keys that changed (not the first read)', async () => {
    const database = openConsoleDatabase(':memory:');
    let now = T0;
    const sources = journalSources(database.journal, () => now);
    const settings = new SettingsStore(createMemorySettingsBackend(), createMemoryLogger());
    const a = server('a');
    settings.update((s) => ({ ...s, servers: [a] }));
    const audit = new ConfigAuditService({ settings, logger: createMemoryLogger(), onChange: () => {}, onProjectionChanged: sources.projectionChanged, now: () => now });
    let every = '30m';
    // The gateway's config.get over a link, and a session for `memory status`: the reads the audit makes.
    const link = { call: async () => ({ resolved: { agents: { entries: { main: { heartbeat: { every, target: 'none' } } } } } }) } as unknown as GatewayLink;
    const session = { isOpen: () => true, close: () => {}, forwardToLoopback: () => Promise.reject(new Error('no')), exec: async () => ({ code: 0, signal: null, stdout: '[]', stderr: '', truncated: false, timedOut: false }) } as SshSession;
    audit.schedule({ server: a, session, link, bin: 'openclaw', fresh: true });
    await audit.settled(['a']);
    expect(database.journal.between(0, T0 + 3_600_000)).toEqual([]);
    now = T0 + 60_000;
    sources.configEvent('a');
    every = '45m';
    audit.schedule({ server: a, session, link, bin: 'openclaw', fresh: true });
    await audit.settled(['a']);
    expect(database.journal.between(0, T0 + 3_600_000).map((e) => [e.at, e.facts])).toEqual([
      [T0 + 60_000, { source: 'gateway-event', changed: 0, keys: [] }],
      [T0 + 60_000, { source: 'projection', changed: 1, keys: ['agents.entries.main.heartbeat.every'] }],
    ]);
    database.close();
  });

  it('rollout: every finished step of a real run is journaled in the store’s order, with outcome and duration; an interrupted one too', async () => {
    const database = openConsoleDatabase(':memory:');
    const clock = new FakeClock();
    const fleet = new FakeFleet(clock);
    fleet.add('a', '2026.9.5');
    const store = new RolloutStore(database.db, database.journal);
    const runner = new RolloutRunner({
      store,
      ops: fleet,
      clock,
      mutex: new InMemoryServerMutex(),
      maintenance: new MaintenanceWindows(),
      logger: quiet,
      serviceOf: () => CUSTOM,
      gateFacts: (id) => fleet.gateFacts(id),
      criticalAlertsSince: () => 0,
      onChange: () => {},
      onProblem: () => {},
    });
    const plan = buildPlan(
      { targetVersion: '2026.9.6', serverIds: ['a'], waves: [100], bakeMs: 60_000, maxFailuresPerWave: 0, concurrency: 1, doctorLint: false, backupRetention: 3, allowDowngrade: false },
      [{ serverId: 'a', name: 'a', status: 'UP', version: '2026.9.5', service: CUSTOM, inRollout: null }],
    );
    store.create({ id: 'rollout-1', plan, createdAt: clock.now(), createdBy: 'test' });
    void runner.kick('rollout-1');
    await clock.advance(30 * 60_000);
    const steps = store.steps('rollout-1').filter((s) => s.outcome !== 'running');
    const journaled = database.journal.between(0, clock.now()).filter((e) => e.kind === 'rollout-step');
    expect(steps.length).toBeGreaterThan(5);
    expect(journaled.map((e) => [e.at, e.serverId, e.facts])).toEqual(
      steps.map((s) => [s.endedAt, 'a', { rolloutId: 'rollout-1', step: s.step, attempt: s.attempt, outcome: s.outcome, exitCode: s.exitCode ?? null, durationMs: s.endedAt! - s.startedAt }]),
    );
    // A step a stopped console left open is journaled as interrupted when it is found.
    store.beginStep('rollout-1', 'a', 'update', 2, clock.now());
    expect(store.interruptOpenSteps('rollout-1', clock.now() + 5_000)).toBe(1);
    expect(database.journal.between(clock.now() + 5_000, clock.now() + 5_000).map((e) => e.facts)).toEqual([
      { rolloutId: 'rollout-1', step: 'update', attempt: 2, outcome: 'interrupted', exitCode: null, durationMs: 5_000 },
    ]);
    database.close();
  });

  it('hygiene: a server’s finished real run is journaled with agents and session rows before and after', async () => {
    const database = openConsoleDatabase(':memory:');
    let now = Date.parse('2026-12-01T01:00:00Z');
    let rows = 10;
    const figures = (): HygieneAgentFigures[] => [{ agentId: 'main', rows, zeroTokenRows: 0, storeBytes: 1000, maxFill: 0.5 }];
    const service = new HygieneService({
      store: new HygieneStore(database.db),
      servers: () => [server('a')],
      logger: quiet,
      now: () => now,
      mutex: new HygieneMutex(),
      maintenance: new InMemoryMaintenance(() => now),
      snapshot: (id) => ({ serverId: id, status: 'UP', version: '2026.9.6', cliVersion: '2026.9.6', error: null }) as unknown as ServerSnapshot,
      sessions: () => [],
      readFigures: async () => figures(),
      // The remote runner's JSON answer, as the real script prints it.
      remoteFor: () => async (_filter, args) => {
        const dry = args.includes('--dry-run');
        if (!dry) rows -= 4;
        return JSON.stringify({ v: 1, code: 0, timedOut: false, stores: [{ a: 'main', before: 11, after: 11, capped: 4, capArch: 4, bb: 5000, ba: 4000 }] });
      },
      onRunChanged: () => {},
      onServerFinished: (serverId, entry, run) => {
        const record = hygieneRunRecord(serverId, entry, run.id, entry.finishedAt ?? now);
        if (record) database.journal.append(record);
      },
    });
    service.savePolicy({ name: 'nightly', role: 'web', actions: ['prune'], cron: '30 2 * * *', timezone: 'Europe/Berlin', windowStart: '02:00', windowEnd: '04:00', mode: 'auto', enabled: true });
    now += 30 * 60_000 + 5_000;
    await service.tick();
    await service.idle();
    const [run] = service.runs(10);
    expect(run!.state).toBe('done');
    expect(database.journal.between(0, now + 60_000).map((e) => [e.kind, e.serverId, e.facts])).toEqual([
      ['hygiene-run', 'a', { runId: run!.id, state: 'done', agents: 1, rowsBefore: 10, rowsAfter: 6 }],
    ]);
    database.close();
  });
});
