// Subject and body of an alert email: the same headline as the webhooks, then the facts an on-call
// person needs without opening the console.
import type { WebhookMessage } from '../webhooks/webhook-format';
import { headline } from '../webhooks/webhook-format';
import type { EmailMessage } from './email-sender';

export function alertEmail(m: WebhookMessage, serverName: string | null): EmailMessage {
  const a = m.alert;
  const lines = [
    headline(m),
    '',
    `Rule:      ${a.rule}`,
    `Severity:  ${a.severity}`,
    `Server:    ${serverName ?? a.serverId}`,
    ...(a.agentId ? [`Agent:     ${a.agentId}`] : []),
    `Started:   ${new Date(a.startedAt).toISOString()}`,
    ...(a.resolvedAt !== null ? [`Resolved:  ${new Date(a.resolvedAt).toISOString()}`] : []),
    ...(a.ackedAt !== null ? [`Acknowledged by ${a.ackedBy ?? 'someone'} at ${new Date(a.ackedAt).toISOString()}`] : []),
    '',
    'Sent by Yardmaster. Acknowledge it in the console (alert centre or tray) to stop reminders.',
  ];
  return { subject: `[Yardmaster] ${headline(m)}`, text: lines.join('\n') + '\n' };
}
