// Alerts and silences: what is wrong, and an operator's "not now". Re-exported by domain.ts.

export type AlertSeverity = 'critical' | 'warning' | 'info';

/** Something wrong that a human should know about, from raise to resolve. */
export interface Alert {
  id: string;
  rule: string;
  severity: AlertSeverity;
  serverId: string;
  agentId: string | null;
  summary: string;
  startedAt: number;
  resolvedAt: number | null;
  /** Muted because its server is down (the server-down alert says it all). */
  inhibited: boolean;
  /** Muted by an operator's silence (its id), while that silence lasts. */
  silencedBy: string | null;
  ackedAt: number | null;
  ackedBy: string | null;
}

/** An operator's "not now": matching alerts stay visible but notify nobody until it ends. */
export interface Silence {
  id: string;
  /** Every given field must equal the alert's; none given matches every alert (snooze all). */
  matchers: { rule?: string; serverId?: string; agentId?: string };
  startsAt: number;
  endsAt: number;
  author: string;
  comment: string;
}
