// The collector's scheduling: each server on its own timer, so a hung host never delays the others.
import { describe, expect, it } from 'vitest';
import type { ServerConfig, ServerSnapshot } from '../shared/domain';
import { Collector } from './collector';
import { EventHub } from './events';
import { openHistoryStore } from './history/history-store';
import { createMemoryLogger } from './log';
import type { ProbeOutcome } from './probes/server-probe';
import { okOutcome } from './probes/test-outcomes';

const server = (id: string): ServerConfig => ({
  id,
  name: id,
  host: '10.0.0.1',
  sshPort: 22,
  sshUser: 'u',
  privateKeyPath: '/k',
  gatewayPort: 1,
  enabled: true,
  createdAt: 0,
});
const ok: ProbeOutcome = okOutcome();

describe('collector', () => {
  it('keeps polling healthy servers while one probe hangs', async () => {
    const events = new EventHub();
    const seen = new Map<string, number>();
    events.on((topic, data) => {
      if (topic === 'server.snapshot') {
        const id = (data as ServerSnapshot).serverId;
        seen.set(id, (seen.get(id) ?? 0) + 1);
      }
    });
    const collector = new Collector({
      history: openHistoryStore(':memory:'),
      events,
      logger: createMemoryLogger(),
      servers: () => [server('hung'), server('a'), server('b')],
      pollIntervalMs: () => 20,
      probeContext: () => ({ knownHostsPath: '/kh' }) as never,
      probe: (s) => (s.id === 'hung' ? new Promise<ProbeOutcome>(() => {}) : Promise.resolve(ok)),
    });
    collector.start();
    await expect.poll(() => Math.min(seen.get('a') ?? 0, seen.get('b') ?? 0), { timeout: 5_000 }).toBeGreaterThanOrEqual(5);
    expect(seen.get('hung') ?? 0).toBe(0);
    collector.stop();
  });

  it('never runs two probes of one server at once, and "check now" waits for the one under way', async () => {
    let running = 0;
    let peak = 0;
    const collector = new Collector({
      history: openHistoryStore(':memory:'),
      events: new EventHub(),
      logger: createMemoryLogger(),
      servers: () => [server('s')],
      pollIntervalMs: () => 60_000,
      probeContext: () => ({ knownHostsPath: '/kh' }) as never,
      probe: async () => {
        running++;
        peak = Math.max(peak, running);
        await new Promise((r) => setTimeout(r, 30));
        running--;
        return ok;
      },
    });
    collector.start();
    const results = await Promise.all([collector.probeNow('s'), collector.probeNow('s'), collector.probeNow('s')]);
    expect(results.every((r) => r.status === 'UP')).toBe(true);
    expect(peak).toBe(1);
    collector.stop();
  });
});

describe('confirming an outage', () => {
  it('re-checks a PENDING server after the retry interval, not a whole poll interval later', async () => {
    let calls = 0;
    const events = new EventHub();
    const statuses: string[] = [];
    events.on((topic, data) => topic === 'server.snapshot' && statuses.push((data as ServerSnapshot).status));
    const collector = new Collector({
      history: openHistoryStore(':memory:'),
      events,
      logger: createMemoryLogger(),
      servers: () => [server('s')],
      pollIntervalMs: () => 60_000,
      retryIntervalMs: 20,
      probeContext: () => ({ knownHostsPath: '/kh' }) as never,
      probe: async () => (++calls === 1 ? ok : { ok: false, error: { kind: 'gateway-unreachable', message: 'refused' }, facts: {} }),
    });
    collector.start();
    await expect.poll(() => statuses.length, { timeout: 2_000 }).toBeGreaterThanOrEqual(1);
    await collector.probeNow('s'); // e.g. the gateway link dropped: checked at once → PENDING
    await expect.poll(() => statuses, { timeout: 2_000 }).toEqual(['UP', 'PENDING', 'DOWN']);
    collector.stop();
  });
});
