// Session health inside a server's detail: its watched sessions and one session's fill chart.
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { ServerView } from '../../../shared/domain';
import { useApi } from '../hooks/api-context';
import { AgentStoreTable } from './AgentStoreTable';
import { RangePicker } from './RangePicker';
import { SessionFillChart } from './SessionFillChart';
import { TopSessionsTable } from './TopSessionsTable';
import type { RangeId } from './health-chart-data';

export function SessionHealthPanel({ view, pollIntervalMs }: { view: ServerView; pollIntervalMs: number }) {
  const api = useApi();
  const id = view.config.id;
  const [range, setRange] = useState<RangeId>('recent');
  const [picked, setPicked] = useState<string | null>(null);
  const refetchMs = Math.max(5_000, pollIntervalMs);
  const top = useQuery({ queryKey: ['sessions.top', id], queryFn: () => api.call('sessions.top', { id, limit: 20 }), refetchInterval: refetchMs });
  const rows = top.data ?? [];
  const sessionKey = picked ?? rows[0]?.sessionKey ?? null;
  return (
    <div data-testid="session-health-panel">
      <h3>Session health</h3>
      <RangePicker value={range} onChange={setRange} label="Session chart range" />
      <TopSessionsTable rows={rows} views={[view]} now={Date.now()} selected={sessionKey ? `${id}/${sessionKey}` : null} onSelect={(r) => setPicked(r.sessionKey)} />
      {sessionKey && <SessionFillChart serverId={id} serverName={view.config.name} sessionKey={sessionKey} range={range} refetchMs={refetchMs} />}
      <AgentStoreTable serverId={id} refetchMs={refetchMs} now={Date.now()} />
    </div>
  );
}
