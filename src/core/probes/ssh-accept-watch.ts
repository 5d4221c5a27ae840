// Runs the fresh-connection check (ssh-accept-check.ts) per server every few minutes while the server
// is UP through its pooled connection, and on demand; turns a refusal into a warning naming the server
// before the open connection dies and takes the watching with it.
import type { ServerConfig, ServerSnapshot } from '../../shared/domain';
import type { Condition } from '../alerts/alert-rules';
import { checkSshAccepts, type AcceptVerdict } from './ssh-accept-check';

export const SSH_NOT_ACCEPTING = 'ssh-not-accepting';

export interface SshAcceptWatchOptions {
  /** Default 3 min. */
  intervalMs?: number;
  timeoutMs?: number;
  now?: () => number;
  check?: (host: string, port: number) => Promise<AcceptVerdict>;
  /** A server's verdict changed: re-evaluate its alerts. */
  onChange: (serverId: string) => void;
}

export class SshAcceptWatch {
  private readonly verdicts = new Map<string, AcceptVerdict>();
  private readonly inFlight = new Map<string, Promise<AcceptVerdict>>();
  private readonly lastStarted = new Map<string, number>();
  private stopped = false;

  constructor(private readonly o: SshAcceptWatchOptions) {}

  /** At shutdown: checks still under way finish unheard (their alerts' database is closing). */
  stop(): void {
    this.stopped = true;
  }

  /** After each snapshot: check again when due (only while UP; otherwise the probe itself tells). */
  observe(server: ServerConfig, snapshot: ServerSnapshot): void {
    // Behind a jump host the server's SSH port is not reachable from here: no fresh-connection check.
    if (snapshot.status !== 'UP' || !server.enabled || server.jumpHost) return;
    const now = (this.o.now ?? Date.now)();
    const last = this.lastStarted.get(server.id);
    if (this.stopped) return;
    if (last === undefined || now - last >= (this.o.intervalMs ?? 3 * 60_000)) void this.checkNow(server);
  }

  checkNow(server: ServerConfig): Promise<AcceptVerdict | null> {
    if (server.jumpHost) return Promise.resolve(null);
    const running = this.inFlight.get(server.id);
    if (running) return running;
    this.lastStarted.set(server.id, (this.o.now ?? Date.now)());
    const check = this.o.check ?? ((host, port) => checkSshAccepts(host, port, { timeoutMs: this.o.timeoutMs }));
    const p = check(server.host, server.sshPort).then((v) => {
      this.inFlight.delete(server.id);
      // Removed while checking, or the console is stopping: forget it.
      if (this.stopped || !this.lastStarted.has(server.id)) return v;
      const before = this.verdicts.get(server.id);
      this.verdicts.set(server.id, v);
      if (before?.accepting !== v.accepting || (!before.accepting && !v.accepting && before.reason !== v.reason)) this.o.onChange(server.id);
      return v;
    });
    this.inFlight.set(server.id, p);
    return p;
  }

  conditions(server: ServerConfig, snapshot: ServerSnapshot): Condition[] {
    const v = this.verdicts.get(server.id);
    if (!v || v.accepting || snapshot.status !== 'UP' || !server.enabled) return [];
    return [
      {
        rule: SSH_NOT_ACCEPTING,
        severity: 'warning',
        agentId: null,
        inhibitable: true,
        summary: `${server.name}: SSH not accepting new connections (${v.message}); watching goes on over the open connection until it drops`,
      },
    ];
  }

  /** No verdict yet (just started, just added): the rule cannot be judged. */
  unknownRules(serverId: string): string[] {
    return this.verdicts.has(serverId) ? [] : [SSH_NOT_ACCEPTING];
  }

  forget(serverId: string): void {
    this.verdicts.delete(serverId);
    this.lastStarted.delete(serverId);
    this.inFlight.delete(serverId);
  }
}
