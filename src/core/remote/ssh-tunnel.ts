// Attaching through SSH to an ops service that binds only loopback: the existing SSH session (host
// key checked against known_hosts, key or agent auth) forwards each WebSocket connection to the
// service's port on the server's own loopback. One SSH connection, reopened when it drops.
import type { Duplex } from 'node:stream';
import { openSshSession, type SshSession, type SshTarget } from '../ssh/ssh-session';

export interface SshTunnel {
  connect(): Promise<Duplex>;
  close(): void;
}

export function sshTunnel(target: SshTarget, remotePort: number, open: (t: SshTarget) => Promise<SshSession> = openSshSession): SshTunnel {
  let session: Promise<SshSession> | null = null;
  return {
    async connect() {
      const current = session ? await session.catch(() => null) : null;
      if (!current || !current.isOpen()) {
        current?.close();
        session = open(target);
      }
      try {
        return await (await session!).forwardToLoopback(remotePort);
      } catch (err) {
        session = null; // a refused handshake or a dead link: a fresh attempt next time
        throw err;
      }
    },
    close() {
      void session?.then((s) => s.close(), () => {});
      session = null;
    },
  };
}
