// One persistent SSH connection per server, reused across polls (a handshake costs the server far
// more than a channel). A dead connection is reopened, with exponential backoff and jitter after
// failures, and a global cap on handshakes in flight so a restart does not stampede the fleet.
import { createHash } from 'node:crypto';
import { Limiter } from '../limiter';
import { ProbeFailure } from './ssh-errors';
import { openSshSession, type SshSession, type SshTarget } from './ssh-session';

interface Entry {
  identity: string;
  session: SshSession | null;
  connecting: Promise<SshSession> | null;
  failures: number;
  nextAttemptAt: number;
  lastFailure: ProbeFailure | null;
}

export interface SshPoolOptions {
  maxConcurrentHandshakes?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  now?: () => number;
  random?: () => number;
  open?: (target: SshTarget) => Promise<SshSession>;
}

export class SshPool {
  private readonly entries = new Map<string, Entry>();
  private readonly handshakes: Limiter;

  constructor(private readonly o: SshPoolOptions = {}) {
    this.handshakes = new Limiter(o.maxConcurrentHandshakes ?? 4);
  }

  /** The open session for this server, opening one if needed. Throws ProbeFailure. */
  async session(serverId: string, target: SshTarget): Promise<SshSession> {
    const now = this.o.now ?? Date.now;
    const identity = JSON.stringify([
      target.host,
      target.port,
      target.username,
      target.privateKeyPath,
      target.knownHostsPath,
      target.trustedHostsPath,
      target.agentSocket,
      // A server moved behind another jump host (or off it) gets a new connection.
      target.jump ? [target.jump.host, target.jump.port, target.jump.username, target.jump.privateKeyPath, target.jump.agentSocket] : null,
      // A new passphrase must be tried at once, not after the backoff of the old failure.
      target.passphrase ? createHash('sha256').update(target.passphrase).digest('base64') : '',
    ]);
    let entry = this.entries.get(serverId);
    if (entry && entry.identity !== identity) {
      // The server entry was edited: never reuse a connection made with old settings.
      this.drop(serverId);
      entry = undefined;
    }
    if (!entry) {
      entry = { identity, session: null, connecting: null, failures: 0, nextAttemptAt: 0, lastFailure: null };
      this.entries.set(serverId, entry);
    }
    if (entry.session?.isOpen()) return entry.session;
    if (entry.connecting) return entry.connecting;
    if (entry.lastFailure && now() < entry.nextAttemptAt) throw entry.lastFailure;

    const e = entry;
    e.connecting = this.handshakes
      .run(() => (this.o.open ?? openSshSession)(target))
      .then(
        (session) => {
          // Dropped (server removed or edited) while the handshake ran: this connection has no owner
          // any more, so it is closed here rather than left open for ever.
          if (this.entries.get(serverId) !== e) {
            session.close();
            throw new ProbeFailure({ kind: 'ssh-error', message: 'SSH connection dropped during its handshake (server edited or removed).' });
          }
          e.session = session;
          e.failures = 0;
          e.lastFailure = null;
          return session;
        },
        (err: unknown) => {
          if (this.entries.get(serverId) !== e) throw err;
          const failure = err instanceof ProbeFailure ? err : new ProbeFailure({ kind: 'ssh-error', message: String(err) });
          e.failures += 1;
          e.lastFailure = failure;
          const base = this.o.backoffBaseMs ?? 1_000;
          const cap = this.o.backoffMaxMs ?? 30_000;
          const delay = Math.min(cap, base * 2 ** (e.failures - 1)) * (0.5 + (this.o.random ?? Math.random)());
          e.nextAttemptAt = now() + delay;
          throw failure;
        },
      )
      .finally(() => {
        e.connecting = null;
      });
    return e.connecting;
  }

  /**
   * A probe missed its deadline: close the open connection (it may be wedged), but keep a handshake
   * still waiting for its turn or under way, which is not wedged; throwing it away would send that
   * server to the back of the queue each cycle, and at fleet start-up no server would ever connect.
   */
  reopen(serverId: string): void {
    if (this.entries.get(serverId)?.connecting) return;
    this.drop(serverId);
  }

  /** Closes and forgets one server's connection (removed or edited). */
  drop(serverId: string): void {
    this.entries.get(serverId)?.session?.close();
    this.entries.delete(serverId);
  }

  closeAll(): void {
    for (const id of [...this.entries.keys()]) this.drop(id);
  }
}
