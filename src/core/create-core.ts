// Builds the whole console core from its parts. Both hosts (Electron main, headless server) call
// this and only add a transport; nothing here knows which host it runs in.
import { randomUUID } from 'node:crypto';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { ServerConfig, ServerSnapshot, ServerView } from '../shared/domain';
import { Collector } from './collector';
import { EventHub } from './events';
import { openHistoryStore, type HistoryStore } from './history/history-store';
import type { Logger } from './log';
import { GatewayLinks } from './gateway/gateway-links';
import { probeServer, type ProbeContext, type ProbeOutcome } from './probes/server-probe';
import { SshPool } from './ssh/ssh-pool';
import { appendTrustedHostKey } from './ssh/known-hosts-file';
import { readSshConfigHosts } from './inventory/ssh-config-import';
import { MemorySecretStore, type SecretVault } from './secrets';
import { AlertEngine } from './alerts/alert-engine';
import { evaluateConditions } from './alerts/alert-rules';
import { sqliteAlertStore } from './alerts/alert-store';
import { SilenceStore } from './alerts/silences';
import { Escalator } from './alerts/escalation';
import { WebhookService } from './webhooks/webhook-service';
import { AppError, createRouter, type Router } from './router';
import { SettingsStore, type SettingsBackend } from './settings/settings-store';
import { HealthHistory } from './history/health-history';
import { SessionHealth } from './sessions/session-health';
import { sessionHandlers } from './sessions/session-handlers';
import { storeMetaReader } from './sessions/store-meta-reader';

export interface CoreOptions {
  host: 'electron' | 'headless';
  appVersion: string;
  dataDir: string;
  settingsBackend: SettingsBackend;
  logger: Logger;
  /** Defaults to <dataDir>/history.sqlite; ':memory:' in unit tests. */
  historyPath?: string;
  /** Command-line overrides; they win over settings and are not saved. */
  knownHostsPath?: string;
  pollIntervalMs?: number;
  /** Webhook retry timing (tests shorten it). */
  webhookSendOptions?: import('./webhooks/webhook-sender').SendOptions;
  /** How long a cleared condition must stay clear before its alert resolves (default 30 s). */
  alertHoldDownMs?: number;
  /** Where typed secrets survive restarts, encrypted by the OS (Electron); memory only without. */
  secretVault?: SecretVault;
  /** ssh-agent socket for servers with agent auth (default $SSH_AUTH_SOCK). */
  agentSocket?: string;
  /** OpenSSH client config offered for import (default ~/.ssh/config). */
  sshConfigPath?: string;
  /** How often the gateway RPC facts are refreshed (default 60 s); liveness is checked every poll. */
  rpcIntervalMs?: number;
  /** Replaced in unit tests; the real SSH probe otherwise. */
  probe?: (server: ServerConfig, ctx: ProbeContext) => Promise<ProbeOutcome>;
}

export interface Core {
  router: Router;
  events: EventHub;
  start(): void;
  stop(): Promise<void>;
}

