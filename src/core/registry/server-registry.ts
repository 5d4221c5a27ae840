// Owns each watched server's lifecycle: add, reconfigure (incl. pause/resume), reset, remove. Every
// per-server resource (SSH connection, gateway link, fact tasks, schedules, alert state, secrets,
// session-health and config-audit state) registers here once and is released by one call, so no
// handler clears anything by hand. Also holds the per-server mutex and maintenance windows.
import { randomUUID } from 'node:crypto';
import type { ServerConfig, ServerInput } from '../../shared/domain';
import type { Logger } from '../log';
import { AppError } from '../router';
import { FactTasks, DEFAULT_FACT_TASKS, type FactTaskSpec, type FactTaskName } from '../scheduler/fact-tasks';
import type { SettingsStore } from '../settings/settings-store';
import { MaintenanceWindows } from './maintenance';
import { LocalServerMutex, type ServerMutex } from './server-mutex';

/** Something kept per server. Each hook gets the server id; all are optional but release. */
export interface ServerResource {
  name: string;
  /** A server was added (or enabled). */
  added?(server: ServerConfig): void;
  /** Connections and caches made with old settings or secrets must not be reused. */
  reset?(serverId: string): void;
  /** The connection hung (a missed deadline): open it again, keep the facts. */
  reconnect?(serverId: string): void;
  /** The server stopped being probed (paused); state that only matters while watched goes. */
  paused?(serverId: string): void;
  /** The settings changed (after reset/paused ran): e.g. probe again now. */
  changed?(server: ServerConfig, previous: ServerConfig): void;
  /** The server is gone: release everything kept for it. */
  release(serverId: string): void;
}

/** State the probe keeps per server between cycles (released with the server). */
export interface ServerScope {
  facts: FactTasks;
  /** Where `openclaw` was found off the PATH on this server. */
  openclawPath: string | undefined;
}

export interface RegistryOptions {
  settings: SettingsStore;
  logger: Logger;
  factTasks?: Partial<Record<FactTaskName, Partial<FactTaskSpec>>>;
  /** Told when a maintenance window opens or closes. */
  onMaintenanceChange?: (serverId: string) => void;
  now?: () => number;
}

const endpoint = (s: Pick<ServerConfig, 'host' | 'sshPort' | 'gatewayPort'>) => `${s.host}:${s.sshPort} (gateway ${s.gatewayPort})`;

export class ServerRegistry {
  readonly mutex: ServerMutex = new LocalServerMutex();
  readonly maintenance: MaintenanceWindows;
  private readonly resources: ServerResource[] = [];
  private readonly scopes = new Map<string, ServerScope>();
  private readonly specs: Record<FactTaskName, FactTaskSpec>;

  constructor(private readonly o: RegistryOptions) {
    this.maintenance = new MaintenanceWindows((id) => o.onMaintenanceChange?.(id), o.now);
    this.specs = Object.fromEntries(
      Object.entries(DEFAULT_FACT_TASKS).map(([k, v]) => [k, { ...v, ...o.factTasks?.[k as FactTaskName] }]),
    ) as Record<FactTaskName, FactTaskSpec>;
  }

  register(resource: ServerResource): void {
    this.resources.push(resource);
  }

  list(): ServerConfig[] {
    return this.o.settings.get().servers;
  }

  get(id: string): ServerConfig | undefined {
    return this.list().find((s) => s.id === id);
  }

  /** The server, or a not-found error for the caller. */
  require(id: string): ServerConfig {
    const server = this.get(id);
    if (!server) throw new AppError('not-found', `No server with id ${id}`);
    return server;
  }

  scope(id: string): ServerScope {
    let s = this.scopes.get(id);
    if (!s) this.scopes.set(id, (s = { facts: new FactTasks(this.specs, this.o.now), openclawPath: undefined }));
    return s;
  }

  /** A planned-work window (from maintenance.begin) or the server's own maintenance flag. */
  inMaintenance(server: ServerConfig, now?: number): boolean {
    return server.maintenance === true || this.maintenance.active(server.id, now) !== null;
  }

