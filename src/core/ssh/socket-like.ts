// An SSH channel used where Node expects a net.Socket (node:http, ws). Those libraries call socket
// tuning methods that a channel does not have; on a channel they have no meaning, so they are no-ops.
import type { Duplex } from 'node:stream';

export function asSocketLike<T extends Duplex>(stream: T): T {
  const s = stream as T & { setTimeout?: unknown; setNoDelay?: unknown; setKeepAlive?: unknown; ref?: unknown; unref?: unknown };
  s.setTimeout ??= () => s;
  s.setNoDelay ??= () => s;
  s.setKeepAlive ??= () => s;
  s.ref ??= () => s;
  s.unref ??= () => s;
  return stream;
}