export function createCore(o: CoreOptions): Core {
  const settings = new SettingsStore(o.settingsBackend, o.logger);
  const history: HistoryStore = openHistoryStore(o.historyPath ?? join(o.dataDir, 'history.sqlite'));
  const events = new EventHub();
  const knownHostsPath = () => o.knownHostsPath ?? settings.get().knownHostsPath ?? join(homedir(), '.ssh', 'known_hosts');
  const pollIntervalMs = () => o.pollIntervalMs ?? settings.get().pollIntervalMs;

  const pool = new SshPool();
  const trustedHostsPath = join(o.dataDir, 'known_hosts');
  const rpcCache: NonNullable<ProbeContext['rpcCache']> = new Map();
  const openclawPaths = new Map<string, string>();
  const tier3Cache: NonNullable<ProbeContext['tier3Cache']> = new Map();
  // Secrets the operator typed (key passphrases, webhook URLs): memory only, never written anywhere.
  const secrets = new MemorySecretStore(o.secretVault);
  // A gateway WebSocket that drops (crash, restart, missed ticks) gets the server looked at now,
  // not at the next poll.
  const links = new GatewayLinks(o.appVersion, (serverId, reason) => {
    o.logger.warn('gateway link lost', { serverId, reason });
    collector.probeNow(serverId).catch(() => {});
  });
  const collector: Collector = new Collector({
    history,
    events,
    logger: o.logger,
    servers: () => settings.get().servers,
    pollIntervalMs,
    probeContext: () => ({ knownHostsPath: knownHostsPath(),
      trustedHostsPath,
      passphrase: (id: string) => secrets.get(`passphrase:${id}`),
      agentSocket: o.agentSocket ?? process.env.SSH_AUTH_SOCK ?? '',
      pool,
      links,
      rpcCache,
      openclawPaths,
      tier3Cache,
      rpcIntervalMs: o.rpcIntervalMs ?? 60_000 }),
    probe: o.probe ?? probeServer,
  });

  const alertStore = sqliteAlertStore(history.db);
  const silences = new SilenceStore(history.db);
  const author = o.host === 'electron' ? 'desktop' : 'console';
  const webhooks = new WebhookService(settings, secrets, o.logger, () => events.emit('webhooks.changed', {}), o.webhookSendOptions);
  const escalator = new Escalator();
  // Who must be told now: on every alert change and every 15 s (waits and repeats come due with time).
  const escalate = () => {
    for (const notice of escalator.due(alerts.list(), Date.now())) {
      events.emit('alert.notify', notice);
      if (notice.targets.includes('webhooks')) webhooks.notify(notice.alert, notice.reason);
    }
  };
  const alerts: AlertEngine = new AlertEngine({
    store: alertStore,
    silences: () => silences.active(Date.now()),
    holdDownMs: o.alertHoldDownMs,
    onChange: (alert) => {
      if (alert.resolvedAt === null && alert.ackedAt === null) o.logger.warn('alert', { rule: alert.rule, severity: alert.severity, summary: alert.summary });
      else if (alert.resolvedAt !== null) o.logger.info('alert resolved', { rule: alert.rule, summary: alert.summary, durationMs: alert.resolvedAt - alert.startedAt });
      events.emit('alert.changed', alert);
      if (alert.resolvedAt !== null) webhooks.resolved(alert);
      queueMicrotask(escalate);
    },
  });
  let escalationTimer: NodeJS.Timeout | null = null;
  // Session health (issue 6): records fresh session facts before the alert rules below read them.
  const healthHistory = new HealthHistory(history.db);
  const sessionHealth = new SessionHealth({
    history: healthHistory,
    logger: o.logger,
    readMeta: storeMetaReader({
      pool,
      knownHostsPath,
      trustedHostsPath,
      passphrase: (id) => secrets.get(`passphrase:${id}`),
      agentSocket: o.agentSocket ?? process.env.SSH_AUTH_SOCK ?? '',
      openclawPaths,
    }),
  });
  events.on((topic, data) => {
    if (topic !== 'server.snapshot') return;
    const snapshot = data as ServerSnapshot;
    const server = settings.get().servers.find((s) => s.id === snapshot.serverId);
    try {
      if (server) sessionHealth.observe(server, snapshot);
    } catch (err) {
      o.logger.error('session health write failed', { serverId: snapshot.serverId, error: String(err) });
    }
  });
  events.on((topic, data) => {
    if (topic !== 'server.snapshot') return;
    const snapshot = data as ServerSnapshot;
    const server = settings.get().servers.find((s) => s.id === snapshot.serverId);
    if (server) alerts.update(server.id, [...evaluateConditions(server, snapshot, Date.now()), ...sessionHealth.conditions(server, snapshot, Date.now())]);
  });

  const findServer = (id: string): ServerConfig => {
    const server = settings.get().servers.find((s) => s.id === id);
    if (!server) throw new AppError('not-found', `No server with id ${id}`);
    return server;
  };
  const requireKeyUnlessAgent = (s: { sshAuth?: 'key' | 'agent'; privateKeyPath: string }) => {
    if (s.sshAuth !== 'agent' && !s.privateKeyPath) {
      throw new AppError('invalid-input', 'A private key file is needed unless the server uses the ssh-agent.', { privateKeyPath: 'required' });
    }
  };
  const view = (config: ServerConfig): ServerView => ({ config, snapshot: collector.snapshot(config.id) });

  const router = createRouter(
    {
      'app.info': () => ({
        version: o.appVersion,
        host: o.host,
        dataDir: o.dataDir,
        knownHostsPath: knownHostsPath(),
        pollIntervalMs: pollIntervalMs(),
      }),
      'servers.list': () => settings.get().servers.map(view),
      'servers.add': (input) => {
        requireKeyUnlessAgent(input);
        const clash = settings
          .get()
          .servers.find((s) => s.host === input.host && s.sshPort === input.sshPort && s.gatewayPort === input.gatewayPort);
        if (clash) {
          throw new AppError('conflict', `"${clash.name}" already watches ${input.host}:${input.sshPort} (gateway ${input.gatewayPort}).`, {
            host: 'already watched',
          });
        }
        const server: ServerConfig = { ...input, enabled: input.enabled ?? true, id: randomUUID(), createdAt: Date.now() };
        settings.update((s) => ({ ...s, servers: [...s.servers, server] }));
        o.logger.info('server added', { server: server.name, host: server.host });
        events.emit('servers.changed', { ids: [server.id] });
        collector.sync();
        return server;
      },
      'servers.update': ({ id, patch }) => {
        const current = findServer(id);
        const next: ServerConfig = { ...current, ...patch, id: current.id, createdAt: current.createdAt, enabled: patch.enabled ?? current.enabled };
        requireKeyUnlessAgent(next);
        if (patch.privateKeyPath !== undefined && patch.privateKeyPath !== current.privateKeyPath) secrets.delete(`passphrase:${id}`);
        const clash = settings
          .get()
          .servers.find((s) => s.id !== id && s.host === next.host && s.sshPort === next.sshPort && s.gatewayPort === next.gatewayPort);
        if (clash) throw new AppError('conflict', `"${clash.name}" already watches ${next.host}:${next.sshPort} (gateway ${next.gatewayPort}).`, { host: 'already watched' });
        settings.update((s) => ({ ...s, servers: s.servers.map((x) => (x.id === id ? next : x)) }));
        o.logger.info('server updated', { server: next.name, fields: Object.keys(patch).join(',') });
        // Connections made with the old settings are not reused (the pool and links also check).
        links.drop(id);
        rpcCache.delete(id);
        openclawPaths.delete(id);
        tier3Cache.delete(id);
        events.emit('servers.changed', { ids: [id] });
        collector.sync();
        if (next.enabled) collector.probeNow(id).catch(() => {});
        else alerts.forgetServer(id);
        return next;
      },
      'servers.remove': ({ id }) => {
        const server = findServer(id);
        settings.update((s) => ({ ...s, servers: s.servers.filter((x) => x.id !== id) }));
        collector.forget(id);
        links.drop(id);
        pool.drop(id);
        rpcCache.delete(id);
        secrets.delete(`passphrase:${id}`);
        alerts.forgetServer(id);
        history.forgetServer(id);
        sessionHealth.forgetServer(id);
        o.logger.info('server removed', { server: server.name });
        events.emit('servers.changed', { ids: [id] });
        return { removed: true as const };
      },
      'servers.probeNow': ({ id }) => {
        findServer(id);
        return collector.probeNow(id);
      },
      'servers.unlockKey': ({ id, passphrase }) => {
        findServer(id);
        secrets.set(`passphrase:${id}`, passphrase);
        return collector.probeNow(id);
      },
      'servers.trustHostKey': ({ id, fingerprint }) => {
        const server = findServer(id);
        const error = collector.snapshot(id)?.error;
        // Trust exactly the key the operator was shown, never whatever the host offers next.
        if (error?.kind !== 'host-key-unknown' || error.detail?.fingerprint !== fingerprint || !error.detail.key || !error.detail.keyType) {
          throw new AppError('conflict', 'That key is no longer the one on offer; check the server again and compare fingerprints.');
        }
        appendTrustedHostKey(trustedHostsPath, server.host, server.sshPort, error.detail.keyType, error.detail.key);
        o.logger.warn('host key trusted by operator', { server: server.name, fingerprint });
        pool.drop(id);
        return collector.probeNow(id);
      },
      'servers.transitions': ({ id, limit }) => history.transitions(id, limit ?? 100),
      'servers.series': ({ id, metric, from, to }) => history.series(id, metric, from, to),
      'alerts.list': ({ scope, limit }) => (scope === 'active' ? alerts.list() : alertStore.recent(limit ?? 50)),
      'alerts.ack': ({ id }) => {
        const acked = alerts.ack(id, author);
        if (!acked) throw new AppError('not-found', 'No active alert with that id (already resolved?).');
        return acked;
      },
      'webhooks.list': () => webhooks.list(),
      'webhooks.add': ({ url, ...config }) => {
        const hook = webhooks.add(config, url);
        return webhooks.list().find((w) => w.id === hook.id)!;
      },
      'webhooks.setUrl': ({ id, url }) => {
        if (!webhooks.setUrl(id, url)) throw new AppError('not-found', 'No such webhook.');
        return webhooks.list().find((w) => w.id === id)!;
      },
      'webhooks.remove': ({ id }) => {
        if (!webhooks.remove(id)) throw new AppError('not-found', 'No such webhook.');
        return { removed: true as const };
      },
      'webhooks.test': async ({ id }) => {
        const result = await webhooks.test(id);
        if (!result) throw new AppError('not-found', 'No such webhook.');
        return result;
      },
      'silences.list': () => silences.active(Date.now()),
      'silences.create': ({ matchers, durationMs, comment }) => {
        const silence = silences.create(matchers, Date.now(), durationMs, author, comment);
        o.logger.info('silence created', { matchers: JSON.stringify(matchers), durationMs, comment });
        alerts.refreshSilences();
        events.emit('silences.changed', { ids: [silence.id] });
        return silence;
      },
      'silences.expire': ({ id }) => {
        if (!silences.expire(id, Date.now())) throw new AppError('not-found', 'No such silence in force.');
        alerts.refreshSilences();
        events.emit('silences.changed', { ids: [id] });
        return { expired: true as const };
      },
      ...sessionHandlers(sessionHealth, healthHistory),
      'inventory.sshConfigHosts': async ({ path }) => {
        try {
          return await readSshConfigHosts(path ?? o.sshConfigPath);
        } catch (err) {
          throw new AppError('invalid-input', `Could not read the SSH config: ${(err as Error).message}`);
        }
      },
    },
    o.logger,
  );

  const prune = () => {
    try {
      const { deleted } = history.prune(Date.now());
      healthHistory.prune(Date.now());
      if (deleted) o.logger.info('history retention', { deleted });
    } catch (err) {
      o.logger.error('history retention failed', { error: String(err) });
    }
  };
  let pruneTimer: NodeJS.Timeout | null = null;

  return {
    router,
    events,
    start: () => {
      collector.start();
      prune();
      pruneTimer = setInterval(prune, 60 * 60 * 1000);
      pruneTimer.unref?.();
      escalationTimer = setInterval(escalate, 15_000);
      escalationTimer.unref?.();
    },
    stop: async () => {
      if (pruneTimer) clearInterval(pruneTimer);
      if (escalationTimer) clearInterval(escalationTimer);
      collector.stop();
      await collector.drain();
      links.closeAll();
      pool.closeAll();
      history.close();
    },
  };
}
