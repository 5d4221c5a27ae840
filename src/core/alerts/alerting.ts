// Alerts from conditions to people: the engine (raise, hold-down, inhibition, silences), the
// escalation ladder (who is told when, every 15 s and on every change) and the channels. The alert
// state of a server is one of the registry's resources (released when the server is paused or removed).
import type { Alert } from '../../shared/domain';
import type { EmailService } from '../email/email-service';
import type { EventHub } from '../events';
import type { Logger } from '../log';
import type { ServerResource } from '../registry/server-registry';
import type { WebhookService } from '../webhooks/webhook-service';
import { AlertEngine } from './alert-engine';
import { NoticeGrouping, type GroupedNotice } from './notice-grouping';
import type { Condition } from './alert-rules';
import type { AlertStore } from './alert-store';
import { DEFAULT_POLICY, Escalator, type EscalationPolicy, type EscalationStateStore, type Notice } from './escalation';
import type { SilenceStore } from './silences';
import type { PendingStore } from './pending-store';

export interface AlertingDeps {
  store: AlertStore;
  silences: SilenceStore;
  escalations: EscalationStateStore;
  events: EventHub;
  logger: Logger;
  webhooks: WebhookService;
  email: EmailService;
  holdDownMs?: number | (() => number);
  /** Where pending periods survive a restart (a warning's `for` clock is not reset by one). */
  pendingStore?: PendingStore;
  /** The escalation ladder in force at start (the Settings view may change it later). */
  policy?: EscalationPolicy;
  /** Servers that are paused now: their alerts stay shown (as paused, stale) but page nobody. */
  pausedServers?: () => Set<string>;
  /** Domain listeners of alert changes (incident-report drafts); each one's failure is logged, not fatal. */
  onAlertChanged?: Array<(alert: Alert) => void>;
  /** Every notice of the ladder (the incident journal records who was told, at which level). */
  onNotice?: (notice: Notice) => void;
  /** How long notices wait to be grouped with others of a storm (default 3 s quiet, 20 s at most). */
  noticeGrouping?: { quietMs?: number; maxWaitMs?: number };
}

export class Alerting implements ServerResource {
  readonly name = 'alerts';
  readonly engine: AlertEngine;
  readonly escalator: Escalator;
  private readonly logged = new Set<string>();
  private timer: NodeJS.Timeout | null = null;
  // A fault storm pages once: notices of the same kind raised together go out as one, listing every server.
  private readonly grouping: NoticeGrouping;

  constructor(private readonly d: AlertingDeps) {
    this.grouping = new NoticeGrouping({ ...d.noticeGrouping, emit: (notice) => this.send(notice) });
    this.escalator = new Escalator(d.policy ?? DEFAULT_POLICY, d.escalations);
    this.engine = new AlertEngine({
      store: d.store,
      silences: () => d.silences.active(Date.now()),
      holdDownMs: d.holdDownMs,
      pendingStore: d.pendingStore,
      onChange: (alert) => this.alertChanged(alert),
    });
  }

  /** The complete set of conditions of one server now; `unknown` rules lack inputs and keep their state. */
  evaluate(serverId: string, conditions: Condition[], unknown: readonly string[] = []): void {
    this.engine.update(serverId, conditions, unknown);
  }

  /** Who must be told now: on every alert change and every 15 s (waits and repeats come due with time). */
  escalate(): void {
    const paused = this.d.pausedServers?.() ?? new Set<string>();
    const alerts = this.engine.list().map((a) => (paused.has(a.serverId) ? { ...a, inhibited: true } : a));
    for (const notice of this.escalator.due(alerts, Date.now())) {
      this.d.onNotice?.(notice);
      this.grouping.add(notice);
    }
  }

  private send(notice: GroupedNotice): void {
    this.d.events.emit('alert.notify', notice);
    if (notice.targets.includes('webhooks')) this.d.webhooks.notify(notice.alert, notice.reason);
    if (notice.targets.includes('email')) this.d.email.notify(notice.alert, notice.reason);
  }

  start(): void {
    // Messages a stopped console wrote but never finished sending go out first.
    this.d.webhooks.resumeUnfinished();
    this.d.email.resumeUnfinished();
    this.timer = setInterval(() => this.escalate(), 15_000);
    this.timer.unref?.();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.grouping.flush();
  }

  // Pausing keeps the server's alerts (the window shows them as paused and stale): only removal forgets.

  release(serverId: string): void {
    this.engine.forgetServer(serverId);
  }

  private alertChanged(alert: Alert): void {
    // Logged once when raised (summaries change as counts move; that is not a new alert).
    if (alert.resolvedAt === null && !this.logged.has(alert.id)) {
      this.logged.add(alert.id);
      this.d.logger.warn('alert', { rule: alert.rule, severity: alert.severity, summary: alert.summary });
    }
    if (alert.resolvedAt !== null) {
      this.logged.delete(alert.id);
      this.d.logger.info('alert resolved', { rule: alert.rule, summary: alert.summary, durationMs: alert.resolvedAt - alert.startedAt });
    }
    this.d.events.emit('alert.changed', alert);
    for (const listener of this.d.onAlertChanged ?? []) {
      try {
        listener(alert);
      } catch (err) {
        this.d.logger.error('alert listener failed', { rule: alert.rule, error: err instanceof Error ? err.message : String(err) });
      }
    }
    if (alert.resolvedAt !== null) {
      this.d.webhooks.resolved(alert);
      this.d.email.resolved(alert);
    }
    queueMicrotask(() => this.escalate());
  }
}
