// The journal's sources that have no store of their own: the escalation ladder's notices and the
// config changes (the gateway's `config.changed` event, the audit's changed projection). Each turns
// what it is told into ids and numbers; rollouts, hygiene and the outbox write from their stores.
import type { ConfigProjection } from '../../shared/config-audit';
import type { HygieneAgentFigures, HygieneRunServer } from '../../shared/hygiene';
import type { Notice } from '../alerts/escalation';
import type { JournalRecord } from './journal-facts';
import type { ConsoleJournal } from './journal-store';

export function journalSources(journal: ConsoleJournal, now: () => number = Date.now) {
  return {
    notice(n: Notice): void {
      journal.append({
        kind: 'alert-notice',
        at: now(),
        serverId: n.alert.serverId,
        alertId: n.alert.id,
        facts: { reason: n.reason, level: n.level, targets: n.targets, rule: n.alert.rule, severity: n.alert.severity },
      });
    },
    /** The gateway said its config was written (its payload is never read). */
    configEvent(serverId: string): void {
      journal.append({ kind: 'config-change', at: now(), serverId, facts: { source: 'gateway-event', changed: 0, keys: [] } });
    },
    /** The audit read a projection that differs from the last one: which watched keys changed. */
    projectionChanged(serverId: string, before: ConfigProjection, after: ConfigProjection): void {
      const keys = changedKeys(before, after);
      if (keys.length) journal.append({ kind: 'config-change', at: now(), serverId, facts: { source: 'projection', changed: keys.length, keys: keys.slice(0, 50) } });
    },
  };
}

export type JournalSources = ReturnType<typeof journalSources>;

/** Allowlisted canonical keys whose value or origin differs (the projection holds nothing else). */
export function changedKeys(before: ConfigProjection, after: ConfigProjection): string[] {
  const keys = new Set([...Object.keys(before.values), ...Object.keys(after.values)]);
  return [...keys].filter((k) => JSON.stringify(before.values[k] ?? null) !== JSON.stringify(after.values[k] ?? null)).sort();
}

/** A server's finished real hygiene run (done or failed): agents touched and session rows before/after. */
export function hygieneRunRecord(serverId: string, entry: HygieneRunServer, runId: string, at: number): JournalRecord | null {
  if (entry.state !== 'done' && entry.state !== 'failed') return null;
  // Null when any agent's count is unknown (a sum of some would mislead).
  const rows = (list: HygieneAgentFigures[]) => (list.length && list.every((a) => a.rows !== null) ? list.reduce((n, a) => n + (a.rows ?? 0), 0) : null);
  return { kind: 'hygiene-run', at, serverId, facts: { runId, state: entry.state, agents: entry.before.length, rowsBefore: rows(entry.before), rowsAfter: rows(entry.after) } };
}
