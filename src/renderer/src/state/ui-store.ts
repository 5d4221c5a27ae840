// UI-only state (what is open, which theme); server data never lives here.
import { create } from 'zustand';

type Theme = 'light' | 'dark';

interface UiState {
  addFormOpen: boolean;
  theme: Theme;
  setAddFormOpen(open: boolean): void;
  toggleTheme(): void;
}

const initialTheme = (): Theme =>
  typeof window !== 'undefined' && window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';

export const useUiStore = create<UiState>((set) => ({
  addFormOpen: false,
  theme: initialTheme(),
  setAddFormOpen: (addFormOpen) => set({ addFormOpen }),
  toggleTheme: () => set((s) => ({ theme: s.theme === 'dark' ? 'light' : 'dark' })),
}));
