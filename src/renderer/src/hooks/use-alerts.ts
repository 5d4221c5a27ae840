// Alerts from the core; pushed alert.changed events refresh both lists.
import { useEffect } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from './api-context';

export function useAlerts() {
  const api = useApi();
  const queryClient = useQueryClient();
  useEffect(() => {
    const offAlerts = api.bridge.subscribe('alert.changed', () => void queryClient.invalidateQueries({ queryKey: ['alerts'] }));
    const offSilences = api.bridge.subscribe('silences.changed', () => void queryClient.invalidateQueries({ queryKey: ['silences'] }));
    return () => {
      offAlerts();
      offSilences();
    };
  }, [api, queryClient]);
  const active = useQuery({ queryKey: ['alerts', 'active'], queryFn: () => api.call('alerts.list', { scope: 'active' }) });
  const recent = useQuery({ queryKey: ['alerts', 'recent'], queryFn: () => api.call('alerts.list', { scope: 'recent', limit: 20 }) });
  const silences = useQuery({ queryKey: ['silences'], queryFn: () => api.call('silences.list', {}) });
  return { active, recent, silences };
}
