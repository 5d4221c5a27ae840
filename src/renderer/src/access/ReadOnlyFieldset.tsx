// Wraps operator-only controls: for a viewer token every control inside is disabled at once (a
// disabled fieldset disables its descendants), with the reason as the title. Adds no box or spacing.
import type { ReactNode } from 'react';
import { useReadOnly } from './use-read-only';

export function ReadOnlyFieldset({ children, label }: { children: ReactNode; label?: string }) {
  const readOnly = useReadOnly();
  return (
    <fieldset className="read-only-fieldset" disabled={Boolean(readOnly)} title={readOnly ?? undefined} aria-label={label} data-read-only={readOnly ? 'true' : undefined}>
      {children}
    </fieldset>
  );
}
