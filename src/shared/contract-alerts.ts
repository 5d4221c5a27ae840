// Alerts (list, acknowledge), operators' silences and pausing the collector, with their events.
// Spread into the contract's methodInputs / MethodOutputs / EventPayloads.
import { z } from 'zod';
import type { Alert, Silence } from './domain';
import type { NoticeGroup } from './alert-groups';

export const alertInputs = {
  'alerts.list': z.object({ scope: z.enum(['active', 'recent']), limit: z.number().int().min(1).max(500).optional() }).strict(),
  'alerts.ack': z.object({ id: z.string().min(1).max(64) }).strict(),
  'silences.list': z.object({}).strict(),
  'silences.create': z
    .object({
      matchers: z
        .object({ rule: z.string().max(64).optional(), serverId: z.string().max(64).optional(), agentId: z.string().max(128).optional() })
        .strict(),
      durationMs: z.number().int().min(60_000, 'at least a minute').max(7 * 24 * 3_600_000, 'at most a week'),
      comment: z.string().trim().max(500),
    })
    .strict(),
  'silences.expire': z.object({ id: z.string().min(1).max(64) }).strict(),
  'polling.get': z.object({}).strict(),
  'polling.pause': z.object({ durationMs: z.number().int().min(60_000, 'at least a minute').max(24 * 3_600_000, 'at most a day') }).strict(),
  'polling.resume': z.object({}).strict(),
} as const;

/** Whether the collector is polling; a pause always has an end, so nobody forgets to resume. */
export interface PollingState {
  pausedUntil: number | null;
}

export interface AlertOutputs {
  'alerts.list': Alert[];
  'alerts.ack': Alert;
  'silences.list': Silence[];
  'silences.create': Silence;
  'silences.expire': { expired: true };
  'polling.get': PollingState;
  'polling.pause': PollingState;
  'polling.resume': PollingState;
}

export interface AlertEvents {
  /** An alert was raised, changed (acked, muted) or resolved. */
  'alert.changed': Alert;
  /** Silences were created or ended. */
  'silences.changed': { ids: string[] };
  /** The desktop shell asks the window to show this alert (its OS notification was clicked). */
  'ui.focusAlert': { alertId: string };
  /** Polling was paused (until a time) or resumed. */
  'polling.changed': PollingState;
  /** Someone should be told about this alert now (raised, escalated, or a repeat). */
  'alert.notify': { alert: Alert; level: number; targets: string[]; reason: 'raised' | 'escalated' | 'repeat'; group?: NoticeGroup };
}
