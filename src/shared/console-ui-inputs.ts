// Input schemas of the window's ops methods (issue 12), spread into methodInputs. Every message
// names its field in words, because the window shows it next to that field and in the error line.
import { z } from 'zod';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const id = z.string().min(1).max(64);
const epoch = z.number().int().nonnegative();

const ms = (min: number, max: number, what: string) =>
  z
    .number({ error: `${what}: a number` })
    .int(`${what}: whole milliseconds`)
    .min(min, `${what}: at least ${min / SECOND} s`)
    .max(max, `${what}: at most ${max >= HOUR ? `${max / HOUR} h` : `${max / MINUTE} min`}`);

const whole = (min: number, max: number, what: string, unit: string) =>
  z
    .number({ error: `${what}: a number` })
    .int(`${what}: a whole number`)
    .min(min, `${what}: at least ${min}${unit}`)
    .max(max, `${what}: at most ${max}${unit}`);

/** What the window may send; every message names its field in words. */
export const tunablesPatchSchema = z
  .object({
    pollIntervalMs: ms(2 * SECOND, HOUR, 'Poll interval').optional(),
    rpcIntervalMs: ms(5 * SECOND, HOUR, 'RPC interval').optional(),
    alertHoldDownMs: ms(0, 30 * MINUTE, 'Alert hold-down').optional(),
    escalation: z
      .object({
        criticalRenotifyAfterMs: ms(MINUTE, 24 * HOUR, 'Re-notify after').optional(),
        repeatEveryMs: ms(5 * MINUTE, 24 * HOUR, 'Repeat every').optional(),
        maxRepeats: z.number({ error: 'Repeats: a number' }).int('Repeats: a whole number').min(0, 'Repeats: 0 or more').max(50, 'Repeats: at most 50').optional(),
      })
      .strict()
      .optional(),
    thresholds: z
      .object({
        sessionFillPct: whole(50, 99, 'Session fill', '%').optional(),
        rssGrowthMbPerHour: whole(10, 10_000, 'Memory growth', ' MB/h').optional(),
        zombieRows: whole(10, 100_000, 'Zombie rows', '').optional(),
      })
      .strict()
      .optional(),
  })
  .strict();
export type TunablesPatch = z.infer<typeof tunablesPatchSchema>;

const ordered = { message: 'To: must not be before From', path: ['to'] };
const inOrder = (v: { from: number; to: number }) => v.to >= v.from;

export const consoleUiInputs = {
  /** The last `limit` probes of every server (status strips). */
  'fleet.recentProbes': z.object({ limit: z.number().int().min(1).max(120).optional() }).strict(),
  /** One server's probes over a range, failures kept apart from latency. */
  'servers.probeTimeline': z.object({ id, from: epoch, to: epoch, buckets: z.number().int().min(10).max(1000).optional() }).strict().refine(inOrder, ordered),
  /** Alerts active at any time in the range (raised before `to`, not resolved before `from`). */
  'alerts.history': z.object({ from: epoch, to: epoch, serverId: id.optional(), limit: z.number().int().min(1).max(5000).optional() }).strict().refine(inOrder, ordered),
  'alerts.incidents': z.object({ from: epoch, to: epoch, serverId: id.optional() }).strict().refine(inOrder, ordered),
  /** Acknowledges these active alerts (all unacknowledged ones when omitted). */
  'alerts.ackAll': z.object({ ids: z.array(id).max(5000).optional() }).strict(),
  'settings.get': z.object({}).strict(),
  'settings.update': tunablesPatchSchema,
} as const;
