// While polling is paused the console is blind; say so on every view, with the way out.
import { useReadOnly } from '../access/use-read-only';
import { useEffect } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../hooks/api-context';

export function PollingBanner() {
  const api = useApi();
  const queryClient = useQueryClient();
  const state = useQuery({ queryKey: ['polling'], queryFn: () => api.call('polling.get', {}) });
  useEffect(() => api.bridge.subscribe('polling.changed', (data) => queryClient.setQueryData(['polling'], data)), [api, queryClient]);
  const readOnly = useReadOnly();
  const resume = useMutation({ mutationFn: () => api.call('polling.resume', {}) });
  const until = state.data?.pausedUntil ?? null;
  if (until === null) return null;
  return (
    <div className="banner banner-closed" role="status" data-testid="polling-banner">
      Polling is paused until {new Date(until).toLocaleTimeString()}: nothing is being checked and no new alerts can be raised.{' '}
      <button type="button" className="secondary" onClick={() => resume.mutate()} disabled={Boolean(readOnly)} title={readOnly ?? undefined}>
        Resume polling now
      </button>
    </div>
  );
}
