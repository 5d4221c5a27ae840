// The last probes of every server for the status strips: one query for the whole fleet, refreshed
// when snapshots arrive (at most every few seconds, not once per server per probe).
import { useEffect } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from './api-context';

export const STRIP_LENGTH = 30;
const key = ['fleet.recentProbes', STRIP_LENGTH] as const;

export function useRecentProbes() {
  const api = useApi();
  const queryClient = useQueryClient();
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const off = api.bridge.subscribe('server.snapshot', () => {
      timer ??= setTimeout(() => {
        timer = null;
        void queryClient.invalidateQueries({ queryKey: key });
      }, 2_000);
    });
    return () => {
      off();
      if (timer) clearTimeout(timer);
    };
  }, [api, queryClient]);
  return useQuery({ queryKey: key, queryFn: () => api.call('fleet.recentProbes', { limit: STRIP_LENGTH }) });
}
