// Rollout data from the core; a pushed rollout.changed refreshes it (no polling), plus a 1 s tick
// while something runs so elapsed times move.
import { useEffect } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../hooks/api-context';

export const rolloutsKey = ['rollouts'] as const;

export function useRolloutEvents(): void {
  const api = useApi();
  const queryClient = useQueryClient();
  useEffect(() => api.bridge.subscribe('rollout.changed', () => void queryClient.invalidateQueries({ queryKey: rolloutsKey })), [api, queryClient]);
}

export function useRolloutList() {
  const api = useApi();
  return useQuery({ queryKey: [...rolloutsKey, 'list'], queryFn: () => api.call('rollouts.list', {}) });
}

export function useRollout(id: string | null) {
  const api = useApi();
  return useQuery({ queryKey: [...rolloutsKey, 'get', id], queryFn: () => api.call('rollouts.get', { id: id! }), enabled: id !== null });
}

export function useRolloutTargets(refresh: boolean) {
  const api = useApi();
  return useQuery({ queryKey: [...rolloutsKey, 'targets', refresh], queryFn: () => api.call('rollouts.targets', { refresh }), staleTime: 60_000 });
}

export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '–';
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  return `${Math.floor(m / 60)} h ${m % 60} min`;
}
