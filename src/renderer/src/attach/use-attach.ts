// Where this console watches from (its own polling, or an ops server). A switch, or the ops server
// link coming back, means every cached answer may be from the other source: all queries refetch.
import { useEffect } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AttachStatus } from '../../../shared/contract-attach';
import type { MethodInput } from '../../../shared/contract';
import { useApi } from '../hooks/api-context';

export const attachKey = ['attach', 'status'] as const;

export function useAttachStatus() {
  const api = useApi();
  return useQuery({ queryKey: attachKey, queryFn: () => api.call('attach.status', {}) });
}

/** Mounted once (App). */
export function useAttachEvents(): void {
  const api = useApi();
  const queryClient = useQueryClient();
  useEffect(
    () =>
      api.bridge.subscribe('attach.changed', (data) => {
        const next = data as AttachStatus;
        const before = queryClient.getQueryData<AttachStatus>(attachKey);
        queryClient.setQueryData(attachKey, next);
        const switched = before?.mode !== next.mode || before?.url !== next.url;
        const back = next.mode === 'remote' && next.connection === 'open' && before?.connection !== 'open';
        if (switched || back) void queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== attachKey[0] });
      }),
    [api, queryClient],
  );
}

export function useSetAttach() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: MethodInput<'attach.set'>) => api.call('attach.set', input),
    onSuccess: (status) => {
      queryClient.setQueryData(attachKey, status);
      void queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== attachKey[0] });
    },
  });
}
