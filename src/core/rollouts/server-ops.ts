// What the rollout runner asks of one server. The real implementation works over SSH
// (ssh-server-ops.ts); unit tests use a scripted fake. Results carry metadata only.
import type { ServiceManager, StepName } from '../../shared/rollout';

export type Summary = Record<string, string | number | boolean | null>;

export interface StepResult {
  ok: boolean;
  exitCode: number | null;
  summary: Summary;
  /** An enum-like reason when not ok (e.g. "start-failed", "doctor-failed"). */
  failure?: string;
}

/** Names a step's work on the server, so a re-run after a crash finds the same job and adopts its result. */
export interface StepContext {
  rolloutId: string;
  serverId: string;
  attempt: number;
  step: StepName;
  service: ServiceManager;
  /** Names this try's job on the server (same after an interruption, new after a failure). */
  jobKey: string;
}

export interface PrecheckFacts {
  cliVersion: string | null;
  freeDiskBytes: number | null;
  stateBytes: number | null;
  /** `openclaw update status --json` reports an update already under way. */
  activeRun: boolean;
  installKind: string | null;
}

export interface BackupFacts {
  path: string;
  sha256: string;
  bytes: number;
}

export interface ServerOps {
  precheck(ctx: StepContext): Promise<StepResult & { facts: PrecheckFacts | null }>;
  stop(ctx: StepContext): Promise<StepResult>;
  start(ctx: StepContext): Promise<StepResult>;
  /** A timestamped archive of the state dir, size and checksum verified; older ones beyond `retention` deleted. */
  backup(ctx: StepContext, retention: number): Promise<StepResult & { backup: BackupFacts | null }>;
  /** `openclaw update --tag <v> --yes --json` (with --no-restart for custom services); exit 75 followed through `update status`. */
  update(ctx: StepContext, version: string): Promise<StepResult>;
  /** Moves the current state dir aside and unpacks the backup after checking its checksum. */
  restore(ctx: StepContext, backup: BackupFacts): Promise<StepResult>;
  doctorLint(ctx: StepContext): Promise<StepResult>;
  /** The CLI version and whether the gateway runs, as the server says now (after a crash, before resuming). */
  trueState(serverId: string, service: ServiceManager | null): Promise<{ version: string | null; running: boolean | null }>;
}

/** What the gates read, from a fresh probe of the server. */
export interface GateFacts {
  up: boolean;
  ready: boolean | null;
  bootId: string | null;
  gatewayStartedAt: number | null;
  runningVersion: string | null;
  heartbeats: Array<{ agentId: string; enabled: boolean; lastRunAtMs: number | null }>;
}
