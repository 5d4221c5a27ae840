// Deadlines for work that talks to a server: a wedged peer must end as a named failure, never as a
// promise that hangs the cycle (and freezes the last status) for ever.
import { probeFailure, type ProbeFailure } from '../ssh/ssh-errors';

export class DeadlineExceeded extends Error {
  constructor(
    readonly label: string,
    readonly ms: number,
  ) {
    super(`${label} did not finish within ${ms} ms`);
    this.name = 'DeadlineExceeded';
  }
}

/** Resolves or rejects like work, or rejects with DeadlineExceeded after ms (work is left to settle on its own). */
export function withDeadline<T>(work: Promise<T>, ms: number, label: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new DeadlineExceeded(label, ms)), ms);
    timer.unref?.();
    work.then(
      (v) => {
        clearTimeout(timer);
        resolve(v);
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(err);
      },
    );
  });
}

/** A missed deadline as a probe failure ('probe-timeout'): the server did not answer in time. */
export function probeTimeout(err: DeadlineExceeded, where: string): ProbeFailure {
  return probeFailure('probe-timeout', `${where}: ${err.message} (the SSH connection is closed and opened again).`);
}
