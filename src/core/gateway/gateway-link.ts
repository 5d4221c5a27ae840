// A persistent, read-only WebSocket to one OpenClaw gateway, carried through an SSH-forwarded
// channel (the gateway sees a loopback caller). Negotiates protocol 3–4 as an operator with only
// `operator.read`, and advertises `session-scoped-events` so the gateway does not push chat/agent
// text. Event payloads are never read, except tick (liveness), shutdown and the status fields of
// `heartbeat` (through an allowlist parser that drops the preview); everything else is dropped on
// receipt by name.
import type { Duplex } from 'node:stream';
import WebSocket from 'ws';
import { probeFailure } from '../ssh/ssh-errors';
import { REMOTE_ERROR_LABELS } from '../../shared/error-kinds';
import { classifyRemoteText, remoteSlug } from '../privacy/remote-text';
import { parseHeartbeatOutcome, type HeartbeatOutcome } from './heartbeat-outcomes';

export interface HelloFacts {
  protocol: number;
  version: string | null;
  buildId: string | null;
  bootId: string | null;
  uptimeMs: number | null;
  /** When the hello arrived (with uptimeMs this dates the gateway's start). */
  receivedAt: number;
  tickIntervalMs: number;
  scopes: string[];
}

/** How a link ended: the other side closed it (crash, restart), or it stopped answering (hang). */
export type LinkLoss = 'closed' | 'unresponsive';

export const DEFAULT_PING_INTERVAL_MS = 2_000;
/** Silence longer than one ping interval plus this ends the link as unresponsive. */
const SILENCE_SLACK_MS = 1_000;

/**
 * One timer for every open link, not one each: at 1,000 servers per-link timers were 1,000 wakeups a
 * second. Every SWEEP_MS it judges each link's silence and sends the pings that are due; a hang is then
 * seen within interval + slack + one sweep of the last answer.
 */
const SWEEP_MS = 250;
const watched = new Set<{ sweep(): void }>();
let sweeper: NodeJS.Timeout | null = null;

function watch(link: { sweep(): void }): void {
  watched.add(link);
  if (sweeper) return;
  sweeper = setInterval(() => {
    for (const l of watched) {
      try {
        l.sweep();
      } catch {
        // One link's trouble (a socket torn down under it) must not stop the others' pings.
      }
    }
  }, SWEEP_MS);
  sweeper.unref?.();
}

function unwatch(link: { sweep(): void }): void {
  watched.delete(link);
  if (watched.size === 0 && sweeper) {
    clearInterval(sweeper);
    sweeper = null;
  }
}

export class GatewayRpcError extends Error {
  constructor(
    readonly method: string,
    readonly code: string,
    message: string,
    readonly detailCode: string | null,
  ) {
    super(`${method}: ${code}${detailCode ? `/${detailCode}` : ''}: ${message}`);
  }
}

export interface GatewayLinkOptions {
  stream: Duplex;
  token: string;
  clientVersion: string;
  connectTimeoutMs?: number;
  /** Called once when the link ends, with why and how: closed by the other side, or gone silent. */
  onClose?: (reason: string, loss: LinkLoss) => void;
  /**
   * A WebSocket ping this often (default 2 s). Silence (no pong, no byte at all) for an interval plus
   * 1 s ends the link as unresponsive: a stopped gateway is seen 1.25–3.25 s after it stopped, and one
   * that is only busy (a big answer on its way, an event loop stalled for a second) is not mistaken for
   * a hung one.
   */
  pingIntervalMs?: number;
  /** A config write persisted on the gateway (the `config.changed` event; its payload is not read). */
  onConfigChanged?: () => void;
  /** A heartbeat run ended: its status/reason only (see heartbeat-outcomes.ts). */
  onHeartbeat?: (outcome: HeartbeatOutcome) => void;
  now?: () => number;
}

const MAX_FRAME_BYTES = 32 * 1024 * 1024;
/** A gateway's error words, as the console's label for their kind (the words stay here). */
const kindLabel = (text: unknown): string => REMOTE_ERROR_LABELS[classifyRemoteText(text) ?? 'other'];
const str = (v: unknown): string | null => (typeof v === 'string' && v.length <= 200 ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const obj = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {});

