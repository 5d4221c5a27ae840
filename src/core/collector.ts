// Polls every enabled server on its own timer, so one slow or dead host never delays another.
// Each cycle: probe → next snapshot (status machine) → one history transaction → event to windows.
import type { ServerConfig, ServerSnapshot } from '../shared/domain';
import type { EventHub } from './events';
import type { HistoryStore } from './history/history-store';
import type { Logger } from './log';
import type { ProbeContext, ProbeOutcome } from './probes/server-probe';
import { nextSnapshot } from './status-machine';

export interface CollectorOptions {
  history: HistoryStore;
  events: EventHub;
  logger: Logger;
  servers: () => ServerConfig[];
  pollIntervalMs: () => number;
  probeContext: () => ProbeContext;
  probe: (server: ServerConfig, ctx: ProbeContext) => Promise<ProbeOutcome>;
  retriesBeforeDown?: number;
  /** Delay before re-checking a PENDING server (default 2 s). */
  retryIntervalMs?: number;
  now?: () => number;
}

export class Collector {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly inFlight = new Map<string, Promise<ServerSnapshot>>();
  private readonly latest = new Map<string, ServerSnapshot>();
  private running = false;

  constructor(private readonly o: CollectorOptions) {
    for (const s of o.history.latestSnapshots()) this.latest.set(s.serverId, s);
  }

  snapshot(serverId: string): ServerSnapshot | null {
    return this.latest.get(serverId) ?? null;
  }

  start(): void {
    this.running = true;
    this.sync();
  }

  stop(): void {
    this.running = false;
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }

  /** Waits for probes already running (used at shutdown so the last cycle is stored). */
  async drain(): Promise<void> {
    await Promise.allSettled([...this.inFlight.values()]);
  }

  /** Reconciles timers with the inventory: new servers start (staggered), removed ones stop. */
  sync(): void {
    if (!this.running) return;
    const wanted = new Map(this.o.servers().filter((s) => s.enabled).map((s) => [s.id, s]));
    for (const [id, timer] of this.timers) {
      if (!wanted.has(id)) {
        clearTimeout(timer);
        this.timers.delete(id);
      }
    }
    let index = 0;
    for (const id of wanted.keys()) {
      if (this.timers.has(id) || this.inFlight.has(id)) continue;
      // Stagger first probes so a start-up does not open every SSH connection at once.
      this.schedule(id, Math.min(index++ * 250, this.o.pollIntervalMs()));
    }
  }

  forget(serverId: string): void {
    const t = this.timers.get(serverId);
    if (t) clearTimeout(t);
    this.timers.delete(serverId);
    this.latest.delete(serverId);
  }

  /** Probes one server now, with fresh facts; a probe already under way finishes first (never two at once). */
  probeNow(serverId: string): Promise<ServerSnapshot> {
    const running = this.inFlight.get(serverId);
    if (running) return running.catch(() => undefined).then(() => this.probeNow(serverId));
    const server = this.o.servers().find((s) => s.id === serverId);
    if (!server) return Promise.reject(new Error(`no server ${serverId}`));
    const t = this.timers.get(serverId);
    if (t) clearTimeout(t);
    this.timers.delete(serverId);
    return this.runCycle(server, true);
  }

  private schedule(serverId: string, delayMs: number): void {
    const timer = setTimeout(() => {
      this.timers.delete(serverId);
      const server = this.o.servers().find((s) => s.id === serverId && s.enabled);
      if (server && this.running) void this.runCycle(server).catch(() => {});
    }, delayMs);
    timer.unref?.();
    this.timers.set(serverId, timer);
  }

  private runCycle(server: ServerConfig, fresh = false): Promise<ServerSnapshot> {
    const cycle = this.cycle(server, fresh).finally(() => {
      this.inFlight.delete(server.id);
      const stillWanted = this.o.servers().some((s) => s.id === server.id && s.enabled);
      if (this.running && stillWanted && !this.timers.has(server.id)) {
        // A server that just failed (PENDING) is checked again soon, to confirm DOWN in seconds
        // rather than a whole poll interval later.
        const pending = this.latest.get(server.id)?.status === 'PENDING';
        const interval = this.o.pollIntervalMs();
        this.schedule(server.id, pending ? Math.min(interval, this.o.retryIntervalMs ?? 2_000) : interval);
      }
    });
    this.inFlight.set(server.id, cycle);
    return cycle;
  }

  private async cycle(server: ServerConfig, fresh: boolean): Promise<ServerSnapshot> {
    const now = this.o.now ?? Date.now;
    const started = now();
    let outcome: ProbeOutcome;
    try {
      outcome = await this.o.probe(server, { ...this.o.probeContext(), fresh });
    } catch (err) {
      outcome = { ok: false, error: { kind: 'internal', message: `Probe crashed: ${String(err)}` }, facts: {} };
    }
    const finished = now();
    const prev = this.latest.get(server.id) ?? null;
    const { snapshot, transition } = nextSnapshot(
      server.id,
      prev,
      {
        ok: outcome.ok,
        error: outcome.ok ? null : outcome.error,
        version: outcome.facts.version,
        build: outcome.facts.build,
        agents: outcome.facts.agents,
        gateway: outcome.facts.gateway,
        runtime: outcome.facts.runtime,
        sessions: outcome.facts.sessions,
        heartbeats: outcome.facts.heartbeats,
        stores: outcome.facts.stores,
        cliVersion: outcome.facts.cliVersion,
        readiness: outcome.facts.readiness,
        durationMs: finished - started,
      },
      finished,
      this.o.retriesBeforeDown ?? 1,
      server.maintenance === true,
    );
    // A server removed while its probe ran must not reappear.
    if (!this.o.servers().some((s) => s.id === server.id)) return snapshot;
    this.latest.set(server.id, snapshot);
    try {
      this.o.history.recordSnapshot(snapshot, transition);
    } catch (err) {
      this.o.logger.error('history write failed; the snapshot is still shown', { serverId: server.id, error: String(err) });
    }
    if (transition) {
      this.o.logger.info('status change', {
        server: server.name,
        from: transition.from,
        to: transition.to,
        error: transition.errorMessage ?? undefined,
        outageMs: transition.outageMs ?? undefined,
      });
    }
    this.o.events.emit('server.snapshot', snapshot);
    return snapshot;
  }
}
