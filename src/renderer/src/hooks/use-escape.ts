// Escape closes the innermost open thing: an open row menu handles it itself; then a server's page
// (back to the fleet), else an edit form, else the add form. Ignored while a native dialog or a
// select's list has the key (they handle Escape themselves).
import { useEffect } from 'react';
import { useUiStore } from '../state/ui-store';
import { hrefFor, navigate, parseHash } from '../routes/hash-route';

export function useEscapeToClose(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape' || e.defaultPrevented) return;
      const s = useUiStore.getState();
      if (parseHash(window.location.hash).name === 'servers') navigate(hrefFor('fleet'));
      else if (s.editingId) s.setEditingId(null);
      else if (s.addFormOpen) s.setAddFormOpen(false);
      else return;
      e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
