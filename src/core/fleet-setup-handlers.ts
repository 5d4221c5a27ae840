// Router handlers for setting servers up: the step-by-step connection check (saved server or typed
// values) and the first-run detection of OpenClaw on this machine. Kept apart from create-core.ts,
// which only spreads them into its router.
import type { ServerConfig } from '../shared/domain';
import { AppError, type Handlers } from './router';
import { SlidingWindowLimit, TYPED_CHECKS_PER_MINUTE } from './privacy/check-rate';
import type { Logger } from './log';
import { checkConnection, type CheckTarget } from './probes/connection-check';
import { detectLocalOpenclaw } from './inventory/local-openclaw';

export interface FleetSetupDeps {
  appVersion: string;
  logger: Logger;
  findServer(id: string): ServerConfig;
  knownHostsPath(): string;
  trustedHostsPath: string;
  /** A passphrase unlocked in this console for a saved server's key. */
  passphrase(serverId: string): string | undefined;
  agentSocket(): string;
  /** Caps checks on typed values (default 10 a minute). */
  typedCheckLimit?: SlidingWindowLimit;
}

export function fleetSetupHandlers(d: FleetSetupDeps): Pick<Handlers, 'servers.checkConnection' | 'app.localOpenclaw'> {
  const typedChecks = d.typedCheckLimit ?? new SlidingWindowLimit(TYPED_CHECKS_PER_MINUTE, 60_000);
  return {
    'servers.checkConnection': async (input) => {
      const saved = 'id' in input ? d.findServer(input.id) : null;
      if (!saved && !typedChecks.take()) {
        throw new AppError('conflict', `At most ${TYPED_CHECKS_PER_MINUTE} connection checks of typed values a minute; wait a little and check again.`);
      }
      const target: CheckTarget = saved ?? (input as { server: CheckTarget }).server;
      const result = await checkConnection(target, {
        knownHostsPath: d.knownHostsPath(),
        trustedHostsPath: d.trustedHostsPath,
        passphrase: saved ? d.passphrase(saved.id) : undefined,
        agentSocket: d.agentSocket(),
        clientVersion: d.appVersion,
      });
      const failed = result.steps.find((s) => s.ok === false);
      d.logger.info('connection check', { host: target.host, sshPort: target.sshPort, gatewayPort: target.gatewayPort, failedAt: failed?.step ?? 'none' });
      return result;
    },
    'app.localOpenclaw': () => detectLocalOpenclaw(),
  };
}
