import type { ServerStatus } from '../../../shared/domain';

const LABEL: Record<ServerStatus | 'PAUSED', string> = {
  UP: 'UP',
  DOWN: 'DOWN',
  PENDING: 'PENDING',
  MAINTENANCE: 'MAINTENANCE',
  UNKNOWN: 'CHECKING',
  PAUSED: 'PAUSED',
};

/** PAUSED: the server is disabled, so nothing is probed and its last status is stale. */
export function StatusBadge({ status }: { status: ServerStatus | 'PAUSED' }) {
  return (
    <span className={`badge badge-${status.toLowerCase()}`} data-testid="server-status" data-status={status}>
      {LABEL[status]}
    </span>
  );
}
