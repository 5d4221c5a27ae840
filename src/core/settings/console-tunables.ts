// The tunables the operator edits in the Settings view: validated with field-level messages, kept in
// the settings document, read by the core at every cycle (so a change applies without a restart).
import type { z } from 'zod';
import type { ConsoleTunables } from '../../shared/console-ui';
import { RSS_GROWTH_ALERT_BYTES_PER_HOUR } from '../alerts/alert-rules';
import { DEFAULT_POLICY, type EscalationPolicy } from '../alerts/escalation';
import { DEFAULT_SESSION_LIMITS, type SessionRuleLimits } from '../alerts/session-rules';
import { tunablesPatchSchema, type TunablesPatch } from '../../shared/console-ui-inputs';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const MIB = 1024 * 1024;

export const DEFAULT_TUNABLES: ConsoleTunables = {
  pollIntervalMs: 15 * SECOND,
  rpcIntervalMs: 60 * SECOND,
  alertHoldDownMs: 30 * SECOND,
  escalation: {
    criticalRenotifyAfterMs: DEFAULT_POLICY.critical[1]?.afterMs ?? 15 * MINUTE,
    repeatEveryMs: DEFAULT_POLICY.repeatEveryMs,
    maxRepeats: DEFAULT_POLICY.maxRepeats,
  },
  thresholds: {
    sessionFillPct: Math.round(DEFAULT_SESSION_LIMITS.fillThreshold * 100),
    rssGrowthMbPerHour: RSS_GROWTH_ALERT_BYTES_PER_HOUR / MIB,
    zombieRows: DEFAULT_SESSION_LIMITS.zombieRows,
  },
};

/** The saved tunables over the defaults; a damaged saved value falls back to its default, field by field. */
export function readTunables(saved: unknown, pollIntervalMs: number): ConsoleTunables {
  const raw = (saved && typeof saved === 'object' ? saved : {}) as Record<string, unknown>;
  const pick = <T>(schema: z.ZodType<T>, value: unknown, fallback: T): T => {
    const parsed = schema.safeParse(value);
    return parsed.success && parsed.data !== undefined ? parsed.data : fallback;
  };
  const shape = tunablesPatchSchema.shape;
  const esc = (raw.escalation && typeof raw.escalation === 'object' ? raw.escalation : {}) as Record<string, unknown>;
  const escShape = shape.escalation.unwrap().shape;
  const thr = (raw.thresholds && typeof raw.thresholds === 'object' ? raw.thresholds : {}) as Record<string, unknown>;
  const thrShape = shape.thresholds.unwrap().shape;
  const d = DEFAULT_TUNABLES;
  return {
    pollIntervalMs,
    rpcIntervalMs: pick(shape.rpcIntervalMs, raw.rpcIntervalMs, d.rpcIntervalMs)!,
    alertHoldDownMs: pick(shape.alertHoldDownMs, raw.alertHoldDownMs, d.alertHoldDownMs)!,
    escalation: {
      criticalRenotifyAfterMs: pick(escShape.criticalRenotifyAfterMs, esc.criticalRenotifyAfterMs, d.escalation.criticalRenotifyAfterMs)!,
      repeatEveryMs: pick(escShape.repeatEveryMs, esc.repeatEveryMs, d.escalation.repeatEveryMs)!,
      maxRepeats: pick(escShape.maxRepeats, esc.maxRepeats, d.escalation.maxRepeats)!,
    },
    thresholds: {
      sessionFillPct: pick(thrShape.sessionFillPct, thr.sessionFillPct, d.thresholds.sessionFillPct)!,
      rssGrowthMbPerHour: pick(thrShape.rssGrowthMbPerHour, thr.rssGrowthMbPerHour, d.thresholds.rssGrowthMbPerHour)!,
      zombieRows: pick(thrShape.zombieRows, thr.zombieRows, d.thresholds.zombieRows)!,
    },
  };
}

export function applyPatch(current: ConsoleTunables, patch: TunablesPatch): ConsoleTunables {
  return { ...current, ...patch, escalation: { ...current.escalation, ...patch.escalation }, thresholds: { ...current.thresholds, ...patch.thresholds } } as ConsoleTunables;
}

/** The session rules' limits the operator set (the rest keep their defaults). */
export function sessionLimitsOf(t: ConsoleTunables): Partial<SessionRuleLimits> {
  return { fillThreshold: t.thresholds.sessionFillPct / 100, zombieRows: t.thresholds.zombieRows };
}

/** The snapshot rules' limits the operator set. */
export function ruleLimitsOf(t: ConsoleTunables): { rssGrowthBytesPerHour: number } {
  return { rssGrowthBytesPerHour: t.thresholds.rssGrowthMbPerHour * MIB };
}

/** The escalation ladder the tunables describe: everyone at once, critical again after the wait, then repeats. */
export function policyOf(t: ConsoleTunables): EscalationPolicy {
  const targets = DEFAULT_POLICY.critical[0]!.targets;
  return {
    critical: [
      { afterMs: 0, targets },
      { afterMs: t.escalation.criticalRenotifyAfterMs, targets },
    ],
    warning: DEFAULT_POLICY.warning,
    repeatEveryMs: t.escalation.repeatEveryMs,
    maxRepeats: t.escalation.maxRepeats,
  };
}
