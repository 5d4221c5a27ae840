// The journal's facts as timeline sentences: the console writes every word from kinds, ids and
// numbers (a webhook is its kind of channel and the first characters of its id; a boot id likewise).
import type { JournalRecord } from '../journal/journal-facts';
import { duration } from '../../shared/report-format';
import type { JournalEntry } from './report-timeline';
import { ruleTitle } from './rule-titles';

const short = (id: string | null) => (id ? id.slice(0, 8) : 'unknown');
const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

export function journalEntry(r: JournalRecord): JournalEntry {
  const base = { at: r.at, serverId: r.serverId, ...(r.alertId ? { alertId: r.alertId } : {}) };
  switch (r.kind) {
    case 'alert-notice': {
      const f = r.facts;
      const what = `${ruleTitle(f.rule)} (${f.severity})`;
      // The ladder's decision (who is to be told); each channel's delivery is an entry of its own.
      const told = f.targets.length ? f.targets.join(', ') : 'the alert centre';
      if (f.reason === 'raised') return { ...base, kind: 'notification-sent', severity: f.severity, detail: `Notice at level ${f.level + 1} for ${told}: ${what}` };
      const how = f.reason === 'repeat' ? `still unacknowledged, notice repeated at level ${f.level + 1}` : `escalated to level ${f.level + 1}`;
      return { ...base, kind: 'alert-escalated', severity: f.severity, detail: `Alert ${how} for ${told}: ${what}` };
    }
    case 'channel-delivery': {
      const f = r.facts;
      const channel = f.channel === 'email' ? 'Alert email' : `Webhook ${short(f.channelId)}`;
      const what = f.rule ? ` ${ruleTitle(f.rule)}${f.severity ? ` (${f.severity})` : ''}` : '';
      const result = f.ok ? `delivered after ${plural(f.attempts, 'attempt')}` : `not delivered after ${plural(f.attempts, 'attempt')}`;
      return { ...base, kind: 'notification-sent', ...(f.severity ? { severity: f.severity } : {}), detail: `${channel} ${f.reason}${what ? `:${what}` : ''}, ${result}` };
    }
    case 'gateway-restart': {
      const f = r.facts;
      const how = f.seenBy === 'boot-id' ? `boot id ${short(f.bootBefore)} → ${short(f.bootAfter)}` : 'new process start time';
      // Placed when the new process started (from its uptime), which the probe that read its boot id
      // may have seen a little later; the journal row keeps the time it was seen.
      const started = f.startedAt !== null && f.startedAt <= r.at && (f.startedBefore === null || f.startedAt > f.startedBefore) ? f.startedAt : null;
      if (started === null) return { ...base, kind: 'gateway-restarted', detail: `gateway restarted (${how})` };
      return { ...base, at: started, kind: 'gateway-restarted', detail: `gateway restarted (${how}; seen ${duration(r.at - started)} later)` };
    }
    case 'version-change':
      return { ...base, kind: 'version-changed', detail: `version ${r.facts.from} → ${r.facts.to}` };
    case 'config-change': {
      const f = r.facts;
      if (f.source === 'gateway-event') return { ...base, kind: 'config-changed', detail: 'gateway reported a config write' };
      const keys = f.keys.slice(0, 5).join(', ') + (f.keys.length > 5 ? ', …' : '');
      return { ...base, kind: 'config-changed', detail: `config changed: ${plural(f.changed, 'watched key')}${keys ? ` (${keys})` : ''}` };
    }
    case 'rollout-step': {
      const f = r.facts;
      const exit = f.exitCode !== null ? `, exit ${f.exitCode}` : '';
      const took = f.durationMs !== null ? ` in ${duration(f.durationMs)}` : '';
      return { ...base, kind: 'rollout-step', detail: `rollout ${short(f.rolloutId)} step ${f.step} (attempt ${f.attempt}): ${f.outcome}${took}${exit}` };
    }
    case 'hygiene-run': {
      const f = r.facts;
      const rows = f.rowsBefore !== null ? `, session rows ${f.rowsBefore} → ${f.rowsAfter ?? '?'}` : '';
      return { ...base, kind: 'hygiene-run', detail: `hygiene run ${short(f.runId)} ${f.state} on ${plural(f.agents, 'agent')}${rows}` };
    }
  }
}
