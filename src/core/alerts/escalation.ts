// When to tell a human, and again: the escalation ladder as pure logic (fake-time testable). A new
// unmuted alert notifies at once; a critical one that nobody acknowledged notifies again after each
// level's wait, then repeats at the last level's interval a bounded number of times. Acknowledging
// stops the ladder; a silence or inhibition pauses it; info alerts never notify.
import type { Alert } from '../../shared/domain';

export interface EscalationLevel {
  /** Time after the alert started at which this level fires. */
  afterMs: number;
  /** Who is told; 'desktop' is the OS notification (the alert centre always shows alerts). */
  targets: string[];
}

export interface EscalationPolicy {
  critical: EscalationLevel[];
  warning: EscalationLevel[];
  /** After the last level: repeat it this often, at most maxRepeats times, while unacknowledged. */
  repeatEveryMs: number;
  maxRepeats: number;
}

export const DEFAULT_POLICY: EscalationPolicy = {
  critical: [
    { afterMs: 0, targets: ['desktop', 'webhooks', 'email'] },
    { afterMs: 15 * 60_000, targets: ['desktop', 'webhooks', 'email'] },
  ],
  warning: [{ afterMs: 0, targets: ['desktop', 'webhooks', 'email'] }],
  repeatEveryMs: 60 * 60_000,
  maxRepeats: 5,
};

export interface Notice {
  alert: Alert;
  level: number;
  targets: string[];
  reason: 'raised' | 'escalated' | 'repeat';
}

export interface EscalationState {
  level: number;
  lastAt: number;
  repeats: number;
}

/** Where the ladder's position per alert is kept, so a restart of the console does not page again from the start. */
export interface EscalationStateStore {
  load(): Map<string, EscalationState>;
  save(alertId: string, state: EscalationState): void;
  delete(alertId: string): void;
}

export class Escalator {
  private readonly state: Map<string, EscalationState>;

  constructor(
    private policy: EscalationPolicy = DEFAULT_POLICY,
    private readonly store?: EscalationStateStore,
  ) {
    this.state = store?.load() ?? new Map();
  }

  /** A new ladder from the settings; alerts part-way up keep their position. */
  setPolicy(policy: EscalationPolicy): void {
    this.policy = policy;
  }

  private set(alertId: string, st: EscalationState): void {
    this.state.set(alertId, st);
    this.store?.save(alertId, st);
  }

  /** The notices due now for these active alerts (call on every change and periodically). */
  due(alerts: Alert[], now: number): Notice[] {
    const out: Notice[] = [];
    const live = new Set<string>();
    for (const a of alerts) {
      live.add(a.id);
      if (a.resolvedAt !== null || a.severity === 'info' || a.ackedAt !== null || a.inhibited || a.silencedBy) continue;
      const levels = a.severity === 'critical' ? this.policy.critical : this.policy.warning;
      const st = this.state.get(a.id);
      const next = st ? st.level + 1 : 0;
      if (next < levels.length) {
        if (now - a.startedAt >= levels[next]!.afterMs) {
          this.set(a.id, { level: next, lastAt: now, repeats: 0 });
          out.push({ alert: a, level: next, targets: levels[next]!.targets, reason: next === 0 ? 'raised' : 'escalated' });
        }
        continue;
      }
      if (st && a.severity === 'critical' && st.repeats < this.policy.maxRepeats && now - st.lastAt >= this.policy.repeatEveryMs) {
        this.set(a.id, { ...st, lastAt: now, repeats: st.repeats + 1 });
        out.push({ alert: a, level: st.level, targets: levels[st.level]!.targets, reason: 'repeat' });
      }
    }
    for (const id of [...this.state.keys()]) {
      if (live.has(id)) continue;
      this.state.delete(id);
      this.store?.delete(id);
    }
    return out;
  }
}