export class GatewayLink {
  private nextId = 1;
  private readonly pending = new Map<string, { resolve: (v: unknown) => void; reject: (e: Error) => void; method: string; timer: NodeJS.Timeout }>();
  private open = true;
  private lastActivity: number;
  private nextPingAt: number;
  private readonly pingEvery: number;
  private closeReason: string | null = null;

  private constructor(
    private readonly ws: WebSocket,
    readonly hello: HelloFacts,
    private readonly o: GatewayLinkOptions,
  ) {
    const now = o.now ?? Date.now;
    this.lastActivity = now();
    ws.on('message', (raw) => this.onMessage(raw));
    ws.on('pong', () => this.heard());
    // Bytes count, not only whole frames: a large answer still arriving is a gateway at work.
    o.stream.on('data', () => this.heard());
    // The close reason is the gateway's words: only its kind is kept.
    ws.on('close', (code, reason) => this.finish(`closed (${code}${reason.length ? `, ${kindLabel(reason.toString())}` : ''})`, 'closed'));
    ws.on('error', (err) => this.finish(`error: ${err.message}`, 'closed'));
    // A ping is answered by the gateway's WebSocket layer (no RPC, no handler), so it costs the
    // gateway next to nothing, and a gateway whose event loop does not turn cannot answer it.
    this.pingEvery = o.pingIntervalMs ?? DEFAULT_PING_INTERVAL_MS;
    this.nextPingAt = this.lastActivity + this.pingEvery;
    watch(this);
  }

