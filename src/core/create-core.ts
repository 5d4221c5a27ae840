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
import { evaluateConditions, type Trends } from './alerts/alert-rules';
import { slopePerHour } from './alerts/trends';
import { renderMetrics } from './metrics/prometheus';
import { sqliteAlertStore } from './alerts/alert-store';
import { SilenceStore } from './alerts/silences';
import { DEFAULT_POLICY, Escalator } from './alerts/escalation';
import { sqliteEscalationStore } from './alerts/escalation-store';
import { WebhookService } from './webhooks/webhook-service';
import { EmailConfigError, EmailService } from './email/email-service';
import { AppError, createRouter, type Router } from './router';
import { SettingsStore, type SettingsBackend } from './settings/settings-store';
import { ConfigAuditService } from './config-audit/config-audit-service';
import { configAuditHandlers } from './config-audit/config-audit-handlers';
import { driftConditions } from './alerts/drift-rules';
import { fleetSetupHandlers } from './fleet-setup-handlers';
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
  /** SMTP retry timing (tests shorten it). */
  emailSendOptions?: import('./email/email-sender').EmailSendOptions;
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
  /** The fleet as Prometheus text exposition (served by the headless host at /metrics). */
  metricsText(): string;
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
  const cliDetailsCache: NonNullable<ProbeContext['cliDetailsCache']> = new Map();
  // Secrets the operator typed (key passphrases, webhook URLs): memory only, never written anywhere.
  const secrets = new MemorySecretStore(o.secretVault);
  // A gateway WebSocket that drops (crash, restart, missed ticks) gets the server looked at now,
  // not at the next poll.
  const links = new GatewayLinks(o.appVersion, (serverId, reason) => {
    o.logger.warn('gateway link lost', { serverId, reason });
    if (pausedUntil === null) collector.probeNow(serverId).catch(() => {});
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
      gatewayToken: (id: string) => secrets.get(`gateway-token:${id}`),
      agentSocket: o.agentSocket ?? process.env.SSH_AUTH_SOCK ?? '',
      pool,
      links,
      rpcCache,
      openclawPaths,
      tier3Cache,
      cliDetailsCache,
      configAudit: (input) => configAudit.schedule(input),
      rpcIntervalMs: o.rpcIntervalMs ?? 60_000 }),
    probe: o.probe ?? probeServer,
  });

  const alertStore = sqliteAlertStore(history.db);
  const silences = new SilenceStore(history.db);
  const author = o.host === 'electron' ? 'desktop' : 'console';
  const webhooks = new WebhookService(settings, secrets, o.logger, () => events.emit('webhooks.changed', {}), o.webhookSendOptions);
  const email = new EmailService(
    settings,
    secrets,
    o.logger,
    (id) => settings.get().servers.find((s) => s.id === id)?.name ?? null,
    () => events.emit('email.changed', {}),
    o.emailSendOptions,
  );
  const escalator = new Escalator(DEFAULT_POLICY, sqliteEscalationStore(history.db));
  // Who must be told now: on every alert change and every 15 s (waits and repeats come due with time).
  const escalate = () => {
    for (const notice of escalator.due(alerts.list(), Date.now())) {
      events.emit('alert.notify', notice);
      if (notice.targets.includes('webhooks')) webhooks.notify(notice.alert, notice.reason);
      if (notice.targets.includes('email')) email.notify(notice.alert, notice.reason);
    }
  };
  const loggedAlerts = new Set<string>();
  const alerts: AlertEngine = new AlertEngine({
    store: alertStore,
    silences: () => silences.active(Date.now()),
    holdDownMs: o.alertHoldDownMs,
    onChange: (alert) => {
      // Logged once when raised (summaries change as counts move; that is not a new alert).
      if (alert.resolvedAt === null && !loggedAlerts.has(alert.id)) {
        loggedAlerts.add(alert.id);
        o.logger.warn('alert', { rule: alert.rule, severity: alert.severity, summary: alert.summary });
      }
      if (alert.resolvedAt !== null) {
        loggedAlerts.delete(alert.id);
        o.logger.info('alert resolved', { rule: alert.rule, summary: alert.summary, durationMs: alert.resolvedAt - alert.startedAt });
      }
      events.emit('alert.changed', alert);
      if (alert.resolvedAt !== null) {
        webhooks.resolved(alert);
        email.resolved(alert);
      }
      queueMicrotask(escalate);
    },
  });
  let escalationTimer: NodeJS.Timeout | null = null;
  // Memory growth over the last 3 h from the rollups; recomputed at most every 5 min per server.
  const trendCache = new Map<string, { at: number; trends: Trends }>();
  const trendsFor = (serverId: string): Trends => {
    const now = Date.now();
    const cached = trendCache.get(serverId);
    if (cached && now - cached.at < 5 * 60_000) return cached.trends;
    let trends: Trends = { rssBytesPerHour: null };
    try {
      trends = { rssBytesPerHour: slopePerHour(history.series(serverId, 'rss_bytes', now - 3 * 3_600_000, now).points) };
    } catch (err) {
      o.logger.warn('trend query failed', { serverId, error: String(err) });
    }
    trendCache.set(serverId, { at: now, trends });
    return trends;
  };
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
    if (server) alerts.update(server.id, conditionsFor(server, snapshot));
  });
  // Config audit (issue 6): a changed projection or baseline re-evaluates that server's alerts at once.
  const configAudit: ConfigAuditService = new ConfigAuditService({
    settings,
    logger: o.logger,
    onChange: (serverId) => {
      const server = settings.get().servers.find((s) => s.id === serverId);
      const snapshot = collector.snapshot(serverId);
      if (server && snapshot) alerts.update(serverId, conditionsFor(server, snapshot));
      events.emit('config.audit.changed', { serverIds: [serverId] });
    },
  });
  links.configChanged = (serverId) => configAudit.markDue(serverId);
  // Everything wrong with one server now; the engine gets the complete set each time (what is missing resolves).
  const conditionsFor = (server: ServerConfig, snapshot: ServerSnapshot) => [
    ...evaluateConditions(server, snapshot, Date.now(), trendsFor(server.id)),
    ...sessionHealth.conditions(server, snapshot, Date.now()),
    ...driftConditions(server, configAudit.audit(server)),
  ];

  // Pausing polling (from the tray, during planned work) stops every probe; it always ends by itself.
  let pausedUntil: number | null = null;
  let resumeTimer: NodeJS.Timeout | null = null;
  const pollingState = () => ({ pausedUntil });
  const resumePolling = (why: string) => {
    if (resumeTimer) clearTimeout(resumeTimer);
    resumeTimer = null;
    if (pausedUntil === null) return pollingState();
    pausedUntil = null;
    o.logger.warn('polling resumed', { why });
    collector.start();
    events.emit('polling.changed', pollingState());
    return pollingState();
  };
  const pausePolling = (durationMs: number) => {
    if (resumeTimer) clearTimeout(resumeTimer);
    pausedUntil = Date.now() + durationMs;
    collector.stop();
    resumeTimer = setTimeout(() => resumePolling('pause ended'), durationMs);
    resumeTimer.unref?.();
    o.logger.warn('polling paused', { until: new Date(pausedUntil).toISOString() });
    events.emit('polling.changed', pollingState());
    return pollingState();
  };

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
  const view = (config: ServerConfig): ServerView => ({
    config,
    snapshot: collector.snapshot(config.id),
    gatewayTokenSupplied: secrets.get(`gateway-token:${config.id}`) !== undefined,
  });

  const router = createRouter(
    {
      // Connection check and local OpenClaw detection (issue 5): they store nothing.
      ...fleetSetupHandlers({
        appVersion: o.appVersion,
        logger: o.logger,
        findServer,
        knownHostsPath,
        trustedHostsPath,
        passphrase: (id) => secrets.get(`passphrase:${id}`),
        agentSocket: () => o.agentSocket ?? process.env.SSH_AUTH_SOCK ?? '',
      }),
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
        cliDetailsCache.delete(id);
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
        cliDetailsCache.delete(id);
        tier3Cache.delete(id);
        secrets.delete(`passphrase:${id}`);
        secrets.delete(`gateway-token:${id}`);
        alerts.forgetServer(id);
        configAudit.forget(id);
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
      'servers.setGatewayToken': ({ id, token }) => {
        const server = findServer(id);
        if (token === null) secrets.delete(`gateway-token:${id}`);
        else secrets.set(`gateway-token:${id}`, token);
        o.logger.info(token === null ? 'gateway token: read from the server again' : 'gateway token: typed by operator', { server: server.name });
        links.drop(id);
        rpcCache.delete(id);
        events.emit('servers.changed', { ids: [id] });
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
      'polling.get': () => pollingState(),
      'polling.pause': ({ durationMs }) => pausePolling(durationMs),
      'polling.resume': () => resumePolling('operator'),
      'email.get': () => email.view(),
      'email.configure': ({ password, ...config }) => {
        try {
          return email.configure(config, password);
        } catch (err) {
          if (err instanceof EmailConfigError) throw new AppError('invalid-input', err.message, { security: err.message });
          throw err;
        }
      },
      'email.remove': () => {
        if (!email.remove()) throw new AppError('not-found', 'Email is not set up.');
        return { removed: true as const };
      },
      'email.test': async () => {
        const result = await email.test();
        if (!result) throw new AppError('not-found', 'Email is not set up.');
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
      ...configAuditHandlers({ settings, configAudit, collector, events, findServer }),
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
    metricsText: () =>
      renderMetrics({ servers: settings.get().servers, snapshot: (id) => collector.snapshot(id), alerts: alerts.list(), pausedUntil, now: Date.now() }),
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
      if (resumeTimer) clearTimeout(resumeTimer);
      collector.stop();
      await collector.drain();
      links.closeAll();
      pool.closeAll();
      history.close();
    },
  };
}
