// A server's sessions, metadata only (key, agent, status, context fill in colour and words, route).
import type { SessionFacts } from '../../../shared/domain';
import { formatAgo } from '../format';
import { contextFill } from '../fleet/fleet-view';
import { ContextFill } from '../components/ContextFill';

export function SessionTable({ sessions, now }: { sessions: SessionFacts[] | null; now: number }) {
  if (!sessions?.length) return <p className="muted">No sessions reported.</p>;
  return (
    <div className="table-box">
      <table className="mini" data-testid="sessions">
        <thead>
          <tr>
            <th scope="col">Session</th>
            <th scope="col">Agent</th>
            <th scope="col">Status</th>
            <th scope="col">Context</th>
            <th scope="col">Route</th>
            <th scope="col">Updated</th>
          </tr>
        </thead>
        <tbody>
          {sessions.slice(0, 200).map((x) => (
            <tr key={x.key}>
              <td className="agent-id">{x.key}</td>
              <td>{x.agentId ?? '—'}</td>
              <td>{x.status ?? '—'}</td>
              <td>
                <ContextFill fill={contextFill(x)} />
              </td>
              <td>{x.shouldCompact ? `${x.route ?? ''} (compaction due)` : (x.route ?? '—')}</td>
              <td>{x.updatedAt != null ? formatAgo(x.updatedAt, now) : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
