// The window's ops methods through a real core (router, SQLite history, alert engine) with a
// scripted probe: status strips, probe timing with failures apart, incidents, ack-all, settings that
// apply without a restart, field-named errors, and pausing that does not resolve an alert.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Alert, SessionFacts } from '../../shared/domain';
import type { ConsoleSettingsView, Incident, ProbeMark, ProbeTimeline } from '../../shared/console-ui';
import { createCore, type Core } from '../create-core';
import { createMemoryLogger } from '../log';
import type { ProbeOutcome } from '../probes/server-probe';
import { okOutcome } from '../probes/test-outcomes';
import { createMemorySettingsBackend } from '../settings/settings-store';

const input = { name: 'a', host: '10.0.0.1', sshPort: 22, sshUser: 'oc', privateKeyPath: '/k', gatewayPort: 18789 };
const down: ProbeOutcome = { ok: false, error: { kind: 'gateway-unreachable', message: 'refused' }, facts: {} };

let core: Core | null = null;
afterEach(async () => {
  await core?.stop();
  core = null;
});

function makeCore(script: { next: ProbeOutcome }, backend = createMemorySettingsBackend()) {
  core = createCore({
    host: 'headless',
    appVersion: 't',
    dataDir: mkdtempSync(join(tmpdir(), 'ym-ui-')),
    historyPath: ':memory:',
    settingsBackend: backend,
    logger: createMemoryLogger(),
    // No --poll-interval / --alert-hold-down: the saved settings apply.
    probe: async () => script.next,
  });
  return core;
}

async function call<T>(c: Core, method: string, payload: unknown): Promise<T> {
  const r = await c.router.dispatch(method, payload);
  if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code, fields: r.error.fields });
  return r.value as T;
}

