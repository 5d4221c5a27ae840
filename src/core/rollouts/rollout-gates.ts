// Gate verdicts over a fresh probe, pure. A gate is polled until it passes or its deadline ends;
// a probe that could not reach the server is "not yet", never "the new version is bad".
import type { StepName } from '../../shared/rollout';
import type { GateFacts, Summary } from './server-ops';

export type GateName = Extract<StepName, 'gate-ready' | 'gate-boot-id' | 'gate-version' | 'gate-heartbeats' | 'rollback-gate-ready' | 'rollback-gate-version'>;

export interface GateTimings {
  pollMs: number;
  deadlineMs: Record<GateName, number>;
}

/** Heartbeats resume ~2 min after a restart and ~5 min over an update (measured): 8 min before giving up. */
export const DEFAULT_GATE_TIMINGS: GateTimings = {
  pollMs: 10_000,
  deadlineMs: {
    'gate-ready': 180_000,
    'gate-boot-id': 120_000,
    'gate-version': 120_000,
    'gate-heartbeats': 480_000,
    'rollback-gate-ready': 180_000,
    'rollback-gate-version': 120_000,
  },
};

export interface GateContext {
  target: string;
  bootIdBefore: string | null;
  /** When the gateway was (re)started by this update: heartbeats must run after it. */
  sinceMs: number;
}

export function isGate(step: StepName): step is GateName {
  return step in DEFAULT_GATE_TIMINGS.deadlineMs;
}

export function gateVerdict(gate: GateName, f: GateFacts | null, c: GateContext): { pass: boolean; summary: Summary } {
  if (!f) return { pass: false, summary: { probe: 'unreachable' } };
  switch (gate) {
    case 'gate-ready':
    case 'rollback-gate-ready':
      return { pass: f.up && f.ready === true, summary: { up: f.up, ready: f.ready } };
    case 'gate-boot-id': {
      const fresh = f.bootId !== null ? f.bootId !== c.bootIdBefore : f.gatewayStartedAt !== null && f.gatewayStartedAt >= c.sinceMs - 5_000;
      return { pass: f.up && fresh, summary: { newBootId: fresh, via: f.bootId !== null ? 'boot-id' : 'start-time' } };
    }
    case 'gate-version':
    case 'rollback-gate-version':
      return { pass: f.up && f.runningVersion === c.target, summary: { runningVersion: f.runningVersion, target: c.target } };
    case 'gate-heartbeats': {
      const jobs = f.heartbeats.filter((h) => h.enabled);
      const since = Math.max(c.sinceMs, f.gatewayStartedAt ?? 0);
      const resumed = jobs.filter((h) => h.lastRunAtMs !== null && h.lastRunAtMs >= since).length;
      return { pass: f.up && resumed === jobs.length, summary: { agents: jobs.length, resumed } };
    }
  }
}
