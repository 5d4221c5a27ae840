// What the console says about an error a server reported in its own words (a heartbeat's lastRunError,
// a CLI's stderr, a gateway's error message). Those words can quote a conversation or a tool's output,
// so they never leave the probe: the probe classifies them into one of these kinds, owned by the
// console, and only the kind (with numbers) travels on to history, alerts, logs, webhooks and email.
export const REMOTE_ERROR_KINDS = [
  'timeout',
  'run-in-progress',
  'rate-limited',
  'auth-failed',
  'permission-denied',
  'network',
  'provider-unavailable',
  'quota-exceeded',
  'context-overflow',
  'model-error',
  'tool-error',
  'config-invalid',
  'not-found',
  'cancelled',
  'delivery-failed',
  'other',
] as const;

export type RemoteErrorKind = (typeof REMOTE_ERROR_KINDS)[number];

export const REMOTE_ERROR_LABELS: Readonly<Record<RemoteErrorKind, string>> = {
  timeout: 'timed out',
  'run-in-progress': 'another run still in progress',
  'rate-limited': 'rate limited',
  'auth-failed': 'authentication failed',
  'permission-denied': 'permission denied',
  network: 'network error',
  'provider-unavailable': 'model provider unavailable',
  'quota-exceeded': 'quota or billing limit',
  'context-overflow': 'context too large',
  'model-error': 'model error',
  'tool-error': 'tool error',
  'config-invalid': 'invalid configuration',
  'not-found': 'not found',
  cancelled: 'cancelled',
  'delivery-failed': 'delivery failed',
  other: 'unclassified error',
};

export const isRemoteErrorKind = (v: unknown): v is RemoteErrorKind => typeof v === 'string' && (REMOTE_ERROR_KINDS as readonly string[]).includes(v);
