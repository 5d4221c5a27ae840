// What the desktop shell talks to while attached: the ops server's contract and events (through
// RemoteConsole), plus the desktop's own alert about the watcher itself. It has the shape the shell
// already uses for the local core (router.dispatch, events.on), so IPC, tray and notifications work
// unchanged; the local core is simply not started, and this machine polls nothing.
import type { Duplex } from 'node:stream';
import { connect as tlsConnect } from 'node:tls';
import type { AttachTarget } from '../../shared/contract-attach';
import type { EventTopic } from '../../shared/contract';
import type { Logger } from '../log';
import { RemoteConsole, type RemoteState } from './remote-console';
import { sshTunnel, type SshTunnel } from './ssh-tunnel';
import { WatcherAlarm } from './watcher-alarm';

export { attachTargetSchema, type AttachTarget } from '../../shared/contract-attach';
export const ATTACH_SECRET_KEY = 'attach:target';

export interface AttachedEndpoint {
  router: RemoteConsole['router'];
  events: { on(listener: (topic: EventTopic | 'attach.state', data: unknown) => void): () => void };
  state(): RemoteState;
  problem(): string | null;
  close(): void;
}

export function attachTo(
  target: AttachTarget,
  o: { logger: Logger; knownHostsPath: string; trustedHostsPath?: string; agentSocket?: string; now?: () => number; tickMs?: number; graceMs?: number; minDelayMs?: number; maxDelayMs?: number },
): AttachedEndpoint {
  const now = o.now ?? Date.now;
  let tunnel: SshTunnel | null = null;
  if (target.tunnel) {
    const t = target.tunnel;
    tunnel = sshTunnel({ host: t.host, port: t.sshPort, username: t.sshUser, privateKeyPath: t.privateKeyPath, agentSocket: t.privateKeyPath ? undefined : o.agentSocket, knownHostsPath: o.knownHostsPath, trustedHostsPath: o.trustedHostsPath }, t.remotePort);
  }
  const remote = new RemoteConsole(
    { url: target.url, token: target.token, ca: target.ca, connect: tunnel ? () => throughTunnel(tunnel!, target) : undefined },
    { logger: o.logger, minDelayMs: o.minDelayMs, maxDelayMs: o.maxDelayMs },
  );
  const listeners = new Set<(topic: EventTopic | 'attach.state', data: unknown) => void>();
  const emit = (topic: EventTopic | 'attach.state', data: unknown) => {
    for (const l of listeners) l(topic, data);
  };
  const alarm = new WatcherAlarm(new URL(target.url).host, o.graceMs);
  const check = () => {
    const alert = alarm.update(remote.state(), now());
    if (!alert) return;
    emit('alert.changed', alert);
    if (alert.resolvedAt === null) emit('alert.notify', { alert, level: 0, targets: ['desktop'], reason: 'raised' });
  };
  const offRemote = remote.events.on((topic, data) => emit(topic, data));
  const offState = remote.onState((state) => {
    o.logger.info('ops server connection', { state });
    emit('attach.state', { state });
    check();
  });
  const timer = setInterval(check, o.tickMs ?? 5_000);
  timer.unref?.();
  return {
    router: remote.router,
    events: {
      on: (listener) => {
        listeners.add(listener);
        return () => void listeners.delete(listener);
      },
    },
    state: () => remote.state(),
    problem: () => remote.problem(),
    close: () => {
      clearInterval(timer);
      offRemote();
      offState();
      remote.close();
      tunnel?.close();
    },
  };
}

/** The forwarded channel, with TLS inside it when the service speaks https (as a browser would see it). */
async function throughTunnel(tunnel: SshTunnel, target: AttachTarget): Promise<Duplex> {
  const channel = await tunnel.connect();
  if (new URL(target.url).protocol !== 'https:') return channel;
  const servername = new URL(target.url).hostname;
  return tlsConnect({ socket: channel as never, servername, ca: target.ca, ALPNProtocols: ['http/1.1'] });
}
