// Keeps one GatewayLink per server open across polls. Reads the token over SSH when first needed
// (and again after an auth failure, since tokens rotate). Reports an unexpected close so the
// collector can look at the server at once instead of at the next poll.
import type { ServerConfig } from '../../shared/domain';
import type { SshSession } from '../ssh/ssh-session';
import { ProbeFailure } from '../ssh/ssh-errors';
import { GatewayLink } from './gateway-link';
import { readGatewayToken } from './gateway-token';

export type LinkResult = { link: GatewayLink } | { link: null; reason: string; failure: ProbeFailure | null };

interface Entry {
  link: GatewayLink | null;
  token: string | null;
  identity: string;
}

export class GatewayLinks {
  private readonly entries = new Map<string, Entry>();
  /** Told when a server's gateway announces a config write (set once by the core). */
  configChanged: ((serverId: string) => void) | null = null;

  constructor(
    private readonly clientVersion: string,
    private readonly onUnexpectedClose: (serverId: string, reason: string) => void,
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
      entry = { link: null, token: null, identity };
      this.entries.set(server.id, entry);
    }
    if (entry.link?.isOpen()) return { link: entry.link };

    if (suppliedToken) entry.token = suppliedToken;
    if (!entry.token) {
      const lookup = await readGatewayToken(session, { profile: server.openclawProfile, stateDir: server.openclawStateDir });
      if (lookup.token === null) return { link: null, reason: `gateway token not found (${lookup.reason})`, failure: null };
      entry.token = lookup.token;
    }
    const stream = await session.forwardToLoopback(server.gatewayPort);
    const e = entry;
    try {
      const link = await GatewayLink.open({
        stream,
        token: e.token!,
        clientVersion: this.clientVersion,
        onClose: (reason) => {
          if (e.link === link && reason !== 'closed by Yardmaster') this.onUnexpectedClose(server.id, reason);
        },
        onConfigChanged: () => {
          if (e.link === link) this.configChanged?.(server.id);
        },
      });
      e.link = link;
      return { link };
    } catch (err) {
      stream.destroy();
      if (err instanceof ProbeFailure && err.probeError.kind === 'gateway-auth-failed') e.token = null;
      const failure = err instanceof ProbeFailure ? err : null;
      return { link: null, reason: failure?.message ?? String(err), failure };
    }
  }

  drop(serverId: string): void {
    const entry = this.entries.get(serverId);
    entry?.link?.close();
    this.entries.delete(serverId);
  }

  closeAll(): void {
    for (const id of [...this.entries.keys()]) this.drop(id);
  }
}
