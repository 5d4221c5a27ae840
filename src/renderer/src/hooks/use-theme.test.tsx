// @vitest-environment jsdom
// Theme: "system" follows prefers-color-scheme live; a choice is applied and kept in localStorage.
// Escape leaves a server's page first, then closes an edit form, then the add form.
import { act, cleanup, fireEvent, render } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useUiStore } from '../state/ui-store';
import { useEscapeToClose } from './use-escape';
import { useAppliedTheme } from './use-theme';

let systemDark = false;
const listeners = new Set<() => void>();
const initialUi = useUiStore.getState();

beforeEach(() => {
  systemDark = false;
  listeners.clear();
  localStorage.clear();
  useUiStore.setState(initialUi, true);
  window.matchMedia = ((query: string) => ({
    get matches() {
      return query.includes('dark') && systemDark;
    },
    media: query,
    addEventListener: (_: string, l: () => void) => listeners.add(l),
    removeEventListener: (_: string, l: () => void) => listeners.delete(l),
  })) as unknown as typeof window.matchMedia;
});
afterEach(cleanup);

function Probe() {
  useAppliedTheme();
  useEscapeToClose();
  return null;
}
const applied = () => document.documentElement.dataset.theme;

describe('theme', () => {
  it('follows the system while on "system", live', () => {
    render(<Probe />);
    expect(useUiStore.getState().theme).toBe('system');
    expect(applied()).toBe('light');
    act(() => {
      systemDark = true;
      for (const l of listeners) l();
    });
    expect(applied()).toBe('dark');
    expect(document.documentElement.style.colorScheme).toBe('dark');
  });

  it('applies a chosen theme over the system one and remembers it', () => {
    systemDark = true;
    render(<Probe />);
    act(() => useUiStore.getState().setTheme('light'));
    expect(applied()).toBe('light');
    expect(localStorage.getItem('yardmaster.theme')).toBe('light');
    act(() => useUiStore.getState().setTheme('system'));
    expect(applied()).toBe('dark');
    expect(localStorage.getItem('yardmaster.theme')).toBeNull();
  });
});

describe('Escape', () => {
  it("leaves a server's page for the fleet, then closes the edit form, then the add form", () => {
    render(<Probe />);
    window.location.hash = '#/servers/a';
    act(() => useUiStore.setState({ editingId: 'b', addFormOpen: true }));
    fireEvent.keyDown(window, { key: 'Escape' });
    expect(window.location.hash).toBe('#/fleet');
    expect(useUiStore.getState()).toMatchObject({ editingId: 'b', addFormOpen: true });
    fireEvent.keyDown(window, { key: 'Escape' });
    expect(useUiStore.getState()).toMatchObject({ editingId: null, addFormOpen: true });
    fireEvent.keyDown(window, { key: 'Enter' });
    expect(useUiStore.getState().addFormOpen).toBe(true);
    fireEvent.keyDown(window, { key: 'Escape' });
    expect(useUiStore.getState().addFormOpen).toBe(false);
  });
});
