// The `yardmaster` command: serve, token, check-config. Errors go to stderr as one clear message
// (exit 2 for bad usage or config, 1 for a failure at run time).
import { join } from 'node:path';
import { createSecureContext } from 'node:tls';
import { version } from '../../package.json';
import { parseHeadlessArgs, SERVE_USAGE } from './args';
import { resolveServeOptions } from './service/serve-options';
import { serve } from './service/serve';
import { TOKEN_USAGE, tokenCommand } from './service/token-commands';
import { TokenStore } from './service/token-store';

export const HELP = `yardmaster ${version}: watches a fleet of OpenClaw gateways (metadata only) and serves the console.

Usage:
  yardmaster serve [options]          run the ops service (HTTP(S) + WebSocket console, /metrics, /healthz)
  yardmaster token <create|list|revoke>   manage access tokens (roles: viewer, operator)
  yardmaster check-config [--config <file>]   validate the config, TLS files and token file, then exit
  yardmaster --help | --version

${SERVE_USAGE}

${TOKEN_USAGE}`;

const out = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

function checkConfig(argv: string[]): number {
  const args = parseHeadlessArgs(argv, process.env);
  const opts = resolveServeOptions(args, process.env);
  if (opts.tls) createSecureContext({ cert: opts.tls.cert, key: opts.tls.key }); // throws when they do not parse or do not match
  const tokens = new TokenStore(opts.tokenFile).list();
  out(`config ok: ${opts.configPath ?? '(no file, defaults)'}`);
  out(`  listen ${opts.tls ? 'https' : 'http'}://${opts.bind}:${opts.port}  data ${opts.dataDir}`);
  out(`  tokens ${tokens.length} in ${opts.tokenFile} (${tokens.filter((t) => t.role === 'operator').length} operator)`);
  if (opts.alertmanager) out(`  alertmanager ${opts.alertmanager.urls.join(', ')}`);
  return 0;
}

async function runServe(argv: string[], bundleDir: string): Promise<void> {
  const opts = resolveServeOptions(parseHeadlessArgs(argv, process.env), process.env);
  opts.rendererDir ??= join(bundleDir, '..', 'renderer');
  const service = await serve(opts, version);
  process.stdout.write(`Yardmaster headless: open ${service.url}\n`);
  const stop = (signal: string) => void service.stop(signal).then(() => process.exit(0));
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

/** bundleDir: out/main, where the entry bundle lives (the renderer is beside it in out/renderer). */
export async function main(argv: string[], bundleDir: string): Promise<void> {
  const [command, ...rest] = argv;
  try {
    if (command === '--version') return out(version);
    if (!command || command === '--help' || command === 'help' || command === '-h') return out(HELP);
    if (command === 'serve') return await runServe(rest, bundleDir);
    // `npm run start:headless -- --port 4870` (flags without a command) is `serve`.
    if (command.startsWith('--')) return await runServe(argv, bundleDir);
    if (command === 'token') process.exit(tokenCommand(rest, process.env, out));
    if (command === 'check-config') process.exit(checkConfig(rest));
    throw new Error(`unknown command ${JSON.stringify(command)}; see yardmaster --help`);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`yardmaster: ${message}\n`);
    // Usage and config problems are the caller's to fix; systemd should not restart-loop on them.
    process.exit((err as { code?: string }).code === 'EADDRINUSE' ? 1 : 2);
  }
}
