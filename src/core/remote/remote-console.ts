// The desktop attached to an ops server: the console contract over the service's WebSocket, from
// Node (the Electron main process), so the window, tray and notifications can show the ops server's
// fleet while this machine polls nothing. Reconnects with exponential backoff and jitter; a refused
// upgrade (wrong or revoked token) is told apart from an unreachable server.
import type { Duplex } from 'node:stream';
import WebSocket from 'ws';
import { WS_MAX_PAYLOAD_BYTES, WS_PROTOCOL, WS_TOKEN_PREFIX, type ClientFrame, type EventTopic, type ServerFrame } from '../../shared/contract';
import { fail, type Result } from '../../shared/result';
import type { Logger } from '../log';

export type RemoteState = 'connecting' | 'open' | 'unreachable' | 'refused';

export interface RemoteTarget {
  /** The service's address as its own Host/Origin checks know it, e.g. https://crank.example.net:8443/. */
  url: string;
  token: string;
  /** PEM of the service's certificate or its CA, for a self-signed service. */
  ca?: string;
  /** Opens the byte stream to the service instead of TCP (an SSH-forwarded channel). */
  connect?: () => Promise<Duplex>;
}

export interface RemoteConsoleOptions {
  logger: Logger;
  /** Backoff: first delay and cap. */
  minDelayMs?: number;
  maxDelayMs?: number;
  random?: () => number;
}

type Listener = (topic: EventTopic, data: unknown) => void;

/** Close code the service uses for a token revoked while connected. */
const CLOSE_REVOKED = 4401;

export class RemoteConsole {
  private ws: WebSocket | null = null;
  private current: RemoteState = 'connecting';
  private problemText: string | null = null;
  private attempt = 0;
  private nextId = 1;
  private timer: NodeJS.Timeout | null = null;
  private closed = false;
  private readonly pending = new Map<number, (r: Result<unknown>) => void>();
  private readonly listeners = new Set<Listener>();
  private readonly stateListeners = new Set<(s: RemoteState) => void>();

  readonly router = { dispatch: (method: unknown, payload: unknown) => this.invoke(String(method), payload) };
  readonly events = {
    on: (listener: Listener) => {
      this.listeners.add(listener);
      return () => void this.listeners.delete(listener);
    },
  };

  constructor(
    private readonly target: RemoteTarget,
    private readonly o: RemoteConsoleOptions,
  ) {
    void this.connect();
  }

  state(): RemoteState {
    return this.current;
  }

  /** Why the last attempt failed, in words (null while open or before the first failure). */
  problem(): string | null {
    return this.current === 'open' ? null : this.problemText;
  }

  onState(listener: (s: RemoteState) => void): () => void {
    this.stateListeners.add(listener);
    return () => void this.stateListeners.delete(listener);
  }