  static open(o: GatewayLinkOptions): Promise<GatewayLink> {
    const ws = new WebSocket('ws://127.0.0.1/', { createConnection: () => o.stream as never, maxPayload: MAX_FRAME_BYTES, perMessageDeflate: false });
    return new Promise((resolve, reject) => {
      let settled = false;
      const fail = (err: Error) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        ws.removeAllListeners();
        ws.on('error', () => {});
        ws.terminate();
        reject(err);
      };
      const timer = setTimeout(
        () => fail(probeFailure('gateway-unreachable', `Gateway WebSocket handshake did not finish in ${o.connectTimeoutMs ?? 10_000} ms.`)),
        o.connectTimeoutMs ?? 10_000,
      );
      ws.on('error', (err) => fail(probeFailure('gateway-unreachable', `Gateway WebSocket failed: ${err.message}`)));
      ws.on('close', (code, reason) => {
        const why = reason.length ? kindLabel(reason.toString()) : null;
        if (code === 1002) fail(probeFailure('gateway-protocol-mismatch', `Gateway refused protocol 3–4 (${why ?? 'protocol mismatch'}).`));
        else fail(probeFailure('gateway-unreachable', `Gateway closed the WebSocket during the handshake (${code}${why ? `, ${why}` : ''}).`));
      });
      ws.on('message', (raw) => {
        let frame: Record<string, unknown>;
        try {
          frame = JSON.parse(raw.toString()) as Record<string, unknown>;
        } catch {
          return fail(probeFailure('malformed-output', 'Gateway sent a frame that is not JSON during the handshake.'));
        }
        if (frame.type === 'event' && frame.event === 'connect.challenge') {
          ws.send(
            JSON.stringify({
              type: 'req',
              id: 'connect',
              method: 'connect',
              params: {
                minProtocol: 3,
                maxProtocol: 4,
                client: { id: 'cli', version: o.clientVersion, platform: process.platform, mode: 'cli', displayName: 'Yardmaster' },
                role: 'operator',
                scopes: ['operator.read'],
                caps: ['session-scoped-events'],
                auth: { token: o.token },
              },
            }),
          );
          return;
        }
        if (frame.type === 'res' && frame.id === 'connect') {
          if (frame.ok !== true) {
            const error = obj(frame.error);
            const detail = remoteSlug(obj(error.details).code);
            const kind = detail && /AUTH|TOKEN|PAIRING/i.test(detail) ? 'gateway-auth-failed' : 'gateway-unreachable';
            const code = remoteSlug(error.code);
            return fail(probeFailure(kind, `Gateway refused the connection: ${kindLabel(error.message)}${code || detail ? ` (${[code, detail].filter(Boolean).join('/')})` : ''}.`));
          }
          settled = true;
          clearTimeout(timer);
          ws.removeAllListeners();
          const p = obj(frame.payload);
          const server = obj(p.server);
          const hello: HelloFacts = {
            protocol: num(p.protocol) ?? 0,
            version: str(server.version),
            buildId: str(server.buildId),
            bootId: str(server.bootId),
            uptimeMs: num(obj(p.snapshot).uptimeMs),
            receivedAt: (o.now ?? Date.now)(),
            tickIntervalMs: Math.max(1_000, num(obj(p.policy).tickIntervalMs) ?? 30_000),
            scopes: Array.isArray(obj(p.auth).scopes) ? (obj(p.auth).scopes as unknown[]).filter((s): s is string => typeof s === 'string') : [],
          };
          resolve(new GatewayLink(ws, hello, o));
        }
      });
    });
  }

  isOpen(): boolean {
    return this.open;
  }

  whyClosed(): string | null {
    return this.closeReason;
  }

  call(method: string, params: Record<string, unknown>, timeoutMs = 10_000): Promise<unknown> {
    if (!this.open) return Promise.reject(new GatewayRpcError(method, 'CLOSED', this.closeReason ?? 'link closed', null));
    const id = `r${this.nextId++}`;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new GatewayRpcError(method, 'TIMEOUT', `no answer in ${timeoutMs} ms`, null));
      }, timeoutMs);
      this.pending.set(id, { resolve, reject, method, timer });
      this.ws.send(JSON.stringify({ type: 'req', id, method, params }));
    });
  }

  close(): void {
    this.finish('closed by Yardmaster', 'closed');
    this.ws.close(1000);
  }

  /** Called by the shared sweeper: end a link that went silent, or send its ping when due. */
  sweep(): void {
    const t = (this.o.now ?? Date.now)();
    const silentFor = t - this.lastActivity;
    if (silentFor > this.pingEvery + SILENCE_SLACK_MS) {
      this.finish(`no answer to pings for ${(silentFor / 1000).toFixed(1)} s`, 'unresponsive');
      this.ws.terminate();
      return;
    }
    if (t >= this.nextPingAt) {
      this.nextPingAt = t + this.pingEvery;
      this.ws.ping();
    }
  }

  /** Any frame from the gateway (pong, tick, answer) shows it alive and answers the outstanding ping. */
  private heard(): void {
    this.lastActivity = (this.o.now ?? Date.now)();
  }

  private onMessage(raw: WebSocket.RawData): void {
    this.heard();
    let frame: Record<string, unknown>;
    try {
      frame = JSON.parse(raw.toString()) as Record<string, unknown>;
    } catch {
      return;
    }
    if (frame.type === 'res' && typeof frame.id === 'string') {
      const waiter = this.pending.get(frame.id);
      if (!waiter) return;
      this.pending.delete(frame.id);
      clearTimeout(waiter.timer);
      if (frame.ok === true) waiter.resolve(frame.payload);
      else {
        const error = obj(frame.error);
        waiter.reject(new GatewayRpcError(waiter.method, remoteSlug(error.code) ?? 'ERROR', kindLabel(error.message), remoteSlug(obj(error.details).code)));
      }
      return;
    }
    if (frame.type === 'event' && frame.event === 'shutdown') this.finish('gateway announced shutdown', 'closed');
    // Only the event's name is used: the config audit re-reads through config.get at the next poll.
    if (frame.type === 'event' && frame.event === 'config.changed') this.o.onConfigChanged?.();
    if (frame.type === 'event' && frame.event === 'heartbeat') {
      const outcome = parseHeartbeatOutcome(frame.payload);
      if (outcome) this.o.onHeartbeat?.(outcome);
    }
    // Every other event (agent, chat, session.*, task…) may carry content: not looked at.
  }

  private finish(reason: string, loss: LinkLoss): void {
    if (!this.open) return;
    this.open = false;
    this.closeReason = reason;
    unwatch(this);
    for (const w of this.pending.values()) {
      clearTimeout(w.timer);
      w.reject(new GatewayRpcError(w.method, 'CLOSED', reason, null));
    }
    this.pending.clear();
    this.o.onClose?.(reason, loss);
  }
}
