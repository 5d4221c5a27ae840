// What `yardmaster serve` runs with: the config file, overridden by flags, checked for the mistakes
// that would expose the fleet (plain HTTP beyond loopback) before anything listens.
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import type { HeadlessArgs } from '../args';
import { ConfigError, loadServiceConfig, type ServiceConfig } from './service-config';

export interface ServeOptions {
  configPath: string | null;
  bind: string;
  port: number;
  dataDir: string;
  tokenFile: string;
  knownHosts: string | null;
  sshConfig: string | null;
  tls: { cert: Buffer; key: Buffer } | null;
  publicNames: string[];
  publicUrl: string | null;
  pollIntervalMs: number | null;
  rpcIntervalMs: number | null;
  /** How often each server is checked for accepting new SSH connections (command line only). */
  sshAcceptIntervalMs?: number | null;
  alertHoldDownMs: number | null;
  retention: ServiceConfig['retention'] | null;
  alertmanager: ServiceConfig['alertmanager'] | null;
  fixedToken: string | null;
  rendererDir: string | null;
}

export const isLoopback = (host: string): boolean => host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);

function readPem(path: string, key: string): Buffer {
  if (!existsSync(path)) throw new ConfigError(`tls.${key}: ${path} does not exist`);
  try {
    return readFileSync(path);
  } catch (err) {
    throw new ConfigError(`tls.${key}: ${path} is not readable (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
}

export function resolveServeOptions(args: HeadlessArgs, env: NodeJS.ProcessEnv): ServeOptions {
  const config = loadServiceConfig(args.config);
  const dataDir = resolve(args.dataDir ?? config.dataDir ?? join(env.XDG_DATA_HOME ?? join(homedir(), '.local', 'share'), 'yardmaster'));
  const bind = args.host ?? config.bind;
  const tls = config.tls ? { cert: readPem(config.tls.cert, 'cert'), key: readPem(config.tls.key, 'key') } : null;
  if (!tls && !isLoopback(bind) && !args.insecureHttp) {
    throw new ConfigError(
      `Refusing to serve on ${bind} over plain HTTP: access tokens and the whole fleet's state would cross the network readable by anyone on the path. ` +
        'Set tls.cert and tls.key in the config file, or bind 127.0.0.1 (reach it through an SSH tunnel), ' +
        'or pass --insecure-http if a TLS-terminating proxy on this machine is the only way in.',
    );
  }
  if (config.knownHosts && !existsSync(config.knownHosts)) throw new ConfigError(`knownHosts: ${config.knownHosts} does not exist`);
  return {
    configPath: args.config,
    bind,
    port: args.port ?? config.port,
    dataDir,
    tokenFile: config.tokenFile ?? join(dataDir, 'tokens.json'),
    knownHosts: args.knownHosts ?? config.knownHosts ?? null,
    sshConfig: args.sshConfig ?? config.sshConfig ?? null,
    tls,
    publicNames: [...config.publicNames, ...args.extraHosts],
    publicUrl: config.publicUrl ?? null,
    pollIntervalMs: args.pollIntervalMs ?? config.pollInterval ?? null,
    rpcIntervalMs: args.rpcIntervalMs ?? config.rpcInterval ?? null,
    sshAcceptIntervalMs: args.sshAcceptIntervalMs,
    alertHoldDownMs: args.alertHoldDownMs ?? config.alertHoldDown ?? null,
    retention: config.retention ?? null,
    alertmanager: config.alertmanager ?? null,
    fixedToken: args.token,
    rendererDir: args.rendererDir,
  };
}
