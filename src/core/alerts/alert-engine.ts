// Turns conditions into alerts. Raises at once (server-down is already confirmed by the status
// machine's PENDING step), clears only after the condition stayed away for a hold-down period so a
// flapping check does not page twice, mutes a down server's other alerts (inhibition), and keeps
// everything in the history database so a restart of the console forgets nothing.
import { randomUUID } from 'node:crypto';
import type { Alert, Silence } from '../../shared/domain';
import { silenceMatches } from './silences';
import type { Condition } from './alert-rules';
import type { AlertStore } from './alert-store';

export interface AlertEngineOptions {
  store: AlertStore;
  onChange: (alert: Alert) => void;
  now?: () => number;
  /** How long a condition must stay away before its alert resolves. */
  holdDownMs?: number;
  /** Silences in force now. */
  silences?: () => Silence[];
}

const keyOf = (serverId: string, rule: string, agentId: string | null) => `${rule}|${serverId}|${agentId ?? ''}`;

export class AlertEngine {
  private readonly active = new Map<string, Alert & { clearingSince: number | null }>();
  /** Conditions seen but not yet held for their forMs. */
  private readonly pending = new Map<string, number>();

  constructor(private readonly o: AlertEngineOptions) {
    for (const a of o.store.active()) this.active.set(keyOf(a.serverId, a.rule, a.agentId), { ...a, clearingSince: null });
  }

  /** The complete set of conditions that hold now for one server. */
  update(serverId: string, conditions: Condition[]): void {
    const now = (this.o.now ?? Date.now)();
    const serverDown = conditions.some((c) => c.rule === 'server-down');
    const present = new Set<string>();
    for (const c of conditions) {
      const key = keyOf(serverId, c.rule, c.agentId);
      present.add(key);
      const inhibited = serverDown && c.inhibitable;
      const existing = this.active.get(key);
      if (existing) {
        const silencedBy = this.silencedBy(existing, now);
        const changed =
          existing.clearingSince !== null || existing.inhibited !== inhibited || existing.summary !== c.summary || existing.silencedBy !== silencedBy;
        existing.clearingSince = null;
        existing.inhibited = inhibited;
        existing.summary = c.summary;
        existing.silencedBy = silencedBy;
        if (changed) this.save(existing);
        continue;
      }
      const firstSeen = this.pending.get(key) ?? now;
      if (now - firstSeen < (c.forMs ?? 0)) {
        this.pending.set(key, firstSeen);
        continue;
      }
      this.pending.delete(key);
      const alert = {
        id: randomUUID(),
        rule: c.rule,
        severity: c.severity,
        serverId,
        agentId: c.agentId,
        summary: c.summary,
        startedAt: now,
        resolvedAt: null,
        inhibited,
        silencedBy: null as string | null,
        ackedAt: null,
        ackedBy: null,
        clearingSince: null,
      };
      alert.silencedBy = this.silencedBy(alert, now);
      this.active.set(key, alert);
      this.save(alert);
    }
    for (const key of this.pending.keys()) if (key.split('|')[1] === serverId && !present.has(key)) this.pending.delete(key);
    for (const [key, alert] of this.active) {
      if (alert.serverId !== serverId || present.has(key)) continue;
      // While the server is down its child checks cannot run: absence then means nothing.
      if (serverDown && alert.rule !== 'server-down') continue;
      alert.clearingSince ??= now;
      if (now - alert.clearingSince >= (this.o.holdDownMs ?? 30_000)) this.resolve(key, alert.clearingSince);
    }
  }

  /** Resolves everything of a server that no longer exists or is no longer watched. */
  forgetServer(serverId: string): void {
    const now = (this.o.now ?? Date.now)();
    for (const [key, alert] of this.active) if (alert.serverId === serverId) this.resolve(key, now);
  }

  ack(id: string, by: string): Alert | null {
    for (const alert of this.active.values()) {
      if (alert.id !== id) continue;
      if (alert.ackedAt === null) {
        alert.ackedAt = (this.o.now ?? Date.now)();
        alert.ackedBy = by;
        this.save(alert);
      }
      return strip(alert);
    }
    return null;
  }

  list(): Alert[] {
    return [...this.active.values()].map(strip);
  }

  /** After a silence was created or ended: re-evaluate which alerts it mutes, and tell the windows. */
  refreshSilences(): void {
    const now = (this.o.now ?? Date.now)();
    for (const alert of this.active.values()) {
      const silencedBy = this.silencedBy(alert, now);
      if (silencedBy !== alert.silencedBy) {
        alert.silencedBy = silencedBy;
        this.save(alert);
      }
    }
  }

  private silencedBy(alert: Pick<Alert, 'rule' | 'serverId' | 'agentId'>, now: number): string | null {
    return this.o.silences?.().find((s) => silenceMatches(s, alert, now))?.id ?? null;
  }

  private resolve(key: string, at: number): void {
    const alert = this.active.get(key);
    if (!alert) return;
    this.active.delete(key);
    alert.resolvedAt = at;
    this.save(alert);
  }

  private save(alert: Alert & { clearingSince: number | null }): void {
    const plain = strip(alert);
    this.o.store.upsert(plain);
    this.o.onChange(plain);
  }
}

function strip(a: Alert & { clearingSince?: number | null }): Alert {
  const { clearingSince: _ignored, ...rest } = a;
  return { ...rest };
}
