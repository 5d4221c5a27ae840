// A server's heavy facts (sessions, heartbeat jobs, store sizes) for its page, in ONE place. Pushed
// events carry only the row (shared/snapshot-summary.ts); this fetches the full snapshot with
// servers.detail, and use-servers invalidates it on each new snapshot of that server, so only an
// open page refetches.
import { useQuery } from '@tanstack/react-query';
import type { AgentStoreFacts, HeartbeatJob, SessionFacts } from '../../../shared/domain';
import { useApi } from './api-context';

export const serverDetailKey = (id: string) => ['server.detail', id] as const;

export interface ServerDetailFacts {
  sessions: SessionFacts[] | null;
  heartbeats: HeartbeatJob[] | null;
  stores: AgentStoreFacts[] | null;
}

export function useServerDetail(id: string): ServerDetailFacts {
  const api = useApi();
  const detail = useQuery({ queryKey: serverDetailKey(id), queryFn: () => api.call('servers.detail', { id }), enabled: id !== '' });
  const s = detail.data ?? null;
  return { sessions: s?.sessions ?? null, heartbeats: s?.heartbeats ?? null, stores: s?.stores ?? null };
}
