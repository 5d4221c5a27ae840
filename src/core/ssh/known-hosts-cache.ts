// known_hosts files parsed once per change, shared by every SSH connection that reads them. Each
// connection used to parse its own copy and keep it for its lifetime (in its host-key verifier):
// with one line per server that is N connections × N entries, the largest part of the console's
// memory at 1,000 servers (bench:scale --heap-snapshot). The cache is keyed by the file's identity,
// size and modification time, so an edit (or a key trusted in the console) is seen on the next connect.
import { readFile, stat } from 'node:fs/promises';
import { parseKnownHosts, type KnownHostEntry } from './known-hosts';

interface Cached {
  ino: number;
  size: number;
  mtimeMs: number;
  entries: readonly KnownHostEntry[];
}

const cache = new Map<string, Cached>();
const NONE: readonly KnownHostEntry[] = Object.freeze([]);

/** The file's entries (shared: never modify them); a missing file is an empty list. Other errors are thrown as they come. */
export async function knownHostsEntries(path: string): Promise<readonly KnownHostEntry[]> {
  let info;
  try {
    info = await stat(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
      cache.delete(path);
      return NONE;
    }
    throw err;
  }
  const hit = cache.get(path);
  if (hit && hit.ino === info.ino && hit.size === info.size && hit.mtimeMs === info.mtimeMs) return hit.entries;
  const text = await readFile(path, 'utf8');
  const entries = Object.freeze(parseKnownHosts(text));
  cache.set(path, { ino: info.ino, size: info.size, mtimeMs: info.mtimeMs, entries });
  return entries;
}
