// Polls every enabled server on its own timer, so one slow or dead host never delays another.
// Each cycle: probe (under an end-to-end deadline) → next snapshot (status machine) → the snapshot
// pipeline (record, session health, alerts, broadcast).
import type { ServerConfig, ServerSnapshot, StatusTransition } from '../shared/domain';
import type { Logger } from './log';
import type { ProbeContext, ProbeOutcome } from './probes/server-probe';
import { DeadlineExceeded, withDeadline } from './scheduler/deadline';
import { nextSnapshot } from './status-machine';
import { confirmsDown } from './down-confirmation';
import type { LinkLoss } from './gateway/gateway-link';

export interface CollectorOptions {
  logger: Logger;
  servers: () => ServerConfig[];
  pollIntervalMs: () => number;
  probeContext: (server: ServerConfig) => ProbeContext;
  probe: (server: ServerConfig, ctx: ProbeContext) => Promise<ProbeOutcome>;
  /** The last snapshots known (from the history), so a restart shows the fleet at once. */
  initial?: ServerSnapshot[];
  /** Every new snapshot goes here (the snapshot pipeline). */
  onSnapshot: (server: ServerConfig, snapshot: ServerSnapshot, transition: StatusTransition | null) => void;
  /** Planned work: probed, shown MAINTENANCE, never an outage. */
  inMaintenance?: (server: ServerConfig, now: number) => boolean;
  /** A whole cycle may take this long (default 45 s: a dead link hangs SSH until keepalives notice); a miss is a probe-timeout failure. */
  cycleDeadlineMs?: number;
  /** A cycle missed a deadline: tear the server's connections down so the next cycle starts clean. */
  onProbeTimeout?: (serverId: string) => void;
  retriesBeforeDown?: number;
  /** Delay before re-checking a PENDING server (default 2 s). */
  retryIntervalMs?: number;
  now?: () => number;
}

/** How long a lost gateway link still counts as the second signal for a failing probe. */
const LINK_LOSS_COUNTS_MS = 5_000;

export class Collector {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly inFlight = new Map<string, Promise<ServerSnapshot>>();
  private readonly latest = new Map<string, ServerSnapshot>();
  /** The last gateway link loss per server, so a probe already under way when it came can count it. */
  private readonly linkLosses = new Map<string, { loss: LinkLoss; at: number }>();
  private running = false;

