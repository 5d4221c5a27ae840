// How a watched server's settings become the SSH target every part of the core connects with (probe,
// connection check, rollouts, hygiene, store reads), in one place, so a jump host is never forgotten.
import type { ServerConfig } from '../../shared/domain';
import type { SshTarget } from './ssh-session';

export type ServerSshFields = Pick<ServerConfig, 'host' | 'sshPort' | 'sshUser' | 'privateKeyPath' | 'sshAuth' | 'jumpHost'>;

export interface ServerSshContext {
  knownHostsPath: string;
  trustedHostsPath?: string;
  /** The unlocked passphrase of the server's key, if any. */
  passphrase?: string;
  /** SSH_AUTH_SOCK of Yardmaster ('' or undefined when unset), for agent auth. */
  agentSocket?: string;
  readyTimeoutMs?: number;
}

export function serverSshTarget(server: ServerSshFields, ctx: ServerSshContext): SshTarget {
  const j = server.jumpHost;
  return {
    host: server.host,
    port: server.sshPort,
    username: server.sshUser,
    privateKeyPath: server.privateKeyPath,
    passphrase: ctx.passphrase,
    // '' makes the session say that the agent was chosen but SSH_AUTH_SOCK is not set.
    agentSocket: server.sshAuth === 'agent' ? (ctx.agentSocket ?? '') : undefined,
    knownHostsPath: ctx.knownHostsPath,
    trustedHostsPath: ctx.trustedHostsPath,
    ...(ctx.readyTimeoutMs ? { readyTimeoutMs: ctx.readyTimeoutMs } : {}),
    ...(j
      ? {
          jump: {
            host: j.host,
            port: j.port,
            username: j.user,
            privateKeyPath: j.privateKeyPath,
            // The passphrase unlocked for the server is for its key file; it opens the jump key only when that is the same file.
            passphrase: j.sshAuth !== 'agent' && j.privateKeyPath === server.privateKeyPath ? ctx.passphrase : undefined,
            agentSocket: j.sshAuth === 'agent' ? (ctx.agentSocket ?? '') : undefined,
          },
        }
      : {}),
  };
}
