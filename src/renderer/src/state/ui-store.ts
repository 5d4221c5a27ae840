// UI-only state (what is open, which theme); server data never lives here.
import { create } from 'zustand';

type Theme = 'light' | 'dark';

interface UiState {
  addFormOpen: boolean;
  /** The server whose edit form is open, if any. */
  editingId: string | null;
  setEditingId(id: string | null): void;
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
  theme: initialTheme(),
  setAddFormOpen: (addFormOpen) => set({ addFormOpen }),
  toggleTheme: () => set((s) => ({ theme: s.theme === 'dark' ? 'light' : 'dark' })),
}));
