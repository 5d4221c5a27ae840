// Conditions seen but not yet held for their pending period ("for"), kept across console restarts:
// otherwise a restart would start every pending clock again (a warning that was about to notify would
// wait another full period), or, worse, a console restarting more often than the period never notifies.
// A small JSON file beside the history database; written only when the pending set changes.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Logger } from '../log';

export interface PendingStore {
  /** key (rule|server|agent) → when the condition was first seen. */
  load(): Map<string, number>;
  save(pending: ReadonlyMap<string, number>): void;
}

export function memoryPendingStore(initial: Iterable<[string, number]> = []): PendingStore & { saved: Map<string, number> } {
  const saved = new Map(initial);
  return {
    saved,
    load: () => new Map(saved),
    save: (pending) => {
      saved.clear();
      for (const [k, v] of pending) saved.set(k, v);
    },
  };
}

export function filePendingStore(path: string, logger?: Logger): PendingStore {
  return {
    load: () => {
      let text: string;
      try {
        text = readFileSync(path, 'utf8');
      } catch {
        return new Map();
      }
      try {
        const doc = JSON.parse(text) as { pending?: unknown };
        const entries = Array.isArray(doc.pending) ? doc.pending : [];
        return new Map(entries.filter((e): e is [string, number] => Array.isArray(e) && typeof e[0] === 'string' && typeof e[1] === 'number' && Number.isFinite(e[1])));
      } catch (err) {
        // A damaged file costs only the pending clocks (they start over), never an alert.
        logger?.warn('pending alert state unreadable; pending periods start over', { path, error: String(err) });
        return new Map();
      }
    },
    save: (pending) => {
      try {
        mkdirSync(dirname(path), { recursive: true });
        const tmp = `${path}.tmp-${process.pid}`;
        writeFileSync(tmp, JSON.stringify({ version: 1, pending: [...pending] }) + '\n', { mode: 0o600 });
        renameSync(tmp, path);
      } catch (err) {
        logger?.error('pending alert state not saved', { path, error: String(err) });
      }
    },
  };
}
