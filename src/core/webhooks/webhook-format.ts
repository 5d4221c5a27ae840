// Message bodies for each kind of webhook. Alert text is ours (rule summaries built from server
// names and error kinds); it is sent as plain text, with Slack/Discord markup characters escaped.
import type { Alert } from '../../shared/domain';

export type WebhookKind = 'slack' | 'discord' | 'json';

export interface WebhookMessage {
  alert: Alert;
  reason: 'raised' | 'escalated' | 'repeat' | 'resolved' | 'test';
}

const escapeSlack = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeDiscord = (t: string) => t.replace(/([\\*_~`|>@])/g, '\\$1');

/** One line saying what happened; shared by every channel (webhooks, email subject). */
export function headline(m: WebhookMessage): string {
  const a = m.alert;
  if (m.reason === 'resolved') return `RESOLVED after ${Math.round(((a.resolvedAt ?? a.startedAt) - a.startedAt) / 1000)} s: ${a.summary}`;
  if (m.reason === 'test') return `Test from Yardmaster: ${a.summary}`;
  const again = m.reason === 'raised' ? '' : ' (still unacknowledged)';
  return `${a.severity.toUpperCase()}${again}: ${a.summary}`;
}

export function webhookBody(kind: WebhookKind, m: WebhookMessage): unknown {
  const text = headline(m);
  switch (kind) {
    case 'slack':
      return { text: escapeSlack(text) };
    case 'discord':
      return { content: escapeDiscord(text).slice(0, 2000), allowed_mentions: { parse: [] } };
    case 'json':
      return {
        source: 'yardmaster',
        reason: m.reason,
        alert: {
          id: m.alert.id,
          rule: m.alert.rule,
          severity: m.alert.severity,
          serverId: m.alert.serverId,
          agentId: m.alert.agentId,
          summary: m.alert.summary,
          startedAt: new Date(m.alert.startedAt).toISOString(),
          resolvedAt: m.alert.resolvedAt === null ? null : new Date(m.alert.resolvedAt).toISOString(),
          acknowledged: m.alert.ackedAt !== null,
        },
        text,
      };
  }
}

/** The made-up alert a channel's "send test" button delivers (never stored, never escalated). */
export function channelTestAlert(summary: string, now = Date.now()): Alert {
  return {
    id: 'test',
    rule: 'test',
    severity: 'warning',
    serverId: 'test',
    agentId: null,
    summary,
    startedAt: now,
    resolvedAt: null,
    inhibited: false,
    silencedBy: null,
    ackedAt: null,
    ackedBy: null,
  };
}
