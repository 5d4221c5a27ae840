// Hygiene data from the core; a pushed hygiene.changed refreshes it (no polling).
import { useEffect } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../hooks/api-context';

export const hygienePoliciesKey = ['hygiene.policies'] as const;
export const hygieneRunsKey = ['hygiene.runs'] as const;
export const hygieneMarkersKey = ['hygiene.markers'] as const;

export function useHygieneEvents(): void {
  const api = useApi();
  const queryClient = useQueryClient();
  useEffect(
    () =>
      api.bridge.subscribe('hygiene.changed', () => {
        void queryClient.invalidateQueries({ queryKey: hygienePoliciesKey });
        void queryClient.invalidateQueries({ queryKey: hygieneRunsKey });
        void queryClient.invalidateQueries({ queryKey: hygieneMarkersKey });
      }),
    [api, queryClient],
  );
}

export function useHygiene() {
  const api = useApi();
  useHygieneEvents();
  const policies = useQuery({ queryKey: hygienePoliciesKey, queryFn: () => api.call('hygiene.policies.list', {}) });
  const runs = useQuery({ queryKey: hygieneRunsKey, queryFn: () => api.call('hygiene.runs.list', { limit: 50 }) });
  return { policies, runs };
}

/** Hygiene markers of one server over a time range (for the Sessions charts). */
export function useHygieneMarkers(serverId: string | null, from: number, to: number) {
  const api = useApi();
  useHygieneEvents();
  return useQuery({
    queryKey: [...hygieneMarkersKey, serverId, Math.floor(from / 60_000), Math.floor(to / 60_000)],
    queryFn: () => api.call('hygiene.markers', { id: serverId!, from, to }),
    enabled: serverId !== null,
  });
}
