// Says, in the top bar, when this window is read-only (a viewer token), and shows every action the
// core refused for that reason, so a refused click never looks like nothing happened.
import { useAccessStore } from './access-store';
import { useReadOnly } from './use-read-only';

export function AccessRoleBadge() {
  const readOnly = useReadOnly();
  return (
    <>
      {readOnly && (
        <span className="badge access-role" data-testid="access-role" data-role="viewer" title="This token can look and acknowledge alerts; changes need an operator token.">
          Viewer · read-only
        </span>
      )}
    </>
  );
}

export function AccessRefusedBanner() {
  const { refused, setRefused } = useAccessStore();
  return (
    <>
      {refused && (
        <div className="banner banner-unauthorized access-refused" role="alert" data-testid="access-refused">
          {refused} Ask for an operator token to make changes.
          <button type="button" className="secondary" onClick={() => setRefused(null)}>
            Dismiss
          </button>
        </div>
      )}
    </>
  );
}
