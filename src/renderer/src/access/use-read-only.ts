// Whether this window may change things: a viewer token (its own, or the ops server's attach token)
// only reads and acknowledges. Mutating controls are disabled with this reason as their title, so
// the limit is visible before anyone clicks (the core refuses them anyway).
import { useQuery } from '@tanstack/react-query';
import { useApi } from '../hooks/api-context';

export const whoamiKey = ['access', 'whoami'] as const;
export const READ_ONLY_REASON = 'Read-only: this connection has a viewer token. Changes need an operator token.';

/** The reason text while read-only, else null. */
export function useReadOnly(): string | null {
  const api = useApi();
  const whoami = useQuery({ queryKey: whoamiKey, queryFn: () => api.call('access.whoami', {}), staleTime: Infinity });
  return whoami.data?.role === 'viewer' ? READ_ONLY_REASON : null;
}
