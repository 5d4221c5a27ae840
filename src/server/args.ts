// Command-line flags of `yardmaster serve` (and of the older `npm run start:headless`, which is the
// same command). Flags win over the config file; neither is saved anywhere.
import { parseArgs } from 'node:util';
import { parseDuration } from './service/duration';

export { parseDuration };

export interface HeadlessArgs {
  config: string | null;
  host: string | null;
  port: number | null;
  dataDir: string | null;
  token: string | null;
  knownHosts: string | null;
  sshConfig: string | null;
  pollIntervalMs: number | null;
  alertHoldDownMs: number | null;
  rpcIntervalMs: number | null;
  sshAcceptIntervalMs: number | null;
  rendererDir: string | null;
  extraHosts: string[];
  insecureHttp: boolean;
}

export const SERVE_USAGE = `Usage: yardmaster serve [options]
  --config <file>          config file (JSON5; default $YARDMASTER_CONFIG; see README "Ops service")
  --host <addr>            bind address (default 127.0.0.1; anything else needs TLS or --insecure-http)
  --port <n>               port (default 4870; 0 picks a free one)
  --data-dir <dir>         settings + history (default $XDG_DATA_HOME/yardmaster)
  --token <t>              a single operator token for this run (default: $YARDMASTER_TOKEN; without it
                           and without tokens in the token file, a random one per run)
  --known-hosts <file>     OpenSSH known_hosts for host-key checks (default ~/.ssh/known_hosts)
  --ssh-config <file>      OpenSSH client config offered for import (default ~/.ssh/config)
  --poll-interval <d>      probe interval, e.g. 15s (default from settings, 15s)
  --alert-hold-down <d>    how long a cleared condition must stay clear before its alert resolves (30s)
  --rpc-interval <d>       how often the gateway RPC facts (status, sessions, cron) are read (60s)
  --ssh-accept-interval <d> how often each server is checked for accepting new SSH connections (3m)
  --allow-host <host:port> extra Host/Origin name to accept (reverse proxy); repeatable
  --insecure-http          allow plain HTTP on a non-loopback address (only behind a TLS proxy)
  --renderer-dir <dir>     built renderer to serve (default: next to this bundle)`;
/** Kept for callers of the old name. */
export const USAGE = SERVE_USAGE;

export function parseHeadlessArgs(argv: string[], env: NodeJS.ProcessEnv): HeadlessArgs {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      config: { type: 'string' },
      host: { type: 'string' },
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      token: { type: 'string' },
      'known-hosts': { type: 'string' },
      'ssh-config': { type: 'string' },
      'poll-interval': { type: 'string' },
      'alert-hold-down': { type: 'string' },
      'rpc-interval': { type: 'string' },
      'ssh-accept-interval': { type: 'string' },
      'renderer-dir': { type: 'string' },
      'allow-host': { type: 'string', multiple: true },
      'insecure-http': { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) throw new Error(SERVE_USAGE);
  const port = values.port === undefined ? null : Number(values.port);
  if (port !== null && (!Number.isInteger(port) || port < 0 || port > 65535)) throw new Error(`--port must be 0–65535, got ${values.port}`);
  const token = values.token ?? env.YARDMASTER_TOKEN ?? null;
  if (token !== null && !/^[A-Za-z0-9_-]{16,256}$/.test(token)) {
    throw new Error('--token must be 16–256 characters of A-Z a-z 0-9 _ -');
  }
  return {
    config: values.config ?? env.YARDMASTER_CONFIG ?? null,
    host: values.host ?? null,
    port,
    dataDir: values['data-dir'] ?? null,
    token,
    knownHosts: values['known-hosts'] ?? null,
    sshConfig: values['ssh-config'] ?? null,
    pollIntervalMs: values['poll-interval'] ? parseDuration(values['poll-interval']) : null,
    alertHoldDownMs: values['alert-hold-down'] ? parseDuration(values['alert-hold-down']) : null,
    rpcIntervalMs: values['rpc-interval'] ? parseDuration(values['rpc-interval']) : null,
    sshAcceptIntervalMs: values['ssh-accept-interval'] ? parseDuration(values['ssh-accept-interval']) : null,
    rendererDir: values['renderer-dir'] ?? null,
    extraHosts: values['allow-host'] ?? [],
    insecureHttp: values['insecure-http'] ?? false,
  };
}
