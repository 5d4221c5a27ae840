// Topology: the ops side apart from the specialist servers, grouped by role; each server with its
// worst active alert and its agents. An agent's state is in its colour AND in a word (ok, late,
// alert, ?), with a legend; size grows with session load.
import type { Alert, ServerView } from '../../../shared/domain';
import { summarize } from '../../../shared/snapshot-summary';
import { hrefFor } from '../routes/hash-route';
import { StatusBadge } from './StatusBadge';

type AgentHealth = 'ok' | 'warning' | 'alert' | 'unknown';
const WORD: Record<AgentHealth, string> = { ok: 'ok', warning: 'late', alert: 'alert', unknown: '?' };
const MEANING: Record<AgentHealth, string> = { ok: 'heartbeat on time', warning: 'heartbeat late or failing', alert: 'an active alert names this agent', unknown: 'no heartbeat data (off, not run, or server not UP)' };

function agentHealth(view: ServerView, agentId: string, alerts: Alert[], now: number): AgentHealth {
  // A server that is not UP says nothing about its agents (their alerts are muted or kept as unknown).
  if (view.snapshot?.status !== 'UP' || !view.config.enabled) return 'unknown';
  if (alerts.some((a) => a.agentId === agentId)) return 'alert';
  const job = summarize(view.snapshot).agents.find((a) => a.agentId === agentId)?.heartbeat;
  if (!job || !job.enabled || !job.everyMs) return 'unknown';
  if ((job.consecutiveErrors ?? 0) >= 2 || (job.lastRunAtMs !== null && now - job.lastRunAtMs > 2 * job.everyMs)) return 'warning';
  return job.lastRunAtMs === null ? 'unknown' : 'ok';
}

function ServerCard({ view, alerts, now }: { view: ServerView; alerts: Alert[]; now: number }) {
  const { config, snapshot } = view;
  const worst = alerts.find((a) => a.severity === 'critical') ?? alerts[0];
  return (
    <div className={`node node-${(snapshot?.status ?? 'UNKNOWN').toLowerCase()}${worst ? ` node-alert-${worst.severity}` : ''}`} data-testid="topology-server" data-server-name={config.name}>
      <a href={hrefFor('servers', config.id)} className="node-name">
        {config.name}
      </a>{' '}
      <StatusBadge status={!config.enabled ? 'PAUSED' : (snapshot?.status ?? 'UNKNOWN')} />
      {worst && (
        <div className="node-alert" data-testid="topology-alert" data-rule={worst.rule} data-severity={worst.severity}>
          <span className={`sev sev-${worst.severity}`}>{worst.severity}</span> {worst.summary}
          {alerts.length > 1 ? ` (+${alerts.length - 1} more)` : ''}
        </div>
      )}
      <div className="node-agents">
        {(snapshot?.agents ?? []).map((a) => {
          const sessions = (snapshot && summarize(snapshot).agents.find((r) => r.agentId === a.agentId)?.sessions) ?? a.sessionCount ?? 0;
          const health = agentHealth(view, a.agentId, alerts, now);
          // Size grows with session load (log scale), so a bloated agent stands out at a glance.
          const size = 22 + Math.min(30, Math.round(Math.log2(1 + sessions) * 6));
          return (
            <span
              key={a.agentId}
              className={`agent-dot agent-${health}`}
              style={{ minWidth: size, height: size }}
              title={`${a.agentId}: ${sessions} sessions, ${MEANING[health]}`}
              data-testid="topology-agent"
              data-agent-id={a.agentId}
              data-health={health}
            >
              {a.agentId} <span className="agent-word">{WORD[health]}</span>
            </span>
          );
        })}
      </div>
    </div>
  );
}

export function TopologyView({ views, alerts }: { views: ServerView[]; alerts: Alert[] }) {
  const now = Date.now();
  const alertsOf = (id: string) => alerts.filter((a) => a.serverId === id);
  const ops = views.filter((v) => v.config.role === 'ops');
  const groups = new Map<string, ServerView[]>();
  for (const v of views) {
    if (v.config.role === 'ops') continue;
    const role = v.config.role ?? 'general';
    groups.set(role, [...(groups.get(role) ?? []), v]);
  }
  return (
    <>
      <ul className="legend" aria-label="Agent states">
        {(Object.keys(WORD) as AgentHealth[]).map((h) => (
          <li key={h}>
            <span className={`agent-dot agent-${h}`}>{WORD[h]}</span> {MEANING[h]}
          </li>
        ))}
      </ul>
      <section className="topology" aria-label="Topology">
        <div className="topo-ops" data-testid="topology-group" data-role="ops">
          <h3>Ops (the watcher side)</h3>
          {ops.length ? ops.map((v) => <ServerCard key={v.config.id} view={v} alerts={alertsOf(v.config.id)} now={now} />) : <p className="muted">No server has the role "ops".</p>}
        </div>
        <div className="topo-specialists">
          {[...groups.entries()]
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([role, members]) => (
              <div key={role} className="topo-group" data-testid="topology-group" data-role={role}>
                <h3>{role}</h3>
                {members.map((v) => (
                  <ServerCard key={v.config.id} view={v} alerts={alertsOf(v.config.id)} now={now} />
                ))}
              </div>
            ))}
        </div>
      </section>
    </>
  );
}
