// The collector's scheduling: each server on its own timer, so a hung host never delays the others,
// and a hung probe ends at its deadline as a failure (PENDING, then DOWN) instead of freezing the status.
import { describe, expect, it } from 'vitest';
import type { ServerConfig, ServerSnapshot } from '../shared/domain';
import { Collector, type CollectorOptions } from './collector';
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

function collectorOf(o: Partial<CollectorOptions> & Pick<CollectorOptions, 'servers' | 'probe'>, seen: ServerSnapshot[] = []): Collector {
  return new Collector({
    logger: createMemoryLogger(),
    pollIntervalMs: () => 60_000,
    probeContext: () => ({ knownHostsPath: '/kh' }) as never,
    onSnapshot: (_server, snapshot) => seen.push(snapshot),
    ...o,
  });
}

describe('collector', () => {
  it('keeps polling healthy servers while one probe hangs', async () => {
    const seen: ServerSnapshot[] = [];
    const count = (id: string) => seen.filter((s) => s.serverId === id).length;
    const collector = collectorOf(
      {
        servers: () => [server('hung'), server('a'), server('b')],
        pollIntervalMs: () => 20,
        cycleDeadlineMs: 60_000,
        probe: (s) => (s.id === 'hung' ? new Promise<ProbeOutcome>(() => {}) : Promise.resolve(ok)),
      },
      seen,
    );
    collector.start();
    await expect.poll(() => Math.min(count('a'), count('b')), { timeout: 5_000 }).toBeGreaterThanOrEqual(5);
    expect(count('hung')).toBe(0);
    collector.stop();
  });

  it('never runs two probes of one server at once, and "check now" waits for the one under way', async () => {
    let running = 0;
    let peak = 0;
    const collector = collectorOf({
      servers: () => [server('s')],
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

  it('ends a probe that never answers at the cycle deadline: PENDING, then DOWN, and the connection is torn down (defect 2)', async () => {
    const seen: ServerSnapshot[] = [];
    const torn: string[] = [];
    let calls = 0;
    const collector = collectorOf(
      {
        servers: () => [server('s')],
        retryIntervalMs: 20,
        cycleDeadlineMs: 100,
        onProbeTimeout: (id) => torn.push(id),
        probe: () => (++calls === 1 ? Promise.resolve(ok) : new Promise<ProbeOutcome>(() => {})),
      },
      seen,
    );
    collector.start();
    await expect.poll(() => seen.length, { timeout: 2_000 }).toBe(1);
    await collector.probeNow('s');
    await expect.poll(() => seen.map((s) => s.status), { timeout: 3_000 }).toEqual(['UP', 'PENDING', 'DOWN']);
    expect(seen[2]!.error?.kind).toBe('probe-timeout');
    expect(torn).toEqual(['s', 's']);
    collector.stop();
  });

  it('shows a server in a maintenance window as MAINTENANCE whatever its probe says', async () => {
    const seen: ServerSnapshot[] = [];
    const collector = collectorOf(
      { servers: () => [server('s')], inMaintenance: () => true, probe: async () => ({ ok: false, error: { kind: 'gateway-unreachable', message: 'refused' }, facts: {} }) },
      seen,
    );
    collector.start();
    expect((await collector.probeNow('s')).status).toBe('MAINTENANCE');
    collector.stop();
  });
});

describe('confirming an outage', () => {
  it('re-checks a PENDING server after the retry interval, not a whole poll interval later', async () => {
    let calls = 0;
    const seen: ServerSnapshot[] = [];
    const collector = collectorOf(
      {
        servers: () => [server('s')],
        retryIntervalMs: 20,
        probe: async () => (++calls === 1 ? ok : { ok: false, error: { kind: 'gateway-unreachable', message: 'refused' }, facts: {} }),
      },
      seen,
    );
    collector.start();
    await expect.poll(() => seen.length, { timeout: 2_000 }).toBeGreaterThanOrEqual(1);
    await collector.probeNow('s'); // a failure with no second signal: checked at once → PENDING
    await expect.poll(() => seen.map((s) => s.status), { timeout: 2_000 }).toEqual(['UP', 'PENDING', 'DOWN']);
    collector.stop();
  });

  const refused: ProbeOutcome = { ok: false, error: { kind: 'gateway-unreachable', message: 'not listening', detail: { forward: 'refused' } }, facts: {} };
  const unanswered: ProbeOutcome = { ok: false, error: { kind: 'gateway-unresponsive', message: 'no answer' }, facts: {} };
  const sshTimeout: ProbeOutcome = { ok: false, error: { kind: 'ssh-timeout', message: 'no answer' }, facts: {} };

  it.each([
    ['a closed link and a refused port (crash)', 'closed', refused, ['UP', 'DOWN']],
    ['a silent link and an unanswered /healthz over working SSH (hang)', 'unresponsive', unanswered, ['UP', 'DOWN']],
    ['a closed link but /healthz not answering (one signal only)', 'closed', unanswered, ['UP', 'PENDING']],
    ['a silent link and SSH timing out (the network: one cause)', 'unresponsive', sshTimeout, ['UP', 'PENDING']],
    ['a refused port with no link lost before it', undefined, refused, ['UP', 'PENDING']],
  ] as const)('%s → %j', async (_what, loss, failure, statuses) => {
    let calls = 0;
    const seen: ServerSnapshot[] = [];
    // A long retry interval: whatever comes after the link loss comes from that one probe.
    const collector = collectorOf({ servers: () => [server('s')], retryIntervalMs: 60_000, probe: async () => (++calls === 1 ? ok : failure) }, seen);
    collector.start();
    await expect.poll(() => seen.length, { timeout: 2_000 }).toBe(1);
    await collector.probeNow('s', loss);
    expect(seen.map((s) => s.status)).toEqual(statuses);
    collector.stop();
  });

  it('a probe already under way when the link is lost counts the loss too (no PENDING in between)', async () => {
    let calls = 0;
    let release: () => void = () => {};
    const seen: ServerSnapshot[] = [];
    const collector = collectorOf(
      {
        servers: () => [server('s')],
        retryIntervalMs: 60_000,
        probe: async () => {
          if (++calls === 1) return ok;
          if (calls === 2) await new Promise<void>((r) => (release = r)); // the poll that met the crash
          return refused;
        },
      },
      seen,
    );
    collector.start();
    await expect.poll(() => seen.length, { timeout: 2_000 }).toBe(1);
    const underWay = collector.probeNow('s');
    await expect.poll(() => calls).toBe(2);
    const confirming = collector.probeNow('s', 'closed'); // the link's close arrives meanwhile
    release();
    await underWay;
    await confirming;
    expect(seen.map((s) => s.status)).toEqual(['UP', 'DOWN', 'DOWN']);
    collector.stop();
  });

  it('hands the link loss to the probe (a hang is confirmed with a short /healthz)', async () => {
    const losses: unknown[] = [];
    const collector = collectorOf({ servers: () => [server('s')], probe: async (_s, ctx) => (losses.push(ctx.linkLoss), ok) });
    collector.start();
    await expect.poll(() => losses.length, { timeout: 2_000 }).toBe(1);
    await collector.probeNow('s', 'unresponsive');
    expect(losses).toEqual([undefined, 'unresponsive']);
    collector.stop();
  });
});
