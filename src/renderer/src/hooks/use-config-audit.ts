// Config audit data from the core; a pushed config.audit.changed refreshes it (no polling).
import { useEffect } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from './api-context';

export const configAuditKey = ['config.audit'] as const;
export const configBaselinesKey = ['config.baselines'] as const;

export function useConfigAudit() {
  const api = useApi();
  const queryClient = useQueryClient();
  useEffect(
    () =>
      api.bridge.subscribe('config.audit.changed', () => {
        void queryClient.invalidateQueries({ queryKey: configAuditKey });
        void queryClient.invalidateQueries({ queryKey: configBaselinesKey });
      }),
    [api, queryClient],
  );
  const audit = useQuery({ queryKey: configAuditKey, queryFn: () => api.call('config.audit', {}) });
  const baselines = useQuery({ queryKey: configBaselinesKey, queryFn: () => api.call('config.baselines.list', {}) });
  return { audit, baselines };
}
