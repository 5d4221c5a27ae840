// The "Sessions" view: fleet heat-map of context fill, the most bloated sessions with growth and time to
// overflow, the picked session's chart with its compactions, and per-agent charts for a server.
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { ServerView } from '../../../shared/domain';
import { useApi } from '../hooks/api-context';
import { AgentCharts } from './AgentCharts';
import { AgentStoreTable } from './AgentStoreTable';
import { FillHeatmapGrid } from './FillHeatmapGrid';
import { RangePicker } from './RangePicker';
import { SessionFillChart } from './SessionFillChart';
import { TopSessionsTable } from './TopSessionsTable';
import type { RangeId } from './health-chart-data';

export function SessionsView({ views, pollIntervalMs }: { views: ServerView[]; pollIntervalMs: number }) {
  const api = useApi();
  const [range, setRange] = useState<RangeId>('recent');
  const [picked, setPicked] = useState<{ serverId: string; sessionKey: string } | null>(null);
  const [serverId, setServerId] = useState<string>(views[0]?.config.id ?? '');
  const refetchMs = Math.max(5_000, pollIntervalMs);
  const top = useQuery({ queryKey: ['sessions.top', 'fleet'], queryFn: () => api.call('sessions.top', { limit: 50 }), refetchInterval: refetchMs });
  const now = Date.now();
  const server = views.find((v) => v.config.id === serverId) ?? views[0];
  return (
    <section className="sessions-view" aria-label="Session health" data-testid="sessions-view">
      <header className="detail-head">
        <h2>Session health</h2>
        <RangePicker value={range} onChange={setRange} label="Chart range" />
      </header>
      <h3>Context fill across the fleet</h3>
      <FillHeatmapGrid views={views} range={range} refetchMs={refetchMs} onPick={setServerId} />
      <h3>Most bloated sessions</h3>
      <TopSessionsTable
        rows={top.data ?? []}
        views={views}
        now={now}
        selected={picked ? `${picked.serverId}/${picked.sessionKey}` : null}
        onSelect={(r) => setPicked({ serverId: r.serverId, sessionKey: r.sessionKey })}
      />
      {picked && <SessionFillChart serverId={picked.serverId} serverName={views.find((v) => v.config.id === picked.serverId)?.config.name ?? 'removed server'} sessionKey={picked.sessionKey} range={range} refetchMs={refetchMs} />}
      {server && (
        <>
          <h3>
            Agents on{' '}
            <select aria-label="Server" value={server.config.id} onChange={(e) => setServerId(e.target.value)}>
              {views.map((v) => (
                <option key={v.config.id} value={v.config.id}>
                  {v.config.name}
                </option>
              ))}
            </select>
          </h3>
          <AgentStoreTable serverId={server.config.id} refetchMs={refetchMs} now={now} />
          <AgentCharts serverId={server.config.id} serverName={server.config.name} range={range} refetchMs={refetchMs} />
        </>
      )}
    </section>
  );
}
