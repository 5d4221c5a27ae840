// Incident reports from the core; a pushed reports.changed refreshes the list and the open report.
import { useEffect } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { MethodInput } from '../../../shared/contract';
import { useApi } from '../hooks/api-context';

export function useReports() {
  const api = useApi();
  const queryClient = useQueryClient();
  useEffect(
    () => api.bridge.subscribe('reports.changed', () => void queryClient.invalidateQueries({ queryKey: ['reports'] })),
    [api, queryClient],
  );
  return useQuery({ queryKey: ['reports', 'list'], queryFn: () => api.call('reports.list', {}) });
}

export function useReport(id: string | null) {
  const api = useApi();
  return useQuery({ queryKey: ['reports', 'one', id], queryFn: () => api.call('reports.get', { id: id! }), enabled: id !== null });
}

export function useCreateReport(onCreated?: (id: string) => void) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: MethodInput<'reports.create'>) => api.call('reports.create', input),
    onSuccess: (report) => {
      void queryClient.invalidateQueries({ queryKey: ['reports'] });
      onCreated?.(report.id);
    },
  });
}
