// Field names in words, for validation errors the operator reads ("URL: an http(s) URL", not
// "Invalid input for webhooks.add"). Keys are the last named segment of a schema path.

const LABELS: Record<string, string> = {
  name: 'Name',
  host: 'Host',
  sshPort: 'SSH port',
  sshUser: 'SSH user',
  privateKeyPath: 'Private key file',
  sshAuth: 'SSH authentication',
  gatewayPort: 'Gateway port',
  gatewayAccess: 'Gateway access',
  role: 'Role',
  tags: 'Tags',
  openclawPath: 'OpenClaw binary',
  openclawProfile: 'OpenClaw profile',
  openclawStateDir: 'OpenClaw state dir',
  url: 'URL',
  kind: 'Kind',
  minSeverity: 'Minimum severity',
  port: 'Port',
  security: 'Security',
  username: 'Username',
  password: 'Password',
  from: 'From',
  to: 'To',
  token: 'Gateway token',
  passphrase: 'Passphrase',
  durationMs: 'Duration',
  comment: 'Comment',
  rule: 'Rule',
  serverId: 'Server',
  agentId: 'Agent',
  pollIntervalMs: 'Poll interval',
  rpcIntervalMs: 'RPC interval',
  alertHoldDownMs: 'Alert hold-down',
  criticalRenotifyAfterMs: 'Re-notify after',
  repeatEveryMs: 'Repeat every',
  maxRepeats: 'Repeats',
  path: 'Path',
  limit: 'Limit',
  values: 'Values',
  fingerprint: 'Fingerprint',
};

/** "to.1" → "To", "escalation.maxRepeats" → "Repeats", unknown keys are spaced out ("fooBar" → "Foo bar"). */
export function fieldLabel(path: string): string {
  // The jump host's fields share their names with the server's own: say whose they are.
  if (/(^|\.)jumpHost\./.test(path)) {
    const rest = path.replace(/^.*jumpHost\./, '');
    return rest === 'host' ? 'Jump host' : `Jump host ${fieldLabel(rest).toLowerCase()}`;
  }
  const key = path.split('.').filter((p) => p && !/^\d+$/.test(p)).pop() ?? '';
  if (!key || key === '_') return 'Input';
  if (LABELS[key]) return LABELS[key];
  const spaced = key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

/** One line naming every invalid field: "URL: an http(s) URL; Name: required". */
export function describeInvalidFields(fields: Record<string, string>): string {
  const parts = Object.entries(fields).map(([path, message]) => {
    const label = fieldLabel(path);
    // Messages that already start with their field's name are kept as they are.
    return message.toLowerCase().startsWith(label.toLowerCase()) ? message : `${label}: ${message}`;
  });
  return parts.length ? parts.join('; ') : 'Invalid input';
}
