// A live server whose metadata reads fail (status / sessions.list / cron.list, or the CLI's): not an
// outage — liveness comes from SSH + /healthz + the link — but worth a warning, since the facts shown
// (sessions, heartbeats) are getting old.
import type { ServerConfig, ServerSnapshot } from '../../shared/domain';
import type { Condition } from './alert-rules';

/** A fact read that fails for this long (several attempts) is raised; one blip is not. */
export const FACTS_FAILING_FOR_MS = 2 * 60_000;

export function factsConditions(server: ServerConfig, s: ServerSnapshot, now: number): Condition[] {
  if (s.status !== 'UP' || !s.factsError) return [];
  const age = s.factsAt == null ? 'none read yet' : `last read ${Math.round((now - s.factsAt) / 60_000)} min ago`;
  return [
    {
      rule: 'gateway-facts-failing',
      severity: 'warning',
      agentId: null,
      summary: `${server.name}: the gateway is live but reading its facts fails (${age})`,
      inhibitable: true,
      forMs: FACTS_FAILING_FOR_MS,
    },
  ];
}
