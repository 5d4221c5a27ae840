// Keeps each server's latest config projection and memory index health, the per-role baselines
// (in settings), and answers "what drifted". Reads are started by the probe cycle (it has the SSH
// session and the gateway link) but run in the background at their own pace, so a slow CLI read never
// lengthens a probe: config.get every few minutes, the CLI and `memory status` rarely (tier 3).
import type { ConfigBaseline, ConfigProjection, ConfigRead, ConfigValue, MemoryIndexAgent, ServerConfigAudit } from '../../shared/config-audit';
import { DEFAULT_ROLE } from '../../shared/config-audit';
import { parseValueText } from '../../shared/config-keys';
import type { ServerConfig } from '../../shared/domain';
import type { GatewayLink } from '../gateway/gateway-link';
import type { Logger } from '../log';
import type { SettingsStore } from '../settings/settings-store';
import type { SshSession } from '../ssh/ssh-session';
import { ConfigReadError, readConfigOverCli, readConfigOverLink, readMemoryStatus } from './config-reader';
import { baselineValues, driftRows } from './drift';

/** What the probe hands over after its own work; the read itself is not awaited by the probe. */
export interface ConfigAuditInput {
  server: ServerConfig;
  session: SshSession;
  /** The open gateway link, or null when only the CLI can be used (with why). */
  link: GatewayLink | null;
  linkNote?: string | null;
  /** The openclaw binary as the probe found it. */
  bin: string;
  /** The operator asked for a check now: read regardless of the intervals. */
  fresh: boolean;
}

export interface ConfigAuditOptions {
  settings: SettingsStore;
  logger: Logger;
  /** A server's projection or memory health changed (re-evaluate alerts, tell the windows). */
  onChange: (serverId: string) => void;
  /** A new read differs from the last good one (not the first read): the incident journal records which keys. */
  onProjectionChanged?: (serverId: string, before: ConfigProjection, after: ConfigProjection) => void;
  now?: () => number;
  /** config.get over the WebSocket at most this often (default 5 min). */
  rpcIntervalMs?: number;
  /** CLI config reads and `memory status` at most this often (default 15 min, like tier 3). */
  slowIntervalMs?: number;
}

interface ServerState {
  read: ConfigRead;
  projection: ConfigProjection | null;
  memory: { at: number; agents: MemoryIndexAgent[]; error: string | null } | null;
  /** When the config was last attempted, and how (a CLI attempt does not stop a WebSocket one). */
  configTriedAt: number;
  configTriedVia: 'websocket' | 'cli' | null;
  memoryTriedAt: number;
  running: Promise<void> | null;
}

export class ConfigAuditService {
  private readonly state = new Map<string, ServerState>();

  constructor(private readonly o: ConfigAuditOptions) {}

  private now(): number {
    return (this.o.now ?? Date.now)();
  }

  private entry(serverId: string): ServerState {
    let s = this.state.get(serverId);
    if (!s) {
      s = { read: { state: 'not-read-yet', via: null, at: null, reason: null }, projection: null, memory: null, configTriedAt: -Infinity, configTriedVia: null, memoryTriedAt: -Infinity, running: null };
      this.state.set(serverId, s);
    }
    return s;
  }

  /** From the probe: starts due reads in the background, one run at a time per server. Never throws. */
  schedule(input: ConfigAuditInput): void {
    const s = this.entry(input.server.id);
    // A routine poll while a read runs adds nothing; a "check now" queues behind it so it really re-reads.
    if (s.running && !input.fresh) return;
    const run = (s.running ?? Promise.resolve()).then(() => this.refresh(input, s)).catch((err: unknown) => {
      this.o.logger.error('config audit read failed unexpectedly', { serverId: input.server.id, error: String(err) });
    });
    const tracked: Promise<void> = run.finally(() => {
      if (s.running === tracked) s.running = null;
    });
    s.running = tracked;
  }

  /** Resolves when the reads under way for these servers (if any) are done. */
  async settled(serverIds: string[]): Promise<void> {
    await Promise.all(serverIds.map((id) => this.state.get(id)?.running ?? Promise.resolve()));
  }

