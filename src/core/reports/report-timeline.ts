// The report's timeline: every dated fact about the incident's servers inside the report window, in
// order, each as a sentence the console writes itself from kinds, rules, ids and numbers.
import type { AlertSeverity } from '../../shared/domain';
import type { TimelineEntry, TimelineKind } from '../../shared/incident-report';
import type { IncidentScope } from './incident-scope';
import type { ReportSource } from './report-source';
import { duration } from '../../shared/report-format';
import { ruleTitle } from './rule-titles';

/** A dated fact journaled elsewhere in the console (notices and deliveries, restarts, version and config changes, rollout steps, hygiene runs). */
export interface JournalEntry {
  at: number;
  kind: Extract<TimelineKind, 'notification-sent' | 'gateway-restarted' | 'config-changed' | 'rollout-step' | 'alert-escalated' | 'version-changed' | 'hygiene-run'>;
  serverId: string | null;
  /** Console-authored words (a channel kind, a step name, a version); never server text. */
  detail: string;
  alertId?: string;
  severity?: AlertSeverity;
}

/** Enough for a storm across a large fleet; the oldest entries are the ones kept (onset matters most). */
export const TIMELINE_LIMIT = 2_000;

export function buildTimeline(input: {
  scope: IncidentScope;
  source: ReportSource;
  nameOf: (serverId: string) => string;
  journal?: (from: number, to: number) => JournalEntry[];
}): { entries: TimelineEntry[]; truncated: boolean } {
  const { scope, source, nameOf } = input;
  const { from, to } = scope.window;
  const inWindow = (at: number | null): at is number => at !== null && at >= from && at <= to;
  const out: TimelineEntry[] = [];
  const push = (at: number, kind: TimelineKind, serverId: string | null, text: string, extra: Partial<TimelineEntry> = {}) =>
    out.push({ at, kind, serverId, text, ...extra });

  for (const t of source.transitions(scope.serverIds, from, to)) {
    const why = t.errorKind ? ` (${t.errorKind})` : '';
    const after = t.to === 'UP' && t.outageMs ? ` after ${duration(t.outageMs)} not UP` : '';
    push(t.at, 'status', t.serverId, `${nameOf(t.serverId)}: ${t.from} → ${t.to}${why}${after}`);
  }
  for (const a of scope.alerts) {
    const what = `${ruleTitle(a.rule)} (${a.severity}) on ${nameOf(a.serverId)}${a.agentId ? `, agent ${a.agentId}` : ''}`;
    const ids = { alertId: a.id, severity: a.severity };
    if (inWindow(a.startedAt)) push(a.startedAt, 'alert-raised', a.serverId, `Alert raised: ${what}`, ids);
    if (inWindow(a.ackedAt)) push(a.ackedAt, 'alert-acknowledged', a.serverId, `Alert acknowledged: ${what}`, ids);
    if (inWindow(a.resolvedAt)) push(a.resolvedAt, 'alert-resolved', a.serverId, `Alert resolved after ${duration(a.resolvedAt - a.startedAt)}: ${what}`, ids);
  }
  for (const s of source.silences(from, to)) {
    if (!inWindow(s.startsAt)) continue;
    if (s.matchers.serverId && !scope.serverIds.includes(s.matchers.serverId)) continue;
    const on = [
      s.matchers.rule ? `rule ${ruleTitle(s.matchers.rule)}` : null,
      s.matchers.serverId ? nameOf(s.matchers.serverId) : null,
      s.matchers.agentId ? `agent ${s.matchers.agentId}` : null,
    ].filter(Boolean);
    push(s.startsAt, 'silence-created', s.matchers.serverId ?? null, `Silence for ${duration(s.endsAt - s.startsAt)} on ${on.length ? on.join(', ') : 'every alert'}`);
  }
  const journal = input.journal?.(from, to) ?? [];
  // A version change the journal holds is the same one the probe samples show (same probe, same time).
  const journaled = new Set(journal.filter((j) => j.kind === 'version-changed').map((j) => `${j.serverId}@${j.at}`));
  for (const id of scope.serverIds) {
    for (const v of source.versionChanges(id, from, to)) {
      if (!journaled.has(`${id}@${v.at}`)) push(v.at, 'version-changed', id, `${nameOf(id)}: version ${v.from} → ${v.to}`);
    }
  }
  for (const j of journal) {
    if (j.serverId !== null && !scope.serverIds.includes(j.serverId)) continue;
    const where = j.serverId ? `${nameOf(j.serverId)}: ` : '';
    push(j.at, j.kind, j.serverId, `${where}${j.detail}`, { alertId: j.alertId, severity: j.severity });
  }
  out.sort((a, b) => a.at - b.at);
  return { entries: out.slice(0, TIMELINE_LIMIT), truncated: out.length > TIMELINE_LIMIT };
}
