import type { ServerStatus } from '../../../shared/domain';

const LABEL: Record<ServerStatus, string> = { UP: 'UP', DOWN: 'DOWN', PENDING: 'PENDING', UNKNOWN: 'CHECKING' };

export function StatusBadge({ status }: { status: ServerStatus }) {
  return (
    <span className={`badge badge-${status.toLowerCase()}`} data-testid="server-status" data-status={status}>
      {LABEL[status]}
    </span>
  );
}
