// Everything wrong with one server now, from every source (snapshot rules, facts, session health,
// config drift); the alert engine gets the complete set each time (what is missing resolves). Keeps
// the memory-growth trend per server (recomputed at most every 5 min), released with the server.
import type { ServerConfig, ServerSnapshot } from '../../shared/domain';
import type { ConfigAuditService } from '../config-audit/config-audit-service';
import type { HistoryStore } from '../history/history-store';
import type { Logger } from '../log';
import type { ServerResource } from '../registry/server-registry';
import type { SessionHealth } from '../sessions/session-health';
import { evaluateConditions, type Condition, type RuleLimits, type Trends } from './alert-rules';
import { driftConditions } from './drift-rules';
import { factsConditions } from './facts-rules';
import { slopePerHour } from './trends';
import { unknownRules } from './unknown-inputs';

export interface FleetConditionsDeps {
  history: HistoryStore;
  sessionHealth: SessionHealth;
  configAudit: ConfigAuditService;
  logger: Logger;
  /** Planned work adjusts what a server's conditions mean (a rollout's own restart pages nobody). */
  adjust?: (serverId: string, conditions: Condition[]) => Condition[];
  /** Conditions of other watchers of the server (the fresh-SSH-connection check), and rules they cannot judge now. */
  extra?: { conditions(server: ServerConfig, snapshot: ServerSnapshot): Condition[]; unknownRules(serverId: string): string[] };
  now?: () => number;
  /** The operator's thresholds, read at every evaluation. */
  limits?: () => RuleLimits;
}

export class FleetConditions implements ServerResource {
  readonly name = 'alert trends';
  private readonly trendCache = new Map<string, { at: number; trends: Trends }>();

  constructor(private readonly d: FleetConditionsDeps) {}

  of(server: ServerConfig, snapshot: ServerSnapshot): Condition[] {
    const now = (this.d.now ?? Date.now)();
    const all = [
      ...evaluateConditions(server, snapshot, now, this.trends(server.id, now), this.d.limits?.()),
      ...factsConditions(server, snapshot, now),
      ...this.d.sessionHealth.conditions(server, snapshot, now),
      ...driftConditions(server, this.d.configAudit.audit(server)),
      ...(this.d.extra?.conditions(server, snapshot) ?? []),
    ];
    return this.d.adjust ? this.d.adjust(server.id, all) : all;
  }

  /** Rules whose inputs this snapshot lacks: their alerts keep their state (unknown is not a clear). */
  unknownOf(server: ServerConfig, snapshot: ServerSnapshot): string[] {
    return [...unknownRules(server, snapshot), ...(this.d.extra?.unknownRules(server.id) ?? [])];
  }

  release(serverId: string): void {
    this.trendCache.delete(serverId);
  }

  private trends(serverId: string, now: number): Trends {
    const cached = this.trendCache.get(serverId);
    if (cached && now - cached.at < 5 * 60_000) return cached.trends;
    let trends: Trends = { rssBytesPerHour: null };
    try {
      trends = { rssBytesPerHour: slopePerHour(this.d.history.series(serverId, 'rss_bytes', now - 3 * 3_600_000, now).points) };
    } catch (err) {
      this.d.logger.warn('trend query failed', { serverId, error: String(err) });
    }
    this.trendCache.set(serverId, { at: now, trends });
    return trends;
  }
}
