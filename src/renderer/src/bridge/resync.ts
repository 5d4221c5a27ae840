// After the transport reconnects, every cached query may be stale (events were missed while it was
// down): mark them all invalid so the visible ones refetch at once and the rest on next use.
import type { QueryClient } from '@tanstack/react-query';
import type { BridgeHandle } from './index';

export function resyncOnReconnect(handle: Pick<BridgeHandle, 'onReconnect'>, queryClient: Pick<QueryClient, 'invalidateQueries'>): () => void {
  return handle.onReconnect(() => void queryClient.invalidateQueries());
}
