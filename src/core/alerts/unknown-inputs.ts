// Which rules cannot be judged from a snapshot because their inputs are missing (a fact read failed,
// the server is not reachable). Unknown is not OK: the engine keeps such alerts (and pending clocks)
// as they are instead of counting the gap as "cleared", which would resolve them and page again with
// new ids when the data comes back.
import type { ServerConfig, ServerSnapshot } from '../../shared/domain';

/** Every rule except the liveness ones. */
export const ALL_BUT_LIVENESS = '*';
/** Judged from the probe outcome itself, so always known. */
export const LIVENESS_RULES: ReadonlySet<string> = new Set(['server-down', 'host-key-changed']);

export const HEARTBEAT_RULES = ['heartbeat-overdue', 'heartbeat-wedged', 'heartbeat-timeout', 'heartbeat-failing', 'heartbeat-skipped', 'heartbeat-undelivered'];
const RUNTIME_RULES = ['event-loop-degraded', 'model-runtime-degraded'];
const SESSION_RULES = ['session-fill-high', 'compaction-stuck'];

export function unknownRules(server: ServerConfig, s: ServerSnapshot): string[] {
  // Maintenance and paused servers are deliberately not judged: their alerts resolve.
  if (s.status === 'MAINTENANCE' || !server.enabled) return [];
  // Not reachable (PENDING, DOWN, never seen): nothing but liveness can be told.
  if (s.status !== 'UP') return [ALL_BUT_LIVENESS];
  const out: string[] = [];
  if (s.heartbeats === null) out.push(...HEARTBEAT_RULES);
  if (s.runtime === null) out.push(...RUNTIME_RULES);
  if (s.sessions === null) out.push(...SESSION_RULES);
  if (s.readiness == null) out.push('gateway-not-ready');
  if (s.cliVersion === null || s.version === null) out.push('cli-version-mismatch');
  return out;
}

export function isUnknown(unknown: readonly string[], rule: string): boolean {
  return unknown.includes(rule) || (unknown.includes(ALL_BUT_LIVENESS) && !LIVENESS_RULES.has(rule));
}