  private async refresh(input: ConfigAuditInput, s: ServerState): Promise<void> {
    const now = this.now();
    const via = input.link ? 'websocket' : 'cli';
    const interval = via === 'websocket' ? (this.o.rpcIntervalMs ?? 5 * 60_000) : (this.o.slowIntervalMs ?? 15 * 60_000);
    const target = { bin: input.bin, location: { profile: input.server.openclawProfile, stateDir: input.server.openclawStateDir } };
    let changed = false;
    // A link that just came up is used at once even if the CLI was tried recently.
    if (input.fresh || now - s.configTriedAt >= interval || (via === 'websocket' && s.configTriedVia !== 'websocket')) {
      s.configTriedAt = now;
      s.configTriedVia = via;
      try {
        const projection = input.link ? await readConfigOverLink(input.link) : await readConfigOverCli(input.session, target);
        const before = s.projection;
        changed = JSON.stringify(projection) !== JSON.stringify(before) || s.read.state !== 'ok' || s.read.via !== via;
        if (before && JSON.stringify(projection.values) !== JSON.stringify(before.values)) this.o.onProjectionChanged?.(input.server.id, before, projection);
        s.projection = projection;
        s.read = { state: 'ok', via, at: this.now(), reason: null };
      } catch (err) {
        const reason = err instanceof ConfigReadError ? err.message : `reading the config failed: ${String(err).slice(0, 200)}`;
        const why = input.link ? reason : `${reason}${input.linkNote ? ` (WebSocket not used: ${input.linkNote})` : ''}`;
        changed = s.read.state !== 'unavailable' || s.read.reason !== why;
        // The last good projection stays (and so do its drift rows); the read state says it is old.
        s.read = { state: 'unavailable', via, at: this.now(), reason: why };
      }
    }
    if (input.fresh || now - s.memoryTriedAt >= (this.o.slowIntervalMs ?? 15 * 60_000)) {
      s.memoryTriedAt = now;
      try {
        const agents = await readMemoryStatus(input.session, target);
        changed ||= JSON.stringify(agents) !== JSON.stringify(s.memory?.agents) || s.memory?.error !== null;
        s.memory = { at: this.now(), agents, error: null };
      } catch (err) {
        const reason = err instanceof ConfigReadError ? err.message : String(err).slice(0, 200);
        changed ||= s.memory?.error !== reason;
        s.memory = { at: this.now(), agents: s.memory?.agents ?? [], error: reason };
      }
    }
    if (changed && this.state.get(input.server.id) === s) this.o.onChange(input.server.id);
  }

  /** The gateway said its config was written: read it again at the next probe, whatever the interval. */
  markDue(serverId: string): void {
    const s = this.state.get(serverId);
    if (s) s.configTriedAt = -Infinity;
  }

  forget(serverId: string): void {
    this.state.delete(serverId);
  }

  /**
   * One server's audit: read state, projection, memory index health and drift rows against its role's
   * baseline. The alert rules use it, and so can an incident report (to list the drift at the time).
   */
  audit(server: ServerConfig): ServerConfigAudit {
    const s = this.entry(server.id);
    const role = server.role ?? DEFAULT_ROLE;
    const baseline = this.o.settings.get().configBaselines[role];
    return {
      serverId: server.id,
      serverName: server.name,
      role,
      read: s.read,
      projection: s.projection,
      memory: s.memory,
      rows: baseline && s.projection ? driftRows(baseline.values, s.projection) : [],
      hasBaseline: Boolean(baseline),
    };
  }

  baselines(): ConfigBaseline[] {
    return Object.values(this.o.settings.get().configBaselines).sort((a, b) => (a.role < b.role ? -1 : 1));
  }

  /** The role's baseline becomes this server's current projection. */
  setBaselineFromServer(role: string, server: ServerConfig): ConfigBaseline | { error: string } {
    const projection = this.state.get(server.id)?.projection;
    if (!projection) return { error: `Nothing read from ${server.name} yet; check the server, then try again.` };
    return this.save({ role, values: baselineValues(projection), sourceServerId: server.id, sourceServerName: server.name, updatedAt: this.now() });
  }

  /**
   * Edits values of a role's baseline (typed text or canonical values; null = unset) and removes the
   * keys in `remove`. Unknown keys and values of the wrong type are refused, per field.
   */
  updateBaseline(role: string, changes: Record<string, unknown>, remove: string[]): ConfigBaseline | { fields: Record<string, string> } {
    const current = this.o.settings.get().configBaselines[role];
    const values: Record<string, ConfigValue> = { ...(current?.values ?? {}) };
    const fields: Record<string, string> = {};
    for (const [key, input] of Object.entries(changes)) {
      const parsed = parseValueText(key, input);
      if (parsed.ok) values[key] = parsed.value;
      else fields[key] = parsed.error;
    }
    for (const key of remove) delete values[key];
    if (Object.keys(fields).length) return { fields };
    return this.save({ role, values, sourceServerId: current?.sourceServerId ?? null, sourceServerName: current?.sourceServerName ?? null, updatedAt: this.now() });
  }

  removeBaseline(role: string): boolean {
    if (!this.o.settings.get().configBaselines[role]) return false;
    this.o.settings.update((s) => {
      const next = { ...s.configBaselines };
      delete next[role];
      return { ...s, configBaselines: next };
    });
    this.roleChanged(role);
    return true;
  }

  private save(baseline: ConfigBaseline): ConfigBaseline {
    this.o.settings.update((s) => ({ ...s, configBaselines: { ...s.configBaselines, [baseline.role]: baseline } }));
    this.roleChanged(baseline.role);
    return baseline;
  }

  /** Every server of the role has new drift rows (and maybe alerts). */
  private roleChanged(role: string): void {
    for (const server of this.o.settings.get().servers) if ((server.role ?? DEFAULT_ROLE) === role) this.o.onChange(server.id);
  }
}
