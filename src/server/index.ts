// Headless entry: the same core as the desktop app, served to a browser over HTTP + WebSocket.
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { createCore } from '../core/create-core';
import { createLogger } from '../core/log';
import { createConfBackend } from '../core/settings/conf-backend';
import { version } from '../../package.json';
import { parseHeadlessArgs } from './args';
import { startHttpHost } from './http-host';

async function main(): Promise<void> {
  let args;
  try {
    args = parseHeadlessArgs(process.argv.slice(2), process.env);
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exit(2);
  }
  const dataDir = resolve(args.dataDir ?? join(process.env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'yardmaster'));
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const logger = createLogger({ filePath: join(dataDir, 'yardmaster.log') });
  const core = createCore({
    host: 'headless',
    appVersion: version,
    dataDir,
    settingsBackend: createConfBackend(dataDir, logger),
    logger,
    knownHostsPath: args.knownHosts ?? undefined,
    sshConfigPath: args.sshConfig ?? undefined,
    pollIntervalMs: args.pollIntervalMs ?? undefined,
    alertHoldDownMs: args.alertHoldDownMs ?? undefined,
    rpcIntervalMs: args.rpcIntervalMs ?? undefined,
  });
  const token = args.token ?? randomBytes(24).toString('base64url');
  const host = await startHttpHost({
    core,
    rendererDir: args.rendererDir ?? join(__dirname, '..', 'renderer'),
    host: args.host,
    port: args.port,
    token,
    extraHosts: args.extraHosts,
    logger,
  });
  if (args.host !== '127.0.0.1' && args.host !== '::1' && args.host !== 'localhost') {
    logger.warn('listening beyond loopback: anyone who can reach this port and has the token controls the console', { host: args.host });
  }
  core.start();
  logger.info('headless host started', { port: host.port, dataDir });
  process.stdout.write(`Yardmaster headless: open ${host.url}\n`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info('shutting down', { signal });
    await host.close();
    await core.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

void main().catch((err) => {
  process.stderr.write(`Yardmaster headless failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
