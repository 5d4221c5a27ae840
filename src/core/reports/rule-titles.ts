// Short titles for alert rules, written by the console (report headings and timeline sentences never
// reuse alert summaries, which carry names). Unknown rules (added later) fall back to their id.
const TITLES: Record<string, string> = {
  'server-down': 'Server down',
  'host-key-changed': 'SSH host key changed',
  'restart-loop': 'Gateway restart loop',
  'heartbeat-overdue': 'Heartbeat overdue',
  'heartbeat-timeout': 'Heartbeat timed out',
  'heartbeat-failing': 'Heartbeat failing',
  'heartbeat-skipped': 'Heartbeat skipped',
  'heartbeat-wedged': 'Heartbeat wedged',
  'heartbeat-undelivered': 'Heartbeat output not delivered',
  'agent-runs-failing': 'Agent runs failing',
  'gateway-not-ready': 'Gateway not ready',
  'gateway-link-refused': 'Gateway refused the read-only link',
  'gateway-facts-failing': 'Gateway facts unreadable',
  'event-loop-degraded': 'Event loop degraded',
  'model-runtime-degraded': 'Model runtime degraded',
  'rss-growth': 'Memory growth',
  'cli-version-mismatch': 'CLI version mismatch',
  'session-fill-high': 'Session context nearly full',
  'compaction-stuck': 'Compaction stuck',
  'session-store-near-limit': 'Session store near its limit',
  'zombie-sessions-growing': 'Zero-token sessions growing',
  'config-drift': 'Config drift',
  'config-migration-pending': 'Config migration pending',
  'ssh-not-accepting': 'SSH not accepting new connections',
  'rollout-failed': 'Rollout failed',
  'hygiene-failed': 'Session hygiene failed',
};

export const ruleTitle = (rule: string): string => TITLES[rule] ?? rule;
