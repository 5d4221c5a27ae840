// UI-only state (what is open, which theme); server data never lives here.
import { create } from 'zustand';
import type { SshConfigJump } from '../../../shared/domain';
import type { SortKey } from '../fleet/fleet-view';

/** system: follow prefers-color-scheme. Kept in localStorage, so the choice survives a restart. */
export type ThemeChoice = 'system' | 'light' | 'dark';
const THEME_KEY = 'yardmaster.theme';

function savedTheme(): ThemeChoice {
  try {
    const v = globalThis.localStorage?.getItem(THEME_KEY);
    return v === 'light' || v === 'dark' ? v : 'system';
  } catch {
    return 'system'; // storage blocked: follow the system
  }
}

export interface FleetFilters {
  search: string;
  status: string;
  role: string;
  tag: string;
  version: string;
}

export interface AddPrefill {
  name: string;
  host: string;
  sshPort: number;
  sshUser: string;
  privateKeyPath: string | null;
  /** Known when the gateway's port was read from a local OpenClaw config ("Watch this machine"). */
  gatewayPort?: number;
  /** The host's ProxyJump from ~/.ssh/config, resolved there. */
  jump?: SshConfigJump | null;
}

interface UiState {
  addFormOpen: boolean;
  /** The server whose edit form is open, if any. */
  editingId: string | null;
  setEditingId(id: string | null): void;
  /** Fleet table: search, filters and sort (UI state only). */
  filters: FleetFilters;
  sort: { key: SortKey; dir: 'asc' | 'desc' };
  setFilters(f: Partial<FleetFilters>): void;
  sortBy(key: SortKey): void;
  /** The Fleet view as a table or as the topology. (Server pages, sessions, config are routes.) */
  fleetView: 'table' | 'topology';
  setFleetView(v: 'table' | 'topology'): void;
  /** The server whose page was open last: its row takes focus when the table comes back. */
  returnFocusId: string | null;
  setReturnFocusId(id: string | null): void;
  /** Values to start the add form with (from ~/.ssh/config), and a counter to remount it. */
  prefill: AddPrefill | null;
  prefillVersion: number;
  setPrefill(p: AddPrefill | null): void;
  theme: ThemeChoice;
  setTheme(theme: ThemeChoice): void;
  setAddFormOpen(open: boolean): void;
}

export const useUiStore = create<UiState>((set) => ({
  addFormOpen: false,
  editingId: null,
  setEditingId: (editingId) => set({ editingId }),
  filters: { search: '', status: '', role: '', tag: '', version: '' },
  sort: { key: 'status', dir: 'asc' },
  setFilters: (f) => set((s) => ({ filters: { ...s.filters, ...f } })),
  sortBy: (key) => set((s) => ({ sort: { key, dir: s.sort.key === key && s.sort.dir === 'asc' ? 'desc' : 'asc' } })),
  fleetView: 'table',
  setFleetView: (fleetView) => set({ fleetView }),
  returnFocusId: null,
  setReturnFocusId: (returnFocusId) => set({ returnFocusId }),
  prefill: null,
  prefillVersion: 0,
  setPrefill: (prefill) => set((s) => ({ prefill, prefillVersion: s.prefillVersion + 1, addFormOpen: true })),
  theme: savedTheme(),
  setTheme: (theme) => {
    try {
      if (theme === 'system') globalThis.localStorage?.removeItem(THEME_KEY);
      else globalThis.localStorage?.setItem(THEME_KEY, theme);
    } catch {
      // storage blocked: the choice lasts for this window only
    }
    set({ theme });
  },
  setAddFormOpen: (addFormOpen) => set({ addFormOpen }),
}));