  /** The delay before reconnect attempt n (1-based): doubling from minDelay up to maxDelay, ±25 %. */
  static backoff(attempt: number, minDelayMs: number, maxDelayMs: number, random: () => number): number {
    return Math.round(Math.min(maxDelayMs, minDelayMs * 2 ** Math.min(attempt - 1, 16)) * (0.75 + random() * 0.5));
  }

  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.ws?.close(1000, 'detached');
    this.failPending('Detached from the ops server.');
  }

  private setState(s: RemoteState): void {
    if (s === this.current) return;
    this.current = s;
    for (const l of this.stateListeners) l(s);
  }

  private failPending(message: string): void {
    for (const resolve of this.pending.values()) resolve(fail('internal', message));
    this.pending.clear();
  }

  private invoke(method: string, payload: unknown): Promise<Result<unknown>> {
    const ws = this.ws;
    if (!ws || ws.readyState !== WebSocket.OPEN) {
      return Promise.resolve(fail('internal', `Not connected to the ops server (${this.current}); it reconnects by itself.`));
    }
    const frame: ClientFrame = { type: 'invoke', id: this.nextId++, method, payload };
    return new Promise((resolve) => {
      this.pending.set(frame.id, resolve);
      ws.send(JSON.stringify(frame));
    });
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    this.setState(this.attempt === 0 ? 'connecting' : this.current);
    const base = new URL(this.target.url);
    const wsUrl = `${base.protocol === 'https:' ? 'wss' : 'ws'}://${base.host}/rpc`;
    let stream: Duplex | null = null;
    try {
      if (this.target.connect) stream = await this.target.connect();
    } catch (err) {
      this.o.logger.warn('ops server tunnel failed', { error: (err as Error).message });
      this.problemText = `The SSH tunnel failed: ${(err as Error).message}`;
      return this.retry('unreachable');
    }
    if (this.closed) return void stream?.destroy();
    let refused = false;
    let answered = false; // an HTTP answer explains the failure better than the socket error after it
    const ws = new WebSocket(wsUrl, [WS_PROTOCOL, WS_TOKEN_PREFIX + this.target.token], {
      origin: base.origin,
      maxPayload: WS_MAX_PAYLOAD_BYTES,
      handshakeTimeout: 15_000,
      ...(this.target.ca ? { ca: this.target.ca } : {}),
      ...(stream ? { createConnection: () => stream as never } : {}),
    });
    this.ws = ws;
    ws.on('unexpected-response', (_req, res) => {
      refused = res.statusCode === 401 || res.statusCode === 403;
      answered = true;
      this.problemText = describeHttpRefusal(res.statusCode ?? 0, base.host);
      ws.terminate();
    });
    ws.on('open', () => {
      this.attempt = 0;
      this.problemText = null;
      this.setState('open');
    });
    ws.on('message', (raw) => {
      let frame: ServerFrame;
      try {
        frame = JSON.parse(raw.toString()) as ServerFrame;
      } catch {
        return;
      }
      if (frame.type === 'result') {
        this.pending.get(frame.id)?.(frame.result);
        this.pending.delete(frame.id);
      } else if (frame.type === 'event') {
        for (const l of this.listeners) l(frame.topic, frame.data);
      }
    });
    ws.on('error', (err: NodeJS.ErrnoException) => {
      // 'close' follows and decides the state; this only says why.
      if (!answered) this.problemText = describeSocketError(err, base.host);
    });
    ws.on('close', (code) => {
      if (code === CLOSE_REVOKED) this.problemText = 'The ops server revoked this token.';
      if (this.ws === ws) this.ws = null;
      this.failPending('The connection to the ops server was lost; try again.');
      if (!this.closed) this.retry(refused || code === CLOSE_REVOKED ? 'refused' : 'unreachable');
    });
  }

  private retry(state: RemoteState): void {
    this.setState(state);
    this.attempt += 1;
    const delay = RemoteConsole.backoff(this.attempt, this.o.minDelayMs ?? 1000, this.o.maxDelayMs ?? 60_000, this.o.random ?? Math.random);
    this.timer = setTimeout(() => void this.connect(), delay);
    this.timer.unref?.();
  }
}

/** An HTTP answer instead of a WebSocket: which of the service's checks said no. */
export function describeHttpRefusal(status: number, host: string): string {
  if (status === 401) return 'The ops server refused this token (wrong, revoked or from another server).';
  if (status === 403) return `The ops server does not accept the name ${host} (its Host/Origin check): use the address it was configured with.`;
  if (status === 404) return `${host} answered, but it is not a Yardmaster ops server (no console endpoint there): check the URL.`;
  if (status === 421) return `The ops server does not accept the name ${host}: use the address it was configured with.`;
  return `${host} answered HTTP ${status} instead of the console connection: check the URL.`;
}

const TLS_CODE = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS|ERR_SSL|EPROTO|HOSTNAME|ALTNAME/;

/** A failed connection in words: TLS, name, refused port, or no answer. */
export function describeSocketError(err: NodeJS.ErrnoException, host: string): string {
  const code = err.code ?? '';
  if (TLS_CODE.test(code) || /certificate|wrong version number|ssl|tls/i.test(err.message)) {
    return `TLS failed with ${host}: ${err.message}${code ? ` (${code})` : ''}. For a self-signed service, paste its certificate; for plain HTTP use http://.`;
  }
  if (code === 'ECONNREFUSED') return `Nothing listens at ${host} (connection refused): is the service running, on that port?`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `The host name in ${host} was not found.`;
  if (code === 'ETIMEDOUT' || /timed? ?out/i.test(err.message)) return `${host} did not answer in time (unreachable or filtered).`;
  return `Could not reach ${host}: ${err.message}${code ? ` (${code})` : ''}.`;
}
