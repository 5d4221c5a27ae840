// What one probe cycle finds on one server: status, failures, gateway, runtime, sessions, heartbeat
// jobs, stores, and the status history. Plain data only (see domain.ts). Re-exported by domain.ts.
import type { SnapshotSummary } from './snapshot-summary';
import type { RemoteErrorKind } from './error-kinds';
import type { SkippedRows } from './skipped-rows';

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
  /** A cycle or one of its steps missed its deadline (the server did not answer in time). */
  | 'probe-timeout'
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
  /** The kind of the last run's error, classified on the probe side (its text never leaves the probe). */
  lastRunErrorKind: RemoteErrorKind | null;
  /** Why the last run failed, as the scheduler names it (e.g. "timeout"). */
  lastErrorReason: string | null;
  /** Runs skipped in a row (e.g. "cron-in-progress": another agent's run is still going). */
  consecutiveSkipped: number | null;
  /** How long the last run took (bounds the window its heartbeat event falls in). */
  lastDurationMs?: number;
  /** What became of the last run's output, when the gateway's heartbeat event for it was seen. */
  delivery?: HeartbeatDelivery;
}

/** A heartbeat run's delivery outcome: status and reason ids only (never the text or the recipient). */
export interface HeartbeatDelivery {
  at: number;
  status: string;
  /** Why output meant for a human went nowhere ("target-none", "delivery-error", …); null when delivered or nothing to say. */
  undelivered: string | null;
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
  /** The credential the WebSocket uses: the gateway's shared token, read from its config or environment, or typed. */
  credential?: GatewayCredential | null;
}

export type GatewayCredential = 'config-token' | 'environment-token' | 'typed-token';

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
  /**
   * When the gateway facts (runtime, sessions, heartbeats) were last read; a failed read keeps the last
   * good ones, so they can be older than checkedAt. null: never read.
   */
  factsAt?: number | null;
  /** The last read of those facts failed (the server itself is live); null when it worked. */
  factsError?: ProbeError | null;
  /** Rows of those facts the parsers did not take, counted by why (never silently dropped). */
  skippedRows?: SkippedRows[];
  /**
   * Row summary (session count, worst fill, per-agent heartbeat and store): set on the slim snapshots
   * windows are pushed, whose sessions/heartbeats/stores are null (see snapshot-summary.ts).
   */
  summary?: SnapshotSummary;
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
