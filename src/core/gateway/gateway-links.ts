// Keeps one GatewayLink per server open across polls. Reads the token over SSH when first needed
// (and again after an auth failure, since tokens rotate). Reports an unexpected close so the
// collector can look at the server at once instead of at the next poll.
import type { ServerConfig } from '../../shared/domain';
import type { SshSession } from '../ssh/ssh-session';
import { ProbeFailure } from '../ssh/ssh-errors';
import { GatewayLink, type LinkLoss } from './gateway-link';
import { OutcomeRing, undeliveredReason, type HeartbeatOutcome } from './heartbeat-outcomes';
import { readGatewayToken } from './gateway-token';
import type { GatewayCredential } from '../../shared/domain';

export type LinkResult = { link: GatewayLink } | { link: null; reason: string; failure: ProbeFailure | null };

interface Entry {
  link: GatewayLink | null;
  token: string | null;
  /** Where the token came from (shown in the UI: which credential this server's link uses). */
  source: GatewayCredential | null;
  identity: string;
}

export class GatewayLinks {
  private readonly entries = new Map<string, Entry>();
  /** Told when a server's gateway announces a config write (set once by the core). */
  configChanged: ((serverId: string) => void) | null = null;
  /** Told when a heartbeat's output was not delivered (set once by the core: refresh the facts soon). */
  heartbeatUndelivered: ((serverId: string) => void) | null = null;
  private readonly outcomes = new Map<string, OutcomeRing>();

  constructor(
    private readonly clientVersion: string,
    private readonly onUnexpectedClose: (serverId: string, reason: string, loss: LinkLoss) => void,
    /** Keep-alive ping interval of every link (gateway-link.ts). */
    private readonly pingIntervalMs?: number,
  ) {}

  /** suppliedToken: the operator typed the gateway token (the SSH user cannot read the config); never read it then. */
  async ensure(server: ServerConfig, session: SshSession, suppliedToken?: string): Promise<LinkResult> {
    const identity = `${server.host}:${server.sshPort}:${server.gatewayPort}:${server.openclawProfile ?? ''}:${server.openclawStateDir ?? ''}`;
    let entry = this.entries.get(server.id);
    if (entry && entry.identity !== identity) {
      this.drop(server.id);
      entry = undefined;
    }
    if (!entry) {
      entry = { link: null, token: null, source: null, identity };
      this.entries.set(server.id, entry);
    }
    if (entry.link?.isOpen()) return { link: entry.link };

    if (suppliedToken) {
      entry.token = suppliedToken;
      entry.source = 'typed-token';
    }
    const e = entry;
    // drop() may run while any await below is pending (server edited or removed): whatever this call
    // opened afterwards has no owner and is closed here, never left open with its watchdog running.
    const dropped = () => this.entries.get(server.id) !== e;
    const droppedResult: LinkResult = { link: null, reason: 'gateway link dropped while it was opening (server edited or removed)', failure: null };
    if (!e.token) {
      const lookup = await readGatewayToken(session, { profile: server.openclawProfile, stateDir: server.openclawStateDir });
      if (dropped()) return droppedResult;
      if (lookup.token === null) return { link: null, reason: `gateway token not found (${lookup.reason})`, failure: null };
      e.token = lookup.token;
      e.source = lookup.source === 'config' ? 'config-token' : 'environment-token';
    }
    const stream = await session.forwardToLoopback(server.gatewayPort);
    if (dropped()) {
      stream.destroy();
      return droppedResult;
    }
    try {
      const link = await GatewayLink.open({
        stream,
        token: e.token!,
        clientVersion: this.clientVersion,
        pingIntervalMs: this.pingIntervalMs,
        onClose: (reason, loss) => {
          if (e.link === link && reason !== 'closed by Yardmaster') this.onUnexpectedClose(server.id, reason, loss);
        },
        onConfigChanged: () => {
          if (e.link === link) this.configChanged?.(server.id);
        },
        onHeartbeat: (outcome) => {
          if (e.link !== link) return;
          this.recordOutcome(server.id, outcome);
          if (undeliveredReason(outcome)) this.heartbeatUndelivered?.(server.id);
        },
      });
      if (dropped()) {
        link.close();
        return droppedResult;
      }
      // A link that replaces a lost one may have missed config.changed events while it was down.
      const reopened = e.link !== null;
      e.link = link;
      if (reopened) this.configChanged?.(server.id);
      return { link };
    } catch (err) {
      stream.destroy();
      if (err instanceof ProbeFailure && err.probeError.kind === 'gateway-auth-failed') e.token = null;
      const failure = err instanceof ProbeFailure ? err : null;
      return { link: null, reason: failure?.message ?? String(err), failure };
    }
  }

  /** Heartbeat outcomes seen for this server (events, and `last-heartbeat` reads), oldest first. */
  recentOutcomes(serverId: string): readonly HeartbeatOutcome[] {
    return this.outcomes.get(serverId)?.list() ?? [];
  }

  recordOutcome(serverId: string, outcome: HeartbeatOutcome): void {
    let ring = this.outcomes.get(serverId);
    if (!ring) this.outcomes.set(serverId, (ring = new OutcomeRing()));
    ring.add(outcome);
  }

  /** Which credential the server's link uses, once it has one. */
  credential(serverId: string): GatewayCredential | null {
    return this.entries.get(serverId)?.source ?? null;
  }

  drop(serverId: string): void {
    const entry = this.entries.get(serverId);
    entry?.link?.close();
    this.entries.delete(serverId);
    this.outcomes.delete(serverId);
  }

  closeAll(): void {
    for (const id of [...this.entries.keys()]) this.drop(id);
  }
}
