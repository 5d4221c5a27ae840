// The durable outbox of the alert channels: every message to a channel (a webhook, the email relay) is
// written before it is sent and marked when the channel took it (or gave up). So what each channel
// was told survives a restart — its resolution is still sent — and a message cut off by a crash goes
// out when the console is back. Channels are named "webhook:<id>" and "email".
import type { Alert } from '../../shared/domain';
import type { WebhookMessage } from '../webhooks/webhook-format';
import type { Database } from '../history/sqlite';
import type { ConsoleJournal } from '../journal/journal-store';

export type OutboxReason = WebhookMessage['reason'];

export interface OutboxMessage {
  id: number;
  channel: string;
  alert: Alert;
  reason: OutboxReason;
  createdAt: number;
}

export class ChannelOutbox {
  private readonly insert;
  private readonly finish;
  private readonly told;
  private readonly message;

  constructor(
    private readonly db: Database,
    /** Where each finished delivery is journaled for incident reports (channel kind and id, reason, numbers). */
    private readonly journal?: ConsoleJournal,
  ) {
    this.insert = db.prepare(`INSERT INTO channel_outbox (channel, alert_id, reason, alert_json, created_at, state) VALUES (?, ?, ?, ?, ?, 'pending')`);
    this.finish = db.prepare('UPDATE channel_outbox SET state = ?, attempts = ?, done_at = ? WHERE id = ?');
    this.told = db.prepare(`SELECT reason FROM channel_outbox WHERE channel = ? AND alert_id = ? ORDER BY id`);
    this.message = db.prepare(
      `SELECT channel, alert_id, reason, json_extract(alert_json, '$.serverId') AS server_id, json_extract(alert_json, '$.rule') AS rule,
       json_extract(alert_json, '$.severity') AS severity FROM channel_outbox WHERE id = ?`,
    );
  }

  /** Records a message before it is sent; returns its id for done(). */
  enqueue(channel: string, alert: Alert, reason: OutboxReason, now = Date.now()): number {
    return Number(this.insert.run(channel, alert.id, reason, JSON.stringify(alert), now).lastInsertRowid);
  }

  /** The channel took it (ok) or delivery gave up after its retries. */
  done(id: number, ok: boolean, attempts: number, now = Date.now()): void {
    try {
      this.finish.run(ok ? 'sent' : 'failed', attempts, now, id);
      this.journalDelivery(id, ok, attempts, now);
    } catch {
      // The database closed (shutdown) while the send ran: the message stays pending and is sent
      // again at the next start — at least once rather than maybe never.
    }
  }

  private journalDelivery(id: number, ok: boolean, attempts: number, now: number): void {
    if (!this.journal) return;
    const m = this.message.get(id) as { channel: string; alert_id: string; reason: OutboxReason; server_id: unknown; rule: unknown; severity: unknown } | undefined;
    // Channel tests are not news about any server.
    if (!m || m.reason === 'test') return;
    const webhook = m.channel.startsWith('webhook:');
    this.journal.append({
      kind: 'channel-delivery',
      at: now,
      serverId: typeof m.server_id === 'string' ? m.server_id : null,
      alertId: m.alert_id,
      facts: {
        channel: webhook ? 'webhook' : 'email',
        channelId: webhook ? m.channel.slice('webhook:'.length) : null,
        reason: m.reason,
        ok,
        attempts,
        rule: typeof m.rule === 'string' ? m.rule : null,
        severity: m.severity === 'critical' || m.severity === 'warning' || m.severity === 'info' ? m.severity : null,
      },
    });
  }

  /** The channel was told about this alert (raised/escalated/repeat) and not yet of its resolution. */
  owesResolution(channel: string, alertId: string): boolean {
    const reasons = (this.told.all(channel, alertId) as Array<{ reason: string }>).map((r) => r.reason);
    return reasons.some((r) => r !== 'resolved' && r !== 'test') && !reasons.includes('resolved');
  }

  /** Messages written but never finished (the console stopped mid-delivery), oldest first. */
  unfinished(): OutboxMessage[] {
    const rows = this.db.prepare(`SELECT id, channel, reason, alert_json, created_at FROM channel_outbox WHERE state = 'pending' ORDER BY id`).all() as Array<Record<string, unknown>>;
    return rows.map((r) => ({ id: Number(r.id), channel: String(r.channel), reason: r.reason as OutboxReason, alert: JSON.parse(String(r.alert_json)) as Alert, createdAt: Number(r.created_at) }));
  }

  /** A channel was removed: nothing more is owed to it. */
  forgetChannel(channel: string): void {
    this.db.prepare('DELETE FROM channel_outbox WHERE channel = ?').run(channel);
  }
}
