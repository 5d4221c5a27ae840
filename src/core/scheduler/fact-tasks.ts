// One server's fact tasks: what is read from it besides liveness, each on its own cadence, with a
// deadline per run and a backoff after failures. The last good value stays with the time it was read,
// so a failing read shows old facts with their age instead of none, and never touches liveness
// (liveness comes from SSH + /healthz + the gateway link, checked every poll by the collector).
import { withDeadline } from './deadline';

/** rpc: status / sessions.list / cron.list over the link; cli-details: the same over the CLI; tier3: store sizes + CLI version. */
export type FactTaskName = 'rpc' | 'cli-details' | 'tier3';

export interface FactTaskSpec {
  /** Read again this long after a good read. */
  cadenceMs: number;
  /** One run may take this long; then it counts as failed. */
  deadlineMs: number;
  /** First retry this long after a failure, doubling up to the cadence. */
  backoffBaseMs: number;
}

export const DEFAULT_FACT_TASKS: Record<FactTaskName, FactTaskSpec> = {
  rpc: { cadenceMs: 60_000, deadlineMs: 20_000, backoffBaseMs: 15_000 },
  'cli-details': { cadenceMs: 60_000, deadlineMs: 70_000, backoffBaseMs: 30_000 },
  tier3: { cadenceMs: 15 * 60_000, deadlineMs: 45_000, backoffBaseMs: 60_000 },
};

export interface FactState<T> {
  /** The last good value, however old. */
  value: T | null;
  /** When the last good value was read. */
  at: number | null;
  /** Why the last attempt failed; null when it succeeded. */
  error: string | null;
  failures: number;
  nextDueAt: number;
}

interface Entry {
  state: FactState<unknown>;
  /** What the value was read through (e.g. the gateway link); a new one makes the task due. */
  key: unknown;
  running: Promise<FactState<unknown>> | null;
}

export interface RunOptions {
  /** The operator asked for fresh facts. */
  fresh?: boolean;
  key?: unknown;
}

export class FactTasks {
  private readonly entries = new Map<FactTaskName, Entry>();

  constructor(
    private readonly specs: Record<FactTaskName, FactTaskSpec> = DEFAULT_FACT_TASKS,
    private readonly now: () => number = Date.now,
  ) {}

  state<T>(name: FactTaskName): FactState<T> {
    return this.entry(name).state as FactState<T>;
  }

  due(name: FactTaskName, o: RunOptions = {}): boolean {
    const e = this.entry(name);
    return !!o.fresh || (o.key !== undefined && o.key !== e.key) || this.now() >= e.state.nextDueAt;
  }

  /** Runs work when the task is due (one run at a time), else answers with what is known. Never throws. */
  async run<T>(name: FactTaskName, work: () => Promise<T>, o: RunOptions = {}): Promise<FactState<T>> {
    const e = this.entry(name);
    if (e.running) return (await e.running) as FactState<T>;
    if (!this.due(name, o)) return e.state as FactState<T>;
    const spec = this.specs[name];
    const started = this.now();
    e.key = o.key;
    const running = withDeadline(work(), spec.deadlineMs, name).then(
      (value) => {
        e.state = { value, at: this.now(), error: null, failures: 0, nextDueAt: started + spec.cadenceMs };
        return e.state;
      },
      (err: unknown) => {
        const failures = e.state.failures + 1;
        const backoff = Math.min(spec.cadenceMs, spec.backoffBaseMs * 2 ** (failures - 1));
        e.state = { ...e.state, error: err instanceof Error ? err.message : String(err), failures, nextDueAt: this.now() + backoff };
        return e.state;
      },
    );
    e.running = running.finally(() => {
      e.running = null;
    });
    return (await e.running) as FactState<T>;
  }

  /** Forgets everything (the server was edited: old facts may be of another host). */
  clear(): void {
    this.entries.clear();
  }

  private entry(name: FactTaskName): Entry {
    let e = this.entries.get(name);
    if (!e) this.entries.set(name, (e = { state: { value: null, at: null, error: null, failures: 0, nextDueAt: 0 }, key: undefined, running: null }));
    return e;
  }
}
