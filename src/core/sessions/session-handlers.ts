// Console API handlers for session health; create-core spreads them into the router.
import type { Handlers } from '../router';
import type { HealthHistory } from '../history/health-history';
import type { SessionHealth } from './session-health';

type SessionMethods = 'sessions.series' | 'sessions.agentSeries' | 'sessions.top' | 'sessions.agents' | 'fleet.fillHeatmap';

export function sessionHandlers(health: SessionHealth, history: HealthHistory, now: () => number = Date.now): Pick<Handlers, SessionMethods> {
  return {
    'sessions.series': ({ id, dimension, metric, from, to }) => {
      const series = history.series(id, dimension, metric, from, to, now());
      const sessionKey = dimension.startsWith('session:') ? dimension.slice('session:'.length) : null;
      return {
        ...series,
        // Markers for a session chart are its own compactions; an agent chart gets none (too many to read).
        compactions: sessionKey ? history.compactions(id, sessionKey, from, to) : [],
        trend: sessionKey && metric === 'fill' ? health.trend(id, sessionKey, now()) : null,
      };
    },
    'sessions.agentSeries': ({ id, metric, from, to }) => {
      const { resolutionMs, byDimension } = history.seriesByPrefix(id, 'agent:', metric, from, to, now());
      return { resolutionMs, series: [...byDimension].map(([dimension, points]) => ({ agentId: dimension.slice('agent:'.length), points })) };
    },
    'sessions.top': ({ id, limit }) => health.top(id ?? null, limit ?? 50, now()),
    'sessions.agents': ({ id }) => health.agents(id ?? null),
    'fleet.fillHeatmap': ({ from, to }) => history.heatmap(from, to),
  };
}
