// The last action the core refused for this connection's role (viewer token), shown until dismissed.
import { create } from 'zustand';
import { ApiError } from '../api';

interface AccessState {
  refused: string | null;
  setRefused(message: string | null): void;
}

export const useAccessStore = create<AccessState>((set) => ({
  refused: null,
  setRefused: (refused) => set({ refused }),
}));

/** For the QueryClient's MutationCache: any mutation refused as `forbidden` is reported in one place. */
export function reportForbidden(error: unknown): void {
  if (error instanceof ApiError && error.code === 'forbidden') useAccessStore.getState().setRefused(error.message);
}