  add(input: ServerInput): ServerConfig {
    requireKeyUnlessAgent(input);
    this.refuseClash(input, null);
    const server: ServerConfig = { ...input, enabled: input.enabled ?? true, id: randomUUID(), createdAt: (this.o.now ?? Date.now)() };
    this.o.settings.update((s) => ({ ...s, servers: [...s.servers, server] }));
    this.o.logger.info('server added', { server: server.name, host: server.host });
    this.each('added', (r) => r.added?.(server));
    return server;
  }

  reconfigure(id: string, patch: Partial<ServerInput>): ServerConfig {
    const current = this.require(id);
    const next: ServerConfig = { ...current, ...patch, id: current.id, createdAt: current.createdAt, enabled: patch.enabled ?? current.enabled };
    requireKeyUnlessAgent(next);
    this.refuseClash(next, id);
    this.o.settings.update((s) => ({ ...s, servers: s.servers.map((x) => (x.id === id ? next : x)) }));
    this.o.logger.info('server updated', { server: next.name, fields: Object.keys(patch).join(',') });
    // Connections made with the old settings are not reused.
    this.reset(id);
    if (!next.enabled) this.each('paused', (r) => r.paused?.(id));
    else if (!current.enabled) this.each('added', (r) => r.added?.(next));
    this.each('changed', (r) => r.changed?.(next, current));
    return next;
  }

  /** Drops connections and per-server caches (settings or secrets changed, a key was trusted). */
  reset(id: string): void {
    this.scopes.delete(id);
    this.each('reset', (r) => r.reset?.(id));
  }

  /** Tears down a wedged server's connections (SSH, link); its facts and state stay. */
  reconnect(id: string): void {
    this.each('reconnect', (r) => r.reconnect?.(id));
  }

  remove(id: string): ServerConfig {
    const server = this.require(id);
    this.o.settings.update((s) => ({ ...s, servers: s.servers.filter((x) => x.id !== id) }));
    this.release(id);
    this.o.logger.info('server removed', { server: server.name });
    return server;
  }

  /** Releases everything held for one server (one call; used by remove and at shutdown). */
  release(id: string): void {
    this.scopes.delete(id);
    this.maintenance.end(id);
    this.each('release', (r) => r.release(id));
  }

  private each(hook: string, fn: (r: ServerResource) => void): void {
    for (const r of this.resources) {
      try {
        fn(r);
      } catch (err) {
        // One resource failing to let go must not keep the others holding on.
        this.o.logger.error('server resource hook failed', { resource: r.name, hook, error: err instanceof Error ? err.message : String(err) });
      }
    }
  }

  private refuseClash(s: Pick<ServerConfig, 'host' | 'sshPort' | 'gatewayPort' | 'jumpHost'>, self: string | null): void {
    // The same private address behind two different jump hosts is two servers.
    const via = (x: Pick<ServerConfig, 'jumpHost'>) => (x.jumpHost ? `${x.jumpHost.host}:${x.jumpHost.port}` : '');
    const clash = this.list().find((x) => x.id !== self && x.host === s.host && x.sshPort === s.sshPort && x.gatewayPort === s.gatewayPort && via(x) === via(s));
    if (clash) throw new AppError('conflict', `"${clash.name}" already watches ${endpoint(s)}.`, { host: 'already watched' });
  }
}

function requireKeyUnlessAgent(s: Pick<ServerConfig, 'sshAuth' | 'privateKeyPath' | 'jumpHost'>): void {
  if (s.sshAuth !== 'agent' && !s.privateKeyPath) {
    throw new AppError('invalid-input', 'A private key file is needed unless the server uses the ssh-agent.', { privateKeyPath: 'required' });
  }
  if (s.jumpHost && s.jumpHost.sshAuth !== 'agent' && !s.jumpHost.privateKeyPath) {
    throw new AppError('invalid-input', 'A private key file is needed for the jump host unless it uses the ssh-agent.', { 'jumpHost.privateKeyPath': 'required' });
  }
}
