// Per-agent store figures as last seen: rows (against maxEntries), zero-token rows, bytes.
import { useQuery } from '@tanstack/react-query';
import { useApi } from '../hooks/api-context';
import { formatAgo } from '../format';

export function AgentStoreTable({ serverId, refetchMs, now }: { serverId: string; refetchMs: number; now: number }) {
  const api = useApi();
  const q = useQuery({ queryKey: ['sessions.agents', serverId], queryFn: () => api.call('sessions.agents', { id: serverId }), refetchInterval: refetchMs });
  const rows = q.data ?? [];
  if (!rows.length) return <p className="muted">No agent store figures yet.</p>;
  return (
    <table className="mini" data-testid="agent-stores">
      <thead>
        <tr>
          <th>Agent</th>
          <th>Rows</th>
          <th>Zero-token rows</th>
          <th>Store</th>
          <th>Worst fill</th>
          <th>Store read</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((a) => (
          <tr key={a.agentId} data-testid="agent-store" data-agent={a.agentId} data-rows={a.rows ?? ''}>
            <td className="agent-id">{a.agentId}</td>
            <td>{a.rows ?? '—'}</td>
            <td>{a.zeroTokenRows ?? '—'}</td>
            <td>{a.storeBytes !== null ? `${(a.storeBytes / 1048576).toFixed(1)} MB` : '—'}</td>
            <td>{a.maxFill !== null ? `${Math.round(a.maxFill * 100)} %` : '—'}</td>
            <td className={a.metaError ? 'error-text' : undefined}>{a.metaError ? `unavailable: ${a.metaError}` : a.metaReadAt !== null ? formatAgo(a.metaReadAt, now) : 'not yet'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