  constructor(private readonly o: CollectorOptions) {
    for (const s of o.initial ?? []) this.latest.set(s.serverId, s);
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

  isRunning(): boolean {
    return this.running;
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
    const starting = [...wanted.keys()].filter((id) => !this.timers.has(id) && !this.inFlight.has(id));
    // Stagger first probes so a start-up does not open every SSH connection at once: 250 ms apart, or
    // closer so that all start within one interval, but never closer than 100 ms (10 first probes a
    // second: the pool makes 4 handshakes at a time, and at 20 a second the queue still ran the last
    // of 1,000 servers' first cycles past their deadline). Until then the window shows each server's
    // last stored snapshot. Each server keeps its phase afterwards, so a large fleet's probes stay
    // spread over the interval instead of coming in one wave.
    const gap = Math.max(100, Math.min(250, this.o.pollIntervalMs() / Math.max(1, starting.length)));
    for (const id of starting) this.schedule(id, index++ * gap);
  }

  forget(serverId: string): void {
    const t = this.timers.get(serverId);
    if (t) clearTimeout(t);
    this.timers.delete(serverId);
    this.latest.delete(serverId);
    this.linkLosses.delete(serverId);
  }

  /**
   * Probes one server now, with fresh facts; a probe already under way finishes first (never two at
   * once). linkLoss: its gateway link was just lost, so this probe may confirm DOWN at once.
   */
  probeNow(serverId: string, linkLoss?: LinkLoss): Promise<ServerSnapshot> {
    if (linkLoss) this.linkLosses.set(serverId, { loss: linkLoss, at: (this.o.now ?? Date.now)() });
    const running = this.inFlight.get(serverId);
    if (running) return running.catch(() => undefined).then(() => this.probeNow(serverId, linkLoss));
    const server = this.o.servers().find((s) => s.id === serverId);
    if (!server) return Promise.reject(new Error(`no server ${serverId}`));
    const t = this.timers.get(serverId);
    if (t) clearTimeout(t);
    this.timers.delete(serverId);
    return this.runCycle(server, true, linkLoss);
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

  private runCycle(server: ServerConfig, fresh = false, linkLoss?: LinkLoss): Promise<ServerSnapshot> {
    const cycle = this.cycle(server, fresh, linkLoss).finally(() => {
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

  private async probe(server: ServerConfig, fresh: boolean, linkLoss: LinkLoss | undefined): Promise<ProbeOutcome> {
    const deadlineMs = this.o.cycleDeadlineMs ?? 45_000;
    try {
      return await withDeadline(this.o.probe(server, { ...this.o.probeContext(server), fresh, linkLoss }), deadlineMs, 'probe cycle');
    } catch (err) {
      if (err instanceof DeadlineExceeded) {
        return { ok: false, error: { kind: 'probe-timeout', message: `The probe of ${server.host} did not finish within ${deadlineMs} ms; its SSH connection is closed and opened again.` }, facts: {} };
      }
      return { ok: false, error: { kind: 'internal', message: `Probe crashed: ${String(err)}` }, facts: {} };
    }
  }

  private async cycle(server: ServerConfig, fresh: boolean, linkLoss?: LinkLoss): Promise<ServerSnapshot> {
    const now = this.o.now ?? Date.now;
    const started = now();
    const outcome = await this.probe(server, fresh, linkLoss);
    // A wedged connection is not reused: whatever hung this cycle would hang the next one too.
    if (!outcome.ok && outcome.error.kind === 'probe-timeout') this.o.onProbeTimeout?.(server.id);
    const finished = now();
    const prev = this.latest.get(server.id) ?? null;
    // A link lost moments ago is a second signal for this probe too, even if it began before the loss
    // was known (a poll under way when the gateway died: the probe queued behind it comes too late).
    const lost = this.linkLosses.get(server.id);
    const recentLoss = linkLoss ?? (lost && finished - lost.at <= LINK_LOSS_COUNTS_MS ? lost.loss : undefined);
    if (outcome.ok) this.linkLosses.delete(server.id);
    const f = outcome.facts;
    const { snapshot, transition } = nextSnapshot(
      server.id,
      prev,
      {
        ok: outcome.ok,
        error: outcome.ok ? null : outcome.error,
        version: f.version,
        build: f.build,
        agents: f.agents,
        gateway: f.gateway,
        runtime: f.runtime,
        sessions: f.sessions,
        heartbeats: f.heartbeats,
        stores: f.stores,
        cliVersion: f.cliVersion,
        readiness: f.readiness,
        factsAt: f.factsAt,
        factsError: f.factsError,
        skippedRows: f.skippedRows,
        durationMs: finished - started,
      },
      finished,
      this.o.retriesBeforeDown ?? 1,
      server.maintenance === true || (this.o.inMaintenance?.(server, finished) ?? false),
      confirmsDown(recentLoss, outcome.ok ? null : outcome.error),
    );
    // A server removed while its probe ran must not reappear.
    if (!this.o.servers().some((s) => s.id === server.id)) return snapshot;
    this.latest.set(server.id, snapshot);
    if (transition) {
      this.o.logger.info('status change', {
        server: server.name,
        from: transition.from,
        to: transition.to,
        error: transition.errorKind ?? undefined,
        outageMs: transition.outageMs ?? undefined,
      });
    }
    this.o.onSnapshot(server, snapshot, transition);
    return snapshot;
  }
}
