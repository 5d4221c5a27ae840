// Applies the theme: the operator's choice, or the system's prefers-color-scheme while on "system"
// (followed live, so a desktop switching to dark at dusk switches the console too).
import { useEffect, useState } from 'react';
import { useUiStore } from '../state/ui-store';

const DARK_QUERY = '(prefers-color-scheme: dark)';

function useSystemDark(): boolean {
  const [dark, setDark] = useState(() => window.matchMedia?.(DARK_QUERY).matches ?? false);
  useEffect(() => {
    const mq = window.matchMedia?.(DARK_QUERY);
    if (!mq) return;
    const onChange = () => setDark(mq.matches);
    mq.addEventListener('change', onChange);
    return () => mq.removeEventListener('change', onChange);
  }, []);
  return dark;
}

export function useAppliedTheme(): 'light' | 'dark' {
  const choice = useUiStore((s) => s.theme);
  const systemDark = useSystemDark();
  const applied = choice === 'system' ? (systemDark ? 'dark' : 'light') : choice;
  useEffect(() => {
    document.documentElement.dataset.theme = applied;
    // Native controls (scrollbars, selects, date pickers) follow too.
    document.documentElement.style.colorScheme = applied;
  }, [applied]);
  return applied;
}
