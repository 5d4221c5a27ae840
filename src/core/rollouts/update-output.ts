// Reads `openclaw update --json` / `update status --json` output down to metadata: statuses, enum-like
// reasons, versions, step names with durations and exit codes. Free text (stderr tails, messages,
// hints, paths) is dropped here and never stored.
import type { Summary } from './server-ops';
import { VERSION_RE } from './versions';

const ENUM = /^[a-z0-9][a-z0-9._:-]{0,63}$/;
const enumOrNull = (v: unknown): string | null => (typeof v === 'string' && ENUM.test(v) ? v : null);
/** The updater's own step names ("global install swap", "Checking data migrations"): fixed labels, no data. */
const STEP_NAME = /^[A-Za-z0-9][A-Za-z0-9 ._:-]{0,63}$/;
const versionOrNull = (v: unknown): string | null => (typeof v === 'string' && VERSION_RE.test(v) ? v : null);

/** The last JSON document in the output (warnings may precede it on stdout of old versions). */
export function parseJsonDocument(stdout: string): Record<string, unknown> | null {
  const start = stdout.indexOf('{');
  if (start < 0) return null;
  try {
    const v = JSON.parse(stdout.slice(start)) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

export interface UpdateOutcome {
  status: string | null;
  reason: string | null;
  before: string | null;
  after: string | null;
  failedStep: string | null;
  steps: Array<{ name: string; durationMs: number | null; exitCode: number | null }>;
  durationMs: number | null;
}

export function readUpdateOutcome(doc: Record<string, unknown> | null): UpdateOutcome | null {
  if (!doc) return null;
  const obj = (v: unknown) => (v && typeof v === 'object' ? (v as Record<string, unknown>) : {});
  const failed = doc.failedStep;
  const steps = Array.isArray(doc.steps) ? doc.steps : [];
  return {
    status: enumOrNull(doc.status),
    reason: enumOrNull(doc.reason),
    before: versionOrNull(obj(doc.before).version ?? doc.currentVersion),
    after: versionOrNull(obj(doc.after).version ?? doc.targetVersion),
    failedStep: enumOrNull(typeof failed === 'string' ? failed : obj(failed).name),
    steps: steps.slice(0, 60).flatMap((s) => {
      const raw = obj(s).name;
      const name = typeof raw === 'string' && STEP_NAME.test(raw) ? raw : null;
      if (!name) return [];
      const d = obj(s).durationMs;
      const c = obj(s).exitCode;
      return [{ name, durationMs: typeof d === 'number' ? Math.round(d) : null, exitCode: typeof c === 'number' ? c : null }];
    }),
    durationMs: typeof doc.durationMs === 'number' ? Math.round(doc.durationMs) : null,
  };
}

/** A flat summary for the step record: status, reason, versions and each step's seconds. */
export function updateSummary(o: UpdateOutcome | null): Summary {
  if (!o) return { output: 'unreadable' };
  const summary: Summary = { status: o.status, reason: o.reason, before: o.before, after: o.after, failedStep: o.failedStep, updaterMs: o.durationMs };
  for (const s of o.steps.slice(0, 20)) summary[`step:${s.name}`] = s.durationMs;
  return summary;
}

/** From `update status --json`: is a run under way, and how did the last one end. */
export function readUpdateStatus(doc: Record<string, unknown> | null): { activeRun: boolean; lastStatus: string | null; installKind: string | null; latestVersion: string | null } {
  const obj = (v: unknown) => (v && typeof v === 'object' ? (v as Record<string, unknown>) : {});
  const active = doc?.activeRun;
  return {
    activeRun: active !== undefined && active !== null && active !== false,
    lastStatus: enumOrNull(obj(doc?.lastRun).status),
    installKind: enumOrNull(obj(doc?.update).installKind),
    latestVersion: versionOrNull(obj(doc?.availability).latestVersion ?? obj(obj(doc?.update).registry).latestVersion),
  };
}
