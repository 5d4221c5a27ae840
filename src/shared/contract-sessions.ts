// Session health (issue 6): per-session and per-agent series, the watched sessions and agents, and
// the fleet's context-fill heat-map. Spread into the contract's methodInputs / MethodOutputs.
import { z } from 'zod';
import type { SeriesPoint } from './domain';
import { AGENT_METRICS, SESSION_METRICS, type AgentHealthRow, type CompactionMarker, type FillHeatmap, type FillTrend, type HealthSeries, type SessionHealthRow } from './session-health';

export const sessionInputs = {
  'sessions.series': z
    .object({
      id: z.string().min(1).max(64),
      dimension: z.string().regex(/^(session|agent):[A-Za-z0-9._:@/~-]{1,256}$/, 'session:<pseudonym> or agent:<id>'),
      metric: z.enum([...SESSION_METRICS, ...AGENT_METRICS]),
      from: z.number().int().nonnegative(),
      to: z.number().int().nonnegative(),
    })
    .strict()
    .refine((v) => v.to >= v.from, { message: 'to must not be before from', path: ['to'] }),
  'sessions.agentSeries': z
    .object({ id: z.string().min(1).max(64), metric: z.enum(AGENT_METRICS), from: z.number().int().nonnegative(), to: z.number().int().nonnegative() })
    .strict()
    .refine((v) => v.to >= v.from, { message: 'to must not be before from', path: ['to'] }),
  'sessions.top': z.object({ id: z.string().min(1).max(64).optional(), limit: z.number().int().min(1).max(500).optional() }).strict(),
  'sessions.agents': z.object({ id: z.string().min(1).max(64).optional() }).strict(),
  'fleet.fillHeatmap': z
    .object({ from: z.number().int().nonnegative(), to: z.number().int().nonnegative() })
    .strict()
    .refine((v) => v.to >= v.from && v.to - v.from <= 31 * 24 * 3_600_000, { message: 'at most 31 days, to after from', path: ['to'] }),
} as const;

export interface SessionOutputs {
  'sessions.series': HealthSeries & { compactions: CompactionMarker[]; trend: FillTrend | null };
  'sessions.agentSeries': { resolutionMs: number; series: Array<{ agentId: string; points: SeriesPoint[] }> };
  'sessions.top': SessionHealthRow[];
  'sessions.agents': AgentHealthRow[];
  'fleet.fillHeatmap': FillHeatmap;
}
