// Adding servers: hosts offered from ~/.ssh/config, the connection check, and OpenClaw on the console
// machine itself (issue 5). Re-exported by domain.ts.

/** A concrete host from the operator's ~/.ssh/config, offered for import. */
export interface SshConfigHost {
  alias: string;
  host: string;
  port: number;
  user: string;
  identityFile: string | null;
  /** Its ProxyJump, resolved through the same config (one hop; a chain is refused in `note`). */
  jump: SshConfigJump | null;
  note: string | null;
}

export interface SshConfigJump {
  host: string;
  port: number;
  user: string;
  identityFile: string | null;
}

/** One step of a connection check, in order: TCP → host key → SSH auth → gateway /healthz → WS scopes. */
export type ConnectionCheckStepName = 'tcp' | 'host-key' | 'auth' | 'gateway' | 'scopes';
export interface ConnectionCheckStep {
  step: ConnectionCheckStepName;
  /** null: not reached (an earlier step failed) or not applicable (message says which). */
  ok: boolean | null;
  message: string;
  durationMs: number;
}
export interface ConnectionCheck {
  steps: ConnectionCheckStep[];
}

/** OpenClaw on the console machine itself (for "Watch this machine"). Never holds the gateway token. */
export interface LocalOpenclaw {
  installed: boolean;
  /** Where `openclaw` was found on the PATH of the console process, if it was. */
  binaryPath: string | null;
  /** The OpenClaw config file found, if any. */
  configPath: string | null;
  /** gateway.port from that config, else OpenClaw's default 18789. */
  gatewayPort: number;
  gatewayPortSource: 'config' | 'default';
  /** The console's own user name (the SSH user to suggest). */
  user: string;
}
