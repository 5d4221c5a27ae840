// System / light / dark. The choice is kept in the UI store and localStorage; "system" follows the OS.
import { useUiStore, type ThemeChoice } from '../state/ui-store';

export function ThemeSwitch() {
  const theme = useUiStore((s) => s.theme);
  const setTheme = useUiStore((s) => s.setTheme);
  return (
    <label className="theme-switch">
      <span className="muted">Theme</span>
      <select aria-label="Theme" value={theme} onChange={(e) => setTheme(e.target.value as ThemeChoice)}>
        <option value="system">System</option>
        <option value="light">Light</option>
        <option value="dark">Dark</option>
      </select>
    </label>
  );
}
