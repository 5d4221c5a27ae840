// Turns conditions into alerts. Raises at once (server-down is already confirmed by the status
// machine's PENDING step), clears only after the condition stayed away for a hold-down period so a
// flapping check does not page twice, mutes a down server's other alerts (inhibition), and keeps
// everything in the history database so a restart of the console forgets nothing.
import { randomUUID } from 'node:crypto';
import type { Alert, Silence } from '../../shared/domain';
import { silenceMatches } from './silences';
import type { Condition } from './alert-rules';
import type { AlertStore } from './alert-store';
import { DEFAULT_PENDING_FOR_MS } from './pending-policy';
import type { PendingStore } from './pending-store';
import { isUnknown } from './unknown-inputs';

export interface AlertEngineOptions {
  store: AlertStore;
  onChange: (alert: Alert) => void;
  now?: () => number;
  /** How long a condition must stay away before its alert resolves; a function is read at every update (settings). */
  holdDownMs?: number | (() => number);
  /** Silences in force now. */
  silences?: () => Silence[];
  /** Where pending conditions survive a restart (memory only without). */
  pendingStore?: PendingStore;
  /** Per-rule pending period before an alert is raised (default DEFAULT_PENDING_FOR_MS); a condition's own forMs wins when longer. */
  pendingForMs?: Readonly<Record<string, number>>;
}

const keyOf = (serverId: string, rule: string, agentId: string | null) => `${rule}|${serverId}|${agentId ?? ''}`;

export class AlertEngine {
  private readonly active = new Map<string, Alert & { clearingSince: number | null }>();
  /** Conditions seen but not yet held for their pending period: key → first seen. */
  private readonly pending: Map<string, number>;
  private pendingDirty = false;

  constructor(private readonly o: AlertEngineOptions) {
    for (const a of o.store.active()) this.active.set(keyOf(a.serverId, a.rule, a.agentId), { ...a, clearingSince: null });
    this.pending = o.pendingStore?.load() ?? new Map();
  }

  /**
   * The complete set of conditions that hold now for one server, and the rules whose inputs are
   * missing in this snapshot (see unknown-inputs.ts): those keep their alerts and pending clocks.
   */
  update(serverId: string, conditions: Condition[], unknown: readonly string[] = []): void {
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
      const forMs = Math.max(c.forMs ?? 0, (this.o.pendingForMs ?? DEFAULT_PENDING_FOR_MS)[c.rule] ?? 0);
      if (now - firstSeen < forMs) {
        if (!this.pending.has(key)) this.setPending(key, firstSeen);
        continue;
      }
      this.deletePending(key);
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
    for (const key of [...this.pending.keys()]) {
      const [rule, server] = key.split('|');
      if (server === serverId && !present.has(key) && !isUnknown(unknown, rule!)) this.deletePending(key);
    }
    for (const [key, alert] of this.active) {
      if (alert.serverId !== serverId || present.has(key)) continue;
      // While the server is down its child checks cannot run: absence then means nothing.
      if (serverDown && alert.rule !== 'server-down') continue;
      // Missing input is not a clear: the clear must be seen, for a whole hold-down, in real data.
      if (isUnknown(unknown, alert.rule)) {
        alert.clearingSince = null;
        continue;
      }
      alert.clearingSince ??= now;
      if (now - alert.clearingSince >= this.holdDownMs()) this.resolve(key, alert.clearingSince);
    }
    this.flushPending();
  }

  /** Resolves everything of a server that no longer exists or is no longer watched. */
  forgetServer(serverId: string): void {
    const now = (this.o.now ?? Date.now)();
    for (const [key, alert] of this.active) if (alert.serverId === serverId) this.resolve(key, now);
    for (const key of [...this.pending.keys()]) if (key.split('|')[1] === serverId) this.deletePending(key);
    this.flushPending();
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

  private holdDownMs(): number {
    const h = this.o.holdDownMs;
    return typeof h === 'function' ? h() : (h ?? 30_000);
  }

  private silencedBy(alert: Pick<Alert, 'rule' | 'serverId' | 'agentId'>, now: number): string | null {
    return this.o.silences?.().find((s) => silenceMatches(s, alert, now))?.id ?? null;
  }

  private setPending(key: string, firstSeen: number): void {
    this.pending.set(key, firstSeen);
    this.pendingDirty = true;
  }

  private deletePending(key: string): void {
    if (this.pending.delete(key)) this.pendingDirty = true;
  }

  private flushPending(): void {
    if (!this.pendingDirty) return;
    this.pendingDirty = false;
    this.o.pendingStore?.save(this.pending);
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
