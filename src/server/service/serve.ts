// `yardmaster serve`: the core, the HTTP(S)+WebSocket host, and an orderly stop on SIGTERM (stop
// accepting, let the probe in flight write its cycle, close SSH and gateway links, close SQLite,
// which checkpoints the WAL into the database file).
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createCore, type CoreOptions } from '../../core/create-core';
import { createLogger } from '../../core/log';
import { createConfBackend } from '../../core/settings/conf-backend';
import { RETENTION } from '../../core/history/history-store';
import { startHttpHost } from '../http-host';
import { createAuthenticator } from './authenticator';
import { tokensEqual } from '../access-control';
import type { ServeOptions } from './serve-options';
import { TokenStore } from './token-store';
import { startAlertmanager } from './alertmanager-wiring';
import { AttachSwitch } from '../../core/remote/attach-switch';
import { chromiumReportPdf, findChromium } from '../report-pdf';

export interface RunningService {
  url: string;
  stop(reason: string): Promise<void>;
}

export async function serve(opts: ServeOptions, version: string, extra: Partial<CoreOptions> = {}): Promise<RunningService> {
  mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
  const logger = createLogger({ filePath: join(opts.dataDir, 'yardmaster.log') });
  const store = new TokenStore(opts.tokenFile);
  const stored = store.list(); // a broken token file stops the start, with the file and key named
  // A plain `npm run start:headless` (no config, no tokens yet) keeps its one random token per run.
  const fixedToken = opts.fixedToken ?? (stored.length === 0 && !opts.configPath ? randomBytes(24).toString('base64url') : null);
  // PDF export prints this host's own report page in the system Chromium, with a token of its own
  // (viewer: it only reads the report), once the host listens.
  const chromiumPath = findChromium();
  const printToken = randomBytes(32).toString('base64url');
  let origin = '';
  const reportPdf = chromiumPath ? chromiumReportPdf({ chromiumPath, origin: () => origin, token: printToken, logger }) : undefined;
  const makeCore = () =>
    createCore({
      reportPdf,
      host: 'headless',
      appVersion: version,
      dataDir: opts.dataDir,
      settingsBackend: createConfBackend(opts.dataDir, logger),
      logger,
      knownHostsPath: opts.knownHosts ?? undefined,
      sshConfigPath: opts.sshConfig ?? undefined,
      pollIntervalMs: opts.pollIntervalMs ?? undefined,
      alertHoldDownMs: opts.alertHoldDownMs ?? undefined,
      rpcIntervalMs: opts.rpcIntervalMs ?? undefined,
      sshAcceptIntervalMs: opts.sshAcceptIntervalMs ?? undefined,
      retention: {
        rawMs: opts.retention?.raw ?? RETENTION.rawMs,
        minuteMs: opts.retention?.minuteRollups ?? RETENTION.minuteMs,
        hourMs: opts.retention?.hourRollups ?? RETENTION.hourMs,
      },
      ...extra,
    });
  // A personal console (no config file: `npm run start:headless`) may attach to an ops server instead
  // of polling; the ops service itself (a config file) always watches the fleet itself.
  const attach = opts.configPath
    ? null
    : new AttachSwitch({ createLocal: makeCore, logger, knownHostsPath: opts.knownHosts ?? undefined, trustedHostsPath: join(opts.dataDir, 'known_hosts') });
  const core = attach ? null : makeCore();
  const endpoint = attach ?? core!;
  const startedAt = Date.now();
  const host = await startHttpHost({
    core: endpoint,
    rendererDir: opts.rendererDir ?? join(process.cwd(), 'out', 'renderer'),
    host: opts.bind,
    port: opts.port,
    token: fixedToken ?? undefined,
    auth: withPrinter(createAuthenticator({ fixedToken, store }), printToken),
    tls: opts.tls,
    extraHosts: opts.publicNames,
    health: () => ({ ok: true, details: { version, uptimeSeconds: Math.round((Date.now() - startedAt) / 1000) } }),
    logger,
  });
  origin = new URL(host.url).origin;
  if (attach) attach.start();
  else core!.start();
  const alertmanager = core && opts.alertmanager
    ? startAlertmanager(core, { urls: opts.alertmanager.urls, resendIntervalMs: opts.alertmanager.resendInterval, consoleUrl: opts.publicUrl ?? host.url.replace(/#.*$/, ''), logger })
    : null;
  logger.info('service started', { bind: opts.bind, port: host.port, tls: opts.tls !== null, dataDir: opts.dataDir, tokens: stored.length });
  if (!fixedToken && stored.length === 0) {
    logger.warn('no access tokens yet: nobody can open the console', { create: 'yardmaster token create --role operator' });
  }
  let stopping: Promise<void> | null = null;
  return {
    url: host.url,
    stop: (reason) =>
      (stopping ??= (async () => {
        logger.info('shutting down', { reason });
        alertmanager?.stop();
        await host.close();
        await (attach ? attach.stop() : core!.stop());
        logger.info('stopped cleanly', { reason });
      })()),
  };
}

/** The report printer's own token (memory only, this run): a viewer, since it only reads reports. */
function withPrinter(auth: ReturnType<typeof createAuthenticator>, printToken: string): ReturnType<typeof createAuthenticator> {
  return {
    verify: (presented) => (presented && tokensEqual(presented, printToken) ? { tokenId: 'report-printer', role: 'viewer' } : auth.verify(presented)),
  };
}
