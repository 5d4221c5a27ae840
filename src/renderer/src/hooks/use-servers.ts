// Server data lives in react-query; pushed events patch the cache so the table is live without polling.
// Events carry the row (no session/heartbeat arrays); an open detail refetches the full snapshot.
import { useEffect } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { ServerView } from '../../../shared/domain';
import type { ServerRowSnapshot } from '../../../shared/snapshot-summary';
import { serverDetailKey } from './use-server-detail';
import { useApi } from './api-context';

export const serversKey = ['servers'] as const;

export function useServers() {
  const api = useApi();
  const queryClient = useQueryClient();
  useEffect(() => {
    const offSnapshot = api.bridge.subscribe('server.snapshot', (data) => {
      const snapshot = data as ServerRowSnapshot;
      queryClient.setQueryData<ServerView[]>(serversKey, (views) =>
        views?.map((v) => (v.config.id === snapshot.serverId ? { ...v, snapshot } : v)),
      );
      void queryClient.invalidateQueries({ queryKey: ['transitions', snapshot.serverId] });
      void queryClient.invalidateQueries({ queryKey: serverDetailKey(snapshot.serverId) });
    });
    const offChanged = api.bridge.subscribe('servers.changed', () => void queryClient.invalidateQueries({ queryKey: serversKey }));
    return () => {
      offSnapshot();
      offChanged();
    };
  }, [api, queryClient]);
  return useQuery({ queryKey: serversKey, queryFn: () => api.call('servers.list', {}) });
}

export function useAppInfo() {
  const api = useApi();
  return useQuery({ queryKey: ['app.info'], queryFn: () => api.call('app.info', {}), staleTime: Infinity });
}
