// Domain types shared by core, hosts and renderer. Plain data only (JSON-safe: epoch-ms numbers,
// no Date/Map/BigInt), because the same values cross Electron IPC and a WebSocket.

/** Where a server stands, as the collector sees it. */
/** MAINTENANCE: the operator said work is under way; probes go on, nothing counts as an outage. */
export type ServerStatus = 'UP' | 'DOWN' | 'PENDING' | 'MAINTENANCE' | 'UNKNOWN';

/** Every failure the collector can name. Each has its own wording in the UI. */
export type ProbeErrorKind =
  | 'host-key-unknown'
  | 'host-key-changed'
  | 'known-hosts-unreadable'
  | 'key-unreadable'
  | 'key-locked'
  | 'auth-failed'
  | 'ssh-unreachable'
  | 'ssh-timeout'
  | 'ssh-error'
  | 'command-timeout'
  | 'command-failed'
  | 'openclaw-missing'
  | 'gateway-unreachable'
  | 'gateway-unresponsive'
  | 'gateway-unhealthy'
  | 'gateway-auth-failed'
  | 'gateway-protocol-mismatch'
  | 'gateway-rpc-failed'
  | 'malformed-output'
  | 'output-too-large'
  | 'internal';

export interface ProbeError {
  kind: ProbeErrorKind;
  /** Human-readable, already safe to show as text (never HTML). */
  message: string;
  /** Extra facts, e.g. the offered host-key fingerprint. */
  detail?: Record<string, string>;
}

/** A watched server as the operator entered it. Secrets never live here. */
export interface ServerConfig {
  id: string;
  name: string;
  host: string;
  sshPort: number;
  sshUser: string;
  /** Path of a private key file on the console machine (its passphrase, if any, is asked for and kept in memory). */
  privateKeyPath: string;
  /** key: the key file above; agent: the ssh-agent at Yardmaster's SSH_AUTH_SOCK. */
  sshAuth?: 'key' | 'agent';
  gatewayPort: number;
  /**
   * auto: the gateway WebSocket (token read from the server's OpenClaw config over SSH), falling back
   * to the CLI; cli: never read the config, use only the `openclaw` CLI over SSH.
   */
  gatewayAccess?: 'auto' | 'cli';
  /** What the server is for: "ops" is the watcher's own side; others are specialist servers. */
  role?: string;
  tags?: string[];
  /** Probed, but shown as MAINTENANCE and never counted as an outage. */
  maintenance?: boolean;
  /** The openclaw binary on the server, when not on the PATH of a non-interactive SSH command. */
  openclawPath?: string;
  /** OpenClaw profile (--profile NAME, state in ~/.openclaw-NAME) when the server runs several. */
  openclawProfile?: string;
  /** Or an explicit OpenClaw state directory (OPENCLAW_STATE_DIR) on the server. */
  openclawStateDir?: string;
  /** Not probed at all while false. */
  enabled: boolean;
  createdAt: number;
}

/** What the operator types to add a server. */
export type ServerInput = Omit<ServerConfig, 'id' | 'createdAt' | 'enabled'> & { enabled?: boolean };

/** Per-agent metadata. Nothing here may hold conversation content. */
export interface AgentSummary {
  agentId: string;
  isDefault: boolean;
  heartbeatEnabled: boolean;
  heartbeatEveryMs: number | null;
  sessionCount: number | null;
}

/** Process and runtime health from the gateway's `status` RPC. */
export interface RuntimeFacts {
  runtimeVersion: string | null;
  rssBytes: number | null;
  heapUsedBytes: number | null;
  eventLoopDegraded: boolean | null;
  eventLoopDelayP99Ms: number | null;
  modelRuntimeDegraded: boolean | null;
  activeTasks: number | null;
  failedTasks: number | null;
  /** The task ledger by outcome since the gateway started (cumulative; a restart resets it). */
  tasksSucceeded?: number | null;
  tasksFailed?: number | null;
  tasksTimedOut?: number | null;
}

/** Agent runs that failed since the last one that succeeded (from the task ledger's counts). */
export interface RunFailures {
  since: number;
  failed: number;
  timedOut: number;
}

/** One session row, metadata only (no label, title, preview or summary ever). */
export interface SessionFacts {
  key: string;
  agentId: string | null;
  kind: string | null;
  status: string | null;
  updatedAt: number | null;
  inputTokens: number | null;
  outputTokens: number | null;
  totalTokens: number | null;
  totalTokensFresh: boolean | null;
  contextTokens: number | null;
  estimatedPromptTokens: number | null;
  contextTokenBudget: number | null;
  shouldCompact: boolean | null;
  route: string | null;
  hasActiveRun: boolean | null;
  abortedLastRun: boolean | null;
}

/** A heartbeat monitor job (cron job with declarationKey "heartbeat:<agentId>"). */
export interface HeartbeatJob {
  agentId: string;
  enabled: boolean;
  everyMs: number | null;
  lastRunAtMs: number | null;
  nextRunAtMs: number | null;
  runningAtMs: number | null;
  lastRunStatus: string | null;
  consecutiveErrors: number | null;
  lastRunError: string | null;
  /** Why the last run failed, as the scheduler names it (e.g. "timeout"). */
  lastErrorReason: string | null;
  /** Runs skipped in a row (e.g. "cron-in-progress": another agent's run is still going). */
  consecutiveSkipped: number | null;
}

/** Sizes of one agent's session store (file sizes only) and which store era it is in. */
export interface AgentStoreFacts {
  agentId: string;
  /** sqlite: ≥ 2026.7.2 per-agent database; json: ≤ 2026.7.1 sessions.json + transcripts. */
  era: 'sqlite' | 'json' | 'empty';
  dbBytes: number;
  walBytes: number;
  legacyStoreBytes: number;
  transcriptBytes: number;
  transcriptFiles: number;
}

