// Hands every alert (raise, change, resolve) to one or more Alertmanagers, so a team with an
// Alertmanager cluster gets its grouping, routing, inhibition and HA dedupe. Alertmanager expects
// clients to re-send firing alerts periodically and to keep sending resolved ones for a while; every
// push carries all firing alerts plus those resolved in the last RESOLVED_RESEND_MS. A failed push is
// retried by the next one (a few seconds later for a change, else the resend interval).
import type { Alert } from '../../shared/domain';
import type { Logger } from '../log';
import { toAmAlert, type AmAlert, type AmServerInfo } from './alertmanager-format';

/** How long a resolved alert keeps being re-sent (Alertmanager's docs suggest 5 minutes' worth). */
export const RESOLVED_RESEND_MS = 5 * 60_000;
const PUSH_TIMEOUT_MS = 10_000;
const RETRY_AFTER_FAILURE_MS = 5_000;

export interface AlertmanagerDeps {
  urls: string[];
  resendIntervalMs: number;
  /** The console's address for generatorURL (null: omitted). */
  consoleUrl: string | null;
  /** Active (unresolved) alerts now. */
  activeAlerts(): Alert[] | Promise<Alert[]>;
  server(serverId: string): AmServerInfo | null | Promise<AmServerInfo | null>;
  logger: Logger;
  fetch?: typeof globalThis.fetch;
  now?: () => number;
}

export interface PushResult {
  url: string;
  ok: boolean;
  status: number | null;
}

export class AlertmanagerService {
  private readonly resolved = new Map<string, Alert>();
  private timer: NodeJS.Timeout | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  private pushing: Promise<PushResult[]> | null = null;
  private again = false;
  private readonly fetch: typeof globalThis.fetch;
  private readonly now: () => number;

  constructor(private readonly d: AlertmanagerDeps) {
    this.fetch = d.fetch ?? globalThis.fetch;
    this.now = d.now ?? Date.now;
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.push(), this.d.resendIntervalMs);
    this.timer.unref?.();
    void this.push(); // after a restart: what is still firing, at once
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.timer = this.retryTimer = null;
  }

  /** An alert was raised, changed or resolved: tell the Alertmanagers now. */
  changed(alert: Alert): void {
    if (alert.resolvedAt !== null) this.resolved.set(alert.id, alert);
    void this.push();
  }

  /** Sends the current set to every Alertmanager; concurrent calls coalesce into one more push. */
  push(): Promise<PushResult[]> {
    if (this.pushing) {
      this.again = true;
      return this.pushing;
    }
    this.pushing = this.pushOnce().finally(() => {
      this.pushing = null;
      if (this.again) {
        this.again = false;
        void this.push();
      }
    });
    return this.pushing;
  }

  /** What the next push sends (exposed for tests and the check command). */
  async payload(): Promise<AmAlert[]> {
    const now = this.now();
    for (const [id, a] of this.resolved) if (now - (a.resolvedAt ?? now) > RESOLVED_RESEND_MS) this.resolved.delete(id);
    const active = (await this.d.activeAlerts()).filter((a) => a.resolvedAt === null && !this.resolved.has(a.id));
    const opts = { now, firingTtlMs: Math.max(3 * this.d.resendIntervalMs, 3 * 60_000), consoleUrl: this.d.consoleUrl };
    const out: AmAlert[] = [];
    for (const a of [...active, ...this.resolved.values()]) out.push(toAmAlert(a, await this.d.server(a.serverId), opts));
    return out;
  }

  private async pushOnce(): Promise<PushResult[]> {
    const body = JSON.stringify(await this.payload());
    const results = await Promise.all(this.d.urls.map((url) => this.post(url, body)));
    if (results.some((r) => !r.ok) && this.timer && !this.retryTimer) {
      this.retryTimer = setTimeout(() => {
        this.retryTimer = null;
        void this.push();
      }, RETRY_AFTER_FAILURE_MS);
      this.retryTimer.unref?.();
    }
    return results;
  }

  private async post(base: string, body: string): Promise<PushResult> {
    const url = `${base.replace(/\/+$/, '')}/api/v2/alerts`;
    try {
      const res = await this.fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body, signal: AbortSignal.timeout(PUSH_TIMEOUT_MS) });
      await res.arrayBuffer().catch(() => undefined);
      if (!res.ok) this.d.logger.warn('alertmanager refused alerts', { url: base, status: res.status });
      return { url: base, ok: res.ok, status: res.status };
    } catch (err) {
      this.d.logger.warn('alertmanager unreachable', { url: base, error: (err as Error).name === 'TimeoutError' ? 'timeout' : (err as Error).message });
      return { url: base, ok: false, status: null };
    }
  }
}
