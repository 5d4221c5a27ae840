// Hygiene's way to a server: the runner over the pooled SSH connection the probes use, and the store
// figures before and after a run from the existing read-only reads (store-meta: rows and zero-token
// rows; store sizes: DB + WAL bytes) plus the worst fill the console last saw.
import type { ServerConfig } from '../../shared/domain';
import type { HygieneAgentFigures } from '../../shared/hygiene';
import type { AgentLatest } from '../history/health-history';
import { readStoreMeta, type StoreMetaResult } from '../probes/session-store-meta';
import { readStoreSizes } from '../probes/store-sizes';
import type { SshPool } from '../ssh/ssh-pool';
import { serverSshTarget } from '../ssh/server-ssh-target';
import type { SshSession } from '../ssh/ssh-session';
import type { RunRemote } from './actions';
import { runnerArgv } from './remote-runner';

export interface HygieneRemoteDeps {
  pool: SshPool;
  knownHostsPath: () => string;
  trustedHostsPath: string;
  passphrase: (serverId: string) => string | undefined;
  agentSocket: string;
  openclawPaths: Pick<Map<string, string>, 'get'>;
  /** The console's latest per-agent figures (worst fill). */
  agents: (serverId: string) => AgentLatest[];
  /** A fresh store read, handed on so session health charts it at once. */
  onStoreMeta: (serverId: string, result: StoreMetaResult) => void;
}

export class HygieneRemote {
  constructor(private readonly d: HygieneRemoteDeps) {}

  private session(server: ServerConfig): Promise<SshSession> {
    return this.d.pool.session(
      server.id,
      serverSshTarget(server, { knownHostsPath: this.d.knownHostsPath(), trustedHostsPath: this.d.trustedHostsPath, passphrase: this.d.passphrase(server.id), agentSocket: this.d.agentSocket }),
    );
  }

  private loc(server: ServerConfig) {
    return { profile: server.openclawProfile, stateDir: server.openclawStateDir };
  }

  private openclawPath(server: ServerConfig): string | null {
    return server.openclawPath ?? this.d.openclawPaths.get(server.id) ?? null;
  }

  remoteFor(server: ServerConfig): RunRemote {
    return async (filter, args, timeoutMs) => {
      const session = await this.session(server);
      // The remote timeout is the runner's plus a margin, so the runner reports a timeout itself.
      const r = await session.exec(runnerArgv(this.loc(server), this.openclawPath(server), filter, args, timeoutMs), { timeoutMs: timeoutMs + 15_000, maxOutputBytes: 1024 * 1024 });
      if (r.timedOut) throw new Error('hygiene runner: timed out');
      if (r.truncated) throw new Error('hygiene runner: output too large');
      if (r.code === 3) throw new Error('hygiene runner: no node on the server');
      if (r.code === 4) throw new Error('hygiene runner: no openclaw on the server');
      if (r.code !== 0) throw new Error(`hygiene runner: exit ${r.code}`);
      return r.stdout;
    };
  }

  async readFigures(server: ServerConfig): Promise<HygieneAgentFigures[]> {
    const session = await this.session(server);
    const meta = await readStoreMeta(session, this.loc(server), this.openclawPath(server));
    this.d.onStoreMeta(server.id, meta);
    const sizes = (await readStoreSizes(session, this.loc(server))) ?? [];
    const latest = this.d.agents(server.id);
    const ids = new Set([...meta.agents.map((a) => a.agentId), ...sizes.map((s) => s.agentId)]);
    return [...ids].sort().map((agentId) => {
      const m = meta.agents.find((a) => a.agentId === agentId);
      const s = sizes.find((x) => x.agentId === agentId);
      return {
        agentId,
        rows: m?.rows ?? null,
        zeroTokenRows: m?.zeroTokenRows ?? null,
        storeBytes: s ? s.dbBytes + s.walBytes + s.legacyStoreBytes + s.transcriptBytes : null,
        maxFill: latest.find((a) => a.agentId === agentId)?.maxFill ?? null,
      };
    });
  }
}
