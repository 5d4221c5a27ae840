// UI-only state (what is open, which theme); server data never lives here.
import { create } from 'zustand';
import type { SortKey } from '../fleet/fleet-view';

type Theme = 'light' | 'dark';

export interface AddPrefill {
  name: string;
  host: string;
  sshPort: number;
  sshUser: string;
  privateKeyPath: string | null;
}

interface UiState {
  addFormOpen: boolean;
  /** The server whose edit form is open, if any. */
  editingId: string | null;
  setEditingId(id: string | null): void;
  /** Fleet table: search, filters and sort (UI state only). */
  filters: { search: string; status: string; role: string };
  sort: { key: SortKey; dir: 'asc' | 'desc' };
  setFilters(f: Partial<{ search: string; status: string; role: string }>): void;
  sortBy(key: SortKey): void;
  /** Fleet as a table or as the topology. */
  fleetView: 'table' | 'topology' | 'sessions';
  setFleetView(v: 'table' | 'topology' | 'sessions'): void;
  /** The server whose detail panel is open, if any. */
  detailId: string | null;
  setDetailId(id: string | null): void;
  /** Values to start the add form with (from ~/.ssh/config), and a counter to remount it. */
  prefill: AddPrefill | null;
  prefillVersion: number;
  setPrefill(p: AddPrefill | null): void;
  theme: Theme;
  setAddFormOpen(open: boolean): void;
  toggleTheme(): void;
}

const initialTheme = (): Theme =>
  typeof window !== 'undefined' && window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';

export const useUiStore = create<UiState>((set) => ({
  addFormOpen: false,
  editingId: null,
  setEditingId: (editingId) => set({ editingId }),
  filters: { search: '', status: '', role: '' },
  sort: { key: 'status', dir: 'asc' },
  setFilters: (f) => set((s) => ({ filters: { ...s.filters, ...f } })),
  sortBy: (key) => set((s) => ({ sort: { key, dir: s.sort.key === key && s.sort.dir === 'asc' ? 'desc' : 'asc' } })),
  fleetView: 'table',
  setFleetView: (fleetView) => set({ fleetView }),
  detailId: null,
  setDetailId: (detailId) => set({ detailId }),
  prefill: null,
  prefillVersion: 0,
  setPrefill: (prefill) => set((s) => ({ prefill, prefillVersion: s.prefillVersion + 1, addFormOpen: true })),
  theme: initialTheme(),
  setAddFormOpen: (addFormOpen) => set({ addFormOpen }),
  toggleTheme: () => set((s) => ({ theme: s.theme === 'dark' ? 'light' : 'dark' })),
}));
