// How long a condition must hold before its alert is raised and notifies, per rule (Alertmanager's
// `for`). Warnings that flap on their own get one: a heartbeat lands a few seconds late, a run is
// retried, a restart delays the schedule. Criticals (server-down is already confirmed by a retry) and
// one-off facts (an undelivered heartbeat output, a changed host key) are raised at once.
export const DEFAULT_PENDING_FOR_MS: Readonly<Record<string, number>> = {
  'heartbeat-overdue': 2 * 60_000,
  'heartbeat-timeout': 2 * 60_000,
  'heartbeat-failing': 2 * 60_000,
  'heartbeat-skipped': 2 * 60_000,
  'heartbeat-wedged': 2 * 60_000,
};
