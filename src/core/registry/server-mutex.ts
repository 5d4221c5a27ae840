// Per-server mutual exclusion for actions that change a server (update, restart, cleanup): two such
// actions never run at once on one server; the second is refused at once, naming what holds the lock.

/** Per-server mutual exclusion for actions that change a server (update, restart, cleanup). */
export interface ServerMutex {
  /** Runs fn holding serverId's lock; rejects at once with MutexBusyError (naming the holder's label) if held. */
  run<T>(serverId: string, label: string, fn: () => Promise<T>): Promise<T>;
  holder(serverId: string): string | null;
}

export class MutexBusyError extends Error {
  constructor(
    readonly serverId: string,
    readonly holderLabel: string,
  ) {
    super(`Another action is already changing this server: ${holderLabel}.`);
    this.name = 'MutexBusyError';
  }
}

export class LocalServerMutex implements ServerMutex {
  private readonly held = new Map<string, string>();

  async run<T>(serverId: string, label: string, fn: () => Promise<T>): Promise<T> {
    const holder = this.held.get(serverId);
    if (holder !== undefined) throw new MutexBusyError(serverId, holder);
    this.held.set(serverId, label);
    try {
      return await fn();
    } finally {
      this.held.delete(serverId);
    }
  }

  holder(serverId: string): string | null {
    return this.held.get(serverId) ?? null;
  }
}
