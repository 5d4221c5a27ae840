// Topology: the ops side apart from the specialist servers, grouped by role; each server with its
// agents, each agent coloured by health (heartbeat state) and sized by session load.
import type { ServerView } from '../../../shared/domain';
import { useUiStore } from '../state/ui-store';
import { StatusBadge } from './StatusBadge';

type AgentHealth = 'ok' | 'warning' | 'unknown';

function agentHealth(view: ServerView, agentId: string, now: number): AgentHealth {
  const job = view.snapshot?.heartbeats?.find((h) => h.agentId === agentId);
  if (!job || !job.enabled || !job.everyMs) return 'unknown';
  if ((job.consecutiveErrors ?? 0) >= 2 || (job.lastRunAtMs !== null && now - job.lastRunAtMs > 2 * job.everyMs)) return 'warning';
  return job.lastRunAtMs === null ? 'unknown' : 'ok';
}

function ServerCard({ view, now }: { view: ServerView; now: number }) {
  const setDetailId = useUiStore((s) => s.setDetailId);
  const { config, snapshot } = view;
  return (
    <div className={`node node-${(snapshot?.status ?? 'UNKNOWN').toLowerCase()}`} data-testid="topology-server" data-server-name={config.name}>
      <button type="button" className="link node-name" onClick={() => setDetailId(config.id)}>
        {config.name}
      </button>{' '}
      <StatusBadge status={!config.enabled ? 'PAUSED' : (snapshot?.status ?? 'UNKNOWN')} />
      <div className="node-agents">
        {(snapshot?.agents ?? []).map((a) => {
          const sessions = snapshot?.sessions ? snapshot.sessions.filter((s) => s.agentId === a.agentId).length : (a.sessionCount ?? 0);
          const health = snapshot?.status === 'UP' ? agentHealth(view, a.agentId, now) : 'unknown';
          // Size grows with session load (log scale), so a bloated agent stands out at a glance.
          const size = 22 + Math.min(30, Math.round(Math.log2(1 + sessions) * 6));
          return (
            <span
              key={a.agentId}
              className={`agent-dot agent-${health}`}
              style={{ minWidth: size, height: size }}
              title={`${a.agentId}: ${sessions} sessions, heartbeat ${health}`}
              data-testid="topology-agent"
              data-agent-id={a.agentId}
              data-health={health}
            >
              {a.agentId}
            </span>
          );
        })}
      </div>
    </div>
  );
}

export function TopologyView({ views }: { views: ServerView[] }) {
  const now = Date.now();
  const ops = views.filter((v) => v.config.role === 'ops');
  const groups = new Map<string, ServerView[]>();
  for (const v of views) {
    if (v.config.role === 'ops') continue;
    const role = v.config.role ?? 'general';
    groups.set(role, [...(groups.get(role) ?? []), v]);
  }
  return (
    <section className="topology" aria-label="Topology">
      <div className="topo-ops" data-testid="topology-group" data-role="ops">
        <h3>Ops (the watcher side)</h3>
        {ops.length ? ops.map((v) => <ServerCard key={v.config.id} view={v} now={now} />) : <p className="muted">No server has the role "ops".</p>}
      </div>
      <div className="topo-specialists">
        {[...groups.entries()]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([role, members]) => (
            <div key={role} className="topo-group" data-testid="topology-group" data-role={role}>
              <h3>{role}</h3>
              {members.map((v) => (
                <ServerCard key={v.config.id} view={v} now={now} />
              ))}
            </div>
          ))}
      </div>
    </section>
  );
}
