import { describe, expect, it } from 'vitest';
import type { Alert } from '../../shared/domain';
import { createMemoryLogger } from '../log';
import { AlertmanagerService, RESOLVED_RESEND_MS } from './alertmanager-service';

const alert = (over: Partial<Alert> = {}): Alert => ({
  id: 'a1',
  rule: 'server-down',
  severity: 'critical',
  serverId: 'srv-1',
  agentId: null,
  summary: 'crank-1 is DOWN (gateway-unreachable)',
  startedAt: Date.UTC(2026, 11, 1, 12, 0, 0),
  resolvedAt: null,
  inhibited: false,
  silencedBy: null,
  ackedAt: null,
  ackedBy: null,
  ...over,
});

function setup(active: Alert[], status = 200) {
  let now = Date.UTC(2026, 11, 1, 12, 1, 0);
  const posts: Array<{ url: string; body: unknown[] }> = [];
  const fetch = (async (url: string, init: RequestInit) => {
    posts.push({ url, body: JSON.parse(String(init.body)) as unknown[] });
    return new Response('', { status });
  }) as unknown as typeof globalThis.fetch;
  const am = new AlertmanagerService({
    urls: ['http://am-a:9093/', 'http://am-b:9093'],
    resendIntervalMs: 60_000,
    consoleUrl: 'https://crank.example.net/',
    activeAlerts: () => active,
    server: (id) => (id === 'srv-1' ? { name: 'crank-1', role: 'prod' } : null),
    logger: createMemoryLogger(),
    fetch,
    now: () => now,
  });
  return { am, posts, advance: (ms: number) => (now += ms), active };
}

describe('alertmanager channel', () => {
  it('posts firing alerts to every Alertmanager with stable labels, the console URL and an expiry', async () => {
    const { am, posts } = setup([alert({ agentId: 'main', rule: 'heartbeat-overdue', severity: 'warning' })]);
    const results = await am.push();
    expect(results.map((r) => r.ok)).toEqual([true, true]);
    expect(posts.map((p) => p.url)).toEqual(['http://am-a:9093/api/v2/alerts', 'http://am-b:9093/api/v2/alerts']);
    expect(posts[0]!.body).toEqual([
      {
        labels: { alertname: 'heartbeat-overdue', rule: 'heartbeat-overdue', severity: 'warning', server: 'crank-1', server_id: 'srv-1', role: 'prod', agent: 'main', source: 'yardmaster' },
        annotations: { summary: 'crank-1 is DOWN (gateway-unreachable)', console_state: 'firing', yardmaster_alert_id: 'a1' },
        startsAt: '2026-12-01T12:00:00.000Z',
        endsAt: '2026-12-01T12:04:00.000Z', // now + 3 × the resend interval
        generatorURL: 'https://crank.example.net/',
      },
    ]);
  });

  it('keeps the labels when the alert is acknowledged (same alert there), telling it in annotations', async () => {
    const { am, posts } = setup([alert({ ackedAt: 1, ackedBy: 'console' })]);
    await am.push();
    const sent = posts[0]!.body[0] as { labels: Record<string, string>; annotations: Record<string, string> };
    expect(sent.labels.rule).toBe('server-down');
    expect(sent.annotations).toMatchObject({ console_state: 'acknowledged', acknowledged_by: 'console' });
  });

  it('sends a resolve with its real end, keeps re-sending it for a while, then drops it', async () => {
    const s = setup([]);
    const resolvedAt = Date.UTC(2026, 11, 1, 12, 0, 50);
    s.am.changed(alert({ resolvedAt }));
    await s.am.push();
    const last = s.posts.at(-1)!.body as Array<{ endsAt: string }>;
    expect(last).toHaveLength(1);
    expect(last[0]!.endsAt).toBe('2026-12-01T12:00:50.000Z');
    s.advance(RESOLVED_RESEND_MS);
    expect(await s.am.payload()).toEqual([]);
  });

  it('a resolved alert is never sent as firing again, even if a stale list still holds it', async () => {
    const stale = alert();
    const s = setup([stale]);
    s.am.changed({ ...stale, resolvedAt: Date.UTC(2026, 11, 1, 12, 0, 59) });
    const payload = (await s.am.payload()) as Array<{ endsAt: string }>;
    expect(payload).toHaveLength(1);
    expect(payload[0]!.endsAt).toBe('2026-12-01T12:00:59.000Z');
  });

  it('reports a refusing Alertmanager without throwing', async () => {
    const { am } = setup([alert()], 400);
    expect((await am.push()).map((r) => r.status)).toEqual([400, 400]);
  });
});