/** The gateway's /readyz verdict: live is not the same as ready (an agent database not admitted, …). */
export interface Readiness {
  ready: boolean;
  /** What the gateway names as failing, e.g. "agent-database:main", "plugin-reload". */
  failing: string[];
}

/** How the gateway was reached this cycle. */
export interface GatewayFacts {
  via: 'websocket' | 'cli';
  protocol: number | null;
  buildId: string | null;
  bootId: string | null;
  /** When this gateway process started (hello time minus its reported uptime). */
  startedAt: number | null;
  /** Why the WebSocket path was not used, when via is 'cli'. */
  note: string | null;
  /** The gateway's refusal of the WebSocket (e.g. gateway-auth-failed), when that is why via is 'cli'. */
  linkError?: ProbeErrorKind | null;
}

/** The result of one probe cycle against one server. */
export interface ServerSnapshot {
  serverId: string;
  status: ServerStatus;
  checkedAt: number;
  /** When the current status began (first probe that gave it). */
  statusSince: number;
  /** When the server last stopped being UP; null while UP. Outage length on recovery comes from it. */
  notUpSince: number | null;
  /** Failed probes in a row (0 when the last one succeeded). */
  failureStreak: number;
  durationMs: number;
  /** CLI version on the server, e.g. "2026.9.6". */
  version: string | null;
  build: string | null;
  agents: AgentSummary[];
  gateway: GatewayFacts | null;
  runtime: RuntimeFacts | null;
  sessions: SessionFacts[] | null;
  heartbeats: HeartbeatJob[] | null;
  /** Tier 3 (refreshed rarely): session store sizes per agent. */
  stores: AgentStoreFacts[] | null;
  /** Tier 3: `openclaw --version` of the CLI on the server; differs from the gateway's after an update without restart. */
  cliVersion: string | null;
  error: ProbeError | null;
  /** The gateway boot id last seen (kept across failed probes, to notice a restart when it is back). */
  knownBootId?: string | null;
  /** When the gateway was seen to restart (new boot id) within the last hour: restart-loop detection. */
  recentRestarts?: number[];
  /** /readyz of the last successful probe. */
  readiness?: Readiness | null;
  /** Agent runs failing with no success since (model errors, timeouts); null when the last run outcome was a success. */
  runFailures?: RunFailures | null;
}

export interface StatusTransition {
  serverId: string;
  at: number;
  from: ServerStatus;
  to: ServerStatus;
  /** For a recovery to UP: how long the server was not UP. */
  outageMs: number | null;
  errorKind: ProbeErrorKind | null;
  errorMessage: string | null;
}

export interface ServerView {
  config: ServerConfig;
  snapshot: ServerSnapshot | null;
  /** The operator typed this server's gateway token (it is not read from the server's config). */
  gatewayTokenSupplied?: boolean;
}

export interface AppInfo {
  version: string;
  host: 'electron' | 'headless';
  dataDir: string;
  knownHostsPath: string;
  pollIntervalMs: number;
}

/** One point of a metric series: a raw sample (min = avg = max) or a rollup bucket. */
export interface SeriesPoint {
  t: number;
  min: number;
  avg: number;
  max: number;
  count: number;
}

/** A concrete host from the operator's ~/.ssh/config, offered for import. */
export interface SshConfigHost {
  alias: string;
  host: string;
  port: number;
  user: string;
  identityFile: string | null;
  note: string | null;
}

export type AlertSeverity = 'critical' | 'warning' | 'info';

/** Something wrong that a human should know about, from raise to resolve. */
export interface Alert {
  id: string;
  rule: string;
  severity: AlertSeverity;
  serverId: string;
  agentId: string | null;
  summary: string;
  startedAt: number;
  resolvedAt: number | null;
  /** Muted because its server is down (the server-down alert says it all). */
  inhibited: boolean;
  /** Muted by an operator's silence (its id), while that silence lasts. */
  silencedBy: string | null;
  ackedAt: number | null;
  ackedBy: string | null;
}

/** An operator's "not now": matching alerts stay visible but notify nobody until it ends. */
export interface Silence {
  id: string;
  /** Every given field must equal the alert's; none given matches every alert (snooze all). */
  matchers: { rule?: string; serverId?: string; agentId?: string };
  startsAt: number;
  endsAt: number;
  author: string;
  comment: string;
}

/** A webhook channel. Its URL is a secret: kept in the secret store, never in settings or sent back. */
export interface WebhookConfig {
  id: string;
  name: string;
  kind: 'slack' | 'discord' | 'json';
  /** Send alerts of this severity and worse. */
  minSeverity: 'critical' | 'warning';
}

export interface WebhookDelivery {
  at: number;
  ok: boolean;
  attempts: number;
  status: number | null;
  error: string | null;
}

export interface WebhookView extends WebhookConfig {
  /** False after a restart of a console that keeps secrets in memory only: enter the URL again. */
  hasUrl: boolean;
  lastDelivery: WebhookDelivery | null;
}

/** Alert email through one SMTP relay. The password is a secret: kept in the secret store only. */
export interface EmailConfig {
  host: string;
  port: number;
  /** tls: implicit TLS (usually 465); starttls: upgrade required (usually 587); none: plain, for a local relay. */
  security: 'tls' | 'starttls' | 'none';
  username: string | null;
  from: string;
  to: string[];
  minSeverity: 'critical' | 'warning';
}

export interface EmailView extends EmailConfig {
  /** False when a username is set but the password is not known (memory-only secrets after a restart). */
  hasPassword: boolean;
  lastDelivery: WebhookDelivery | null;
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
