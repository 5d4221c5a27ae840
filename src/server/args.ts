// Command-line flags of the headless host.
import { parseArgs } from 'node:util';

export interface HeadlessArgs {
  host: string;
  port: number;
  dataDir: string | null;
  token: string | null;
  knownHosts: string | null;
  sshConfig: string | null;
  pollIntervalMs: number | null;
  alertHoldDownMs: number | null;
  rpcIntervalMs: number | null;
  rendererDir: string | null;
  extraHosts: string[];
}

/** "15s", "2m", "500ms" or a number of milliseconds. */
export function parseDuration(text: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (!m) throw new Error(`not a duration: ${text} (use e.g. 500ms, 15s, 2m)`);
  const n = Number(m[1]);
  const unit = m[2] ?? 'ms';
  return Math.round(n * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[unit]!);
}

export const USAGE = `Usage: yardmaster-headless [options]
  --host <addr>            bind address (default 127.0.0.1; anything else exposes the console)
  --port <n>               port (default 4870; 0 picks a free one)
  --data-dir <dir>         settings + history (default $XDG_DATA_HOME/yardmaster)
  --token <t>              access token (default: $YARDMASTER_TOKEN, else random per run)
  --known-hosts <file>     OpenSSH known_hosts for host-key checks (default ~/.ssh/known_hosts)
  --ssh-config <file>      OpenSSH client config offered for import (default ~/.ssh/config)
  --poll-interval <d>      probe interval, e.g. 15s (default from settings, 15s)
  --alert-hold-down <d>    how long a cleared condition must stay clear before its alert resolves (30s)
  --rpc-interval <d>       how often the gateway RPC facts (status, sessions, cron) are read (60s)
  --allow-host <host:port> extra Host/Origin name to accept (reverse proxy); repeatable
  --renderer-dir <dir>     built renderer to serve (default: next to this bundle)`;

export function parseHeadlessArgs(argv: string[], env: NodeJS.ProcessEnv): HeadlessArgs {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      token: { type: 'string' },
      'known-hosts': { type: 'string' },
      'ssh-config': { type: 'string' },
      'poll-interval': { type: 'string' },
      'alert-hold-down': { type: 'string' },
      'rpc-interval': { type: 'string' },
      'renderer-dir': { type: 'string' },
      'allow-host': { type: 'string', multiple: true },
      help: { type: 'boolean' },
    },
  });
  if (values.help) throw new Error(USAGE);
  const port = Number(values.port ?? 4870);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0–65535, got ${values.port}`);
  const token = values.token ?? env.YARDMASTER_TOKEN ?? null;
  if (token !== null && !/^[A-Za-z0-9_-]{16,256}$/.test(token)) {
    throw new Error('--token must be 16–256 characters of A-Z a-z 0-9 _ -');
  }
  return {
    host: values.host ?? '127.0.0.1',
    port,
    dataDir: values['data-dir'] ?? null,
    token,
    knownHosts: values['known-hosts'] ?? null,
    sshConfig: values['ssh-config'] ?? null,
    pollIntervalMs: values['poll-interval'] ? parseDuration(values['poll-interval']) : null,
    alertHoldDownMs: values['alert-hold-down'] ? parseDuration(values['alert-hold-down']) : null,
    rpcIntervalMs: values['rpc-interval'] ? parseDuration(values['rpc-interval']) : null,
    rendererDir: values['renderer-dir'] ?? null,
    extraHosts: values['allow-host'] ?? [],
  };
}