describe('console ui handlers', () => {
  it('status strip and probe timeline keep failed probes apart from latency', async () => {
    const script: { next: ProbeOutcome } = { next: okOutcome() };
    const c = makeCore(script);
    const { id } = await call<{ id: string }>(c, 'servers.add', input);
    const from = Date.now() - 1000;
    // Samples are keyed by (server, millisecond) and an instant fake probe can land twice in one.
    const nextMs = () => new Promise((r) => setTimeout(r, 3));
    await call(c, 'servers.probeNow', { id });
    await nextMs();
    script.next = down;
    await call(c, 'servers.probeNow', { id });
    await nextMs();
    await call(c, 'servers.probeNow', { id });
    const strips = await call<Record<string, ProbeMark[]>>(c, 'fleet.recentProbes', { limit: 2 });
    expect(strips[id]!.map((m) => m.status)).toHaveLength(2);
    expect(strips[id]!.at(-1)).toMatchObject({ errorKind: 'gateway-unreachable' });
    const timeline = await call<ProbeTimeline>(c, 'servers.probeTimeline', { id, from, to: Date.now() + 1000, buckets: 10 });
    expect(timeline.source).toBe('raw');
    // Buckets sit on the grid the window draws (whole multiples of bucketMs after from).
    for (const b of timeline.buckets) expect((b.t - from) % timeline.bucketMs).toBe(0);
    const total = timeline.buckets.reduce((n, b) => ({ probes: n.probes + b.probes, failures: n.failures + b.failures }), { probes: 0, failures: 0 });
    expect(total.probes).toBeGreaterThanOrEqual(3);
    expect(total.failures).toBeGreaterThanOrEqual(2);
    await expect(call(c, 'servers.probeTimeline', { id, from: 10, to: 5 })).rejects.toThrow('To: must not be before From');
  });

  it('pausing a server keeps its alert active; ack-all acknowledges it; history groups it into an incident', async () => {
    const script: { next: ProbeOutcome } = { next: down };
    const c = makeCore(script);
    const { id } = await call<{ id: string }>(c, 'servers.add', input);
    // Two failed probes: PENDING, then DOWN raises server-down.
    await call(c, 'servers.probeNow', { id });
    await call(c, 'servers.probeNow', { id });
    await expect.poll(async () => (await call<Alert[]>(c, 'alerts.list', { scope: 'active' })).map((a) => a.rule)).toContain('server-down');
    await call(c, 'servers.update', { id, patch: { enabled: false } });
    const active = await call<Alert[]>(c, 'alerts.list', { scope: 'active' });
    expect(active.find((a) => a.rule === 'server-down')?.resolvedAt).toBeNull();

    expect(await call(c, 'alerts.ackAll', {})).toEqual({ acked: active.length });
    expect((await call<Alert[]>(c, 'alerts.list', { scope: 'active' })).every((a) => a.ackedAt !== null)).toBe(true);
    expect(await call(c, 'alerts.ackAll', {})).toEqual({ acked: 0 });

    const incidents = await call<Incident[]>(c, 'alerts.incidents', { from: 0, to: Date.now() + 1000 });
    expect(incidents).toHaveLength(1);
    expect(incidents[0]).toMatchObject({ serverId: id, severity: 'critical', resolvedAt: null });
    expect(incidents[0]!.ttaMs).not.toBeNull();
    const history = await call<Alert[]>(c, 'alerts.history', { from: 0, to: Date.now() + 1000, serverId: id });
    expect(history.map((a) => a.rule)).toContain('server-down');
  });

  it('settings: field-named errors, saved, applied at the next update (hold-down), kept over a restart', async () => {
    const script: { next: ProbeOutcome } = { next: down };
    const backend = createMemorySettingsBackend();
    const c = makeCore(script, backend);
    const before = await call<ConsoleSettingsView>(c, 'settings.get', {});
    expect(before.tunables.alertHoldDownMs).toBe(30_000);
    expect(before.overriddenByCommandLine).toEqual([]);
    await expect(call(c, 'settings.update', { pollIntervalMs: 100 })).rejects.toMatchObject({ message: 'Poll interval: at least 2 s', fields: { pollIntervalMs: 'Poll interval: at least 2 s' } });
    await expect(call(c, 'settings.update', { escalation: { maxRepeats: 1.5 } })).rejects.toThrow('Repeats: a whole number');

    const saved = await call<ConsoleSettingsView>(c, 'settings.update', { alertHoldDownMs: 0, rpcIntervalMs: 30_000, escalation: { maxRepeats: 2 } });
    expect(saved.tunables).toMatchObject({ alertHoldDownMs: 0, rpcIntervalMs: 30_000, escalation: { maxRepeats: 2, repeatEveryMs: 3_600_000 } });

    // Hold-down 0 now: a recovery resolves at the next probe, no restart.
    const { id } = await call<{ id: string }>(c, 'servers.add', input);
    await call(c, 'servers.probeNow', { id });
    await call(c, 'servers.probeNow', { id });
    await expect.poll(async () => (await call<Alert[]>(c, 'alerts.list', { scope: 'active' })).length).toBeGreaterThan(0);
    script.next = okOutcome();
    await call(c, 'servers.probeNow', { id });
    await expect.poll(async () => (await call<Alert[]>(c, 'alerts.list', { scope: 'active' })).length).toBe(0);

    await c.stop();
    core = null;
    const again = makeCore(script, backend);
    expect((await call<ConsoleSettingsView>(again, 'settings.get', {})).tunables).toMatchObject({ alertHoldDownMs: 0, rpcIntervalMs: 30_000 });
  });

  it('an alert threshold set in Settings applies to the next probe, without a restart', async () => {
    // One session 70 % full: under the default 85 % line, over a 60 % one.
    const seventyPercent: SessionFacts = {
      key: 'agent:main:main', agentId: 'main', kind: 'direct', status: 'done', updatedAt: Date.now(), inputTokens: null, outputTokens: null,
      totalTokens: 42_000, totalTokensFresh: true, contextTokens: 65_536, estimatedPromptTokens: 42_000, contextTokenBudget: 60_000,
      shouldCompact: false, route: 'ok', hasActiveRun: false, abortedLastRun: false,
    };
    const withSession = (): ProbeOutcome => {
      const o = okOutcome();
      return { ...o, facts: { ...o.facts, agents: [{ agentId: 'main', isDefault: true, heartbeatEnabled: false, heartbeatEveryMs: null, sessionCount: 1 }], sessions: [{ ...seventyPercent, updatedAt: Date.now() }] } } as ProbeOutcome;
    };
    const script = { next: withSession() };
    const c = makeCore(script);
    await expect(call(c, 'settings.update', { thresholds: { sessionFillPct: 120 } })).rejects.toMatchObject({ fields: { 'thresholds.sessionFillPct': 'Session fill: at most 99%' } });
    const { id } = await call<{ id: string }>(c, 'servers.add', input);
    const fillAlerts = async () => (await call<Alert[]>(c, 'alerts.list', { scope: 'active' })).filter((a) => a.rule === 'session-fill-high');
    await call(c, 'servers.probeNow', { id });
    expect(await fillAlerts()).toEqual([]);

    const saved = await call<ConsoleSettingsView>(c, 'settings.update', { thresholds: { sessionFillPct: 60 } });
    expect(saved.tunables.thresholds).toEqual({ sessionFillPct: 60, rssGrowthMbPerHour: 100, zombieRows: 100 });
    script.next = withSession(); // a fresh RPC result (an unchanged one is not re-recorded)
    await new Promise((r) => setTimeout(r, 3));
    await call(c, 'servers.probeNow', { id });
    await expect.poll(async () => (await fillAlerts()).map((a) => a.agentId)).toEqual(['main']);
  });
});
