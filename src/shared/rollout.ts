// Staged rollouts of OpenClaw updates (issue 13): plain data shared by core and renderer.

/** OpenClaw versions: YYYY.M.D with optional "-N" (re-release) and "-beta.N" suffixes. */
export const VERSION_RE = /^\d{4}\.\d{1,2}\.\d{1,2}(-\d+)?(-beta\.\d+)?$/;

/** How a server's gateway is run, which decides how it is stopped, updated and started. */
export type ServiceManager =
  | { kind: 'systemd-user'; unit: string }
  | { kind: 'systemd-system'; unit: string }
  | { kind: 'launchd'; label: string }
  /** Commands run over SSH: an absolute path or a bare program name, then plain words (no shell syntax). */
  | { kind: 'custom'; start: string; stop: string; status: string };

export type RolloutState = 'running' | 'baking' | 'paused' | 'halted' | 'interrupted' | 'aborted' | 'completed';

export type ServerRunState =
  | 'pending'
  | 'updating'
  | 'updated'
  | 'failed'
  | 'skipped'
  | 'rolling-back'
  | 'rolled-back'
  | 'rollback-failed';

/** Steps in the order they run on one server; `stop`/`start` only for custom service commands. */
export type StepName =
  | 'precheck'
  | 'stop'
  | 'backup'
  | 'update'
  | 'start'
  | 'gate-ready'
  | 'gate-boot-id'
  | 'gate-version'
  | 'gate-heartbeats'
  | 'gate-doctor'
  | 'gate-no-critical-alert'
  | 'rollback-stop'
  | 'rollback-restore'
  | 'rollback-reinstall'
  | 'rollback-start'
  | 'rollback-gate-ready'
  | 'rollback-gate-version';

export type StepOutcome = 'running' | 'ok' | 'failed' | 'interrupted' | 'skipped';

export interface RolloutPlanOptions {
  targetVersion: string;
  serverIds: string[];
  /** Percentages of the servers after the canary, cumulative, the last one 100. */
  waves: number[];
  bakeMs: number;
  /** 0: stop at the first failed server. */
  maxFailuresPerWave: number;
  concurrency: number;
  doctorLint: boolean;
  /** Backups kept per server (older ones are deleted after a new one is verified). */
  backupRetention: number;
  allowDowngrade: boolean;
}

export interface PlannedServer {
  serverId: string;
  name: string;
  wave: number;
  fromVersion: string | null;
  serviceKind: ServiceManager['kind'] | null;
  steps: StepName[];
  downgrade: boolean;
  /** Said plainly before the rollout starts. */
  rollback: { possible: boolean; note: string };
  /** Why this server cannot take part (down, unknown service manager, …); the plan cannot start with any. */
  blockers: string[];
}

export interface RolloutPlan {
  options: RolloutPlanOptions;
  waves: Array<{ index: number; serverIds: string[] }>;
  servers: PlannedServer[];
  /** From measured step times (defaults until this console has measured some). */
  estimatedMs: number;
  stepEstimatesMs: Partial<Record<StepName, number>>;
  /** The text the operator must type to start it. */
  confirmation: string;
  warnings: string[];
}

export interface RolloutStep {
  serverId: string;
  step: StepName;
  attempt: number;
  startedAt: number;
  endedAt: number | null;
  outcome: StepOutcome;
  exitCode: number | null;
  /** Metadata only: versions, enums, numbers (never output text). */
  summary: Record<string, string | number | boolean | null>;
}

export interface RolloutServer {
  serverId: string;
  name: string;
  wave: number;
  position: number;
  state: ServerRunState;
  fromVersion: string | null;
  bootIdBefore: string | null;
  backupPath: string | null;
  stateMigrated: boolean | null;
  /** An enum-like reason, e.g. "gate-version", "start-failed". */
  failure: string | null;
  startedAt: number | null;
  finishedAt: number | null;
  /** After an interruption: what the server really is now. */
  probed: { at: number; version: string | null; running: boolean | null; bootId: string | null } | null;
}

export interface RolloutAudit {
  at: number;
  actor: string;
  action: string;
  serverId: string | null;
}

export interface RolloutSummary {
  id: string;
  targetVersion: string;
  state: RolloutState;
  /** Why it halted / was interrupted (an enum-like reason). */
  reason: string | null;
  createdAt: number;
  createdBy: string;
  finishedAt: number | null;
  currentWave: number;
  bakeUntil: number | null;
  serverCount: number;
}

export interface RolloutDetail extends RolloutSummary {
  plan: RolloutPlan;
  servers: RolloutServer[];
  steps: RolloutStep[];
  audit: RolloutAudit[];
  /** Actions valid now (the UI enables only these); per-server ones name their servers. */
  actions: { pause: boolean; resume: boolean; abort: boolean; promote: boolean; retry: string[]; skip: string[]; rollback: string[] };
}

export type RolloutAction = 'pause' | 'resume' | 'abort' | 'promote' | 'retry' | 'skip' | 'rollback';

/** What the wizard's first page offers. */
export interface RolloutTargets {
  /** Newest first: versions the servers' `update status` reported as latest, and the versions running in the fleet. */
  versions: Array<{ version: string; source: 'update-status' | 'fleet' }>;
  servers: Array<{
    serverId: string;
    name: string;
    role: string | null;
    tags: string[];
    status: string | null;
    version: string | null;
    installKind: string | null;
    latestVersion: string | null;
    service: ServiceManager | null;
    /** The console's own server (role "ops"): excluded by default. */
    isOps: boolean;
    inRollout: string | null;
  }>;
  checkedAt: number | null;
}
