// The fresh-connection check against real sockets (an in-process SSH server, a silent listener, a
// closed port), and the watcher's schedule and alert with a fake clock.
import { createServer, type AddressInfo, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { ServerConfig, ServerSnapshot } from '../../shared/domain';
import { startFakeSshServer, type FakeSshServer } from '../ssh/fake-ssh-server';
import { checkSshAccepts, type AcceptVerdict } from './ssh-accept-check';
import { SSH_NOT_ACCEPTING, SshAcceptWatch } from './ssh-accept-watch';

let ssh: FakeSshServer | null = null;
let plain: Server | null = null;
afterEach(async () => {
  await ssh?.close();
  ssh = null;
  plain?.close();
  plain = null;
});

const listen = async (onConn: (s: import('node:net').Socket) => void): Promise<number> => {
  plain = createServer(onConn);
  await new Promise<void>((r) => plain!.listen(0, '127.0.0.1', () => r()));
  return (plain.address() as AddressInfo).port;
};

describe('ssh accept check', () => {
  it('accepts a server that sends its SSH identification, without logging in', async () => {
    ssh = await startFakeSshServer({ reply: () => ({}) });
    await expect(checkSshAccepts('127.0.0.1', ssh.port)).resolves.toMatchObject({ accepting: true });
    expect(ssh.commands).toEqual([]);
  });

  it('names a refused port, a silent listener and a non-SSH answer', async () => {
    const port = await listen(() => {});
    plain!.close();
    await new Promise((r) => setTimeout(r, 20));
    await expect(checkSshAccepts('127.0.0.1', port)).resolves.toMatchObject({ accepting: false, reason: 'refused' });
    const silent = await listen(() => {});
    await expect(checkSshAccepts('127.0.0.1', silent, { timeoutMs: 200 })).resolves.toMatchObject({ accepting: false, reason: 'timeout' });
    plain!.close();
    const http = await listen((s) => s.end('HTTP/1.1 400 Bad Request\r\n\r\n'));
    await expect(checkSshAccepts('127.0.0.1', http)).resolves.toMatchObject({ accepting: false, reason: 'no-banner' });
  });
});

describe('ssh accept watch', () => {
  const server = { id: 's1', name: 'alpha', host: '10.0.0.1', sshPort: 22, enabled: true } as ServerConfig;
  const up = { status: 'UP' } as ServerSnapshot;

  it('checks when due while UP, warns naming the server while refused, and clears when it accepts again', async () => {
    let now = 0;
    let verdict: AcceptVerdict = { accepting: true, at: 0 };
    const checks: string[] = [];
    const changed: string[] = [];
    const watch = new SshAcceptWatch({
      intervalMs: 180_000,
      now: () => now,
      check: async (host, port) => {
        checks.push(`${host}:${port}`);
        return verdict;
      },
      onChange: (id) => changed.push(id),
    });
    expect(watch.unknownRules('s1')).toEqual([SSH_NOT_ACCEPTING]);
    watch.observe(server, up);
    await Promise.resolve();
    expect(checks).toEqual(['10.0.0.1:22']);
    expect(watch.unknownRules('s1')).toEqual([]);
    expect(watch.conditions(server, up)).toEqual([]);
    verdict = { accepting: false, at: 1, reason: 'refused', message: '10.0.0.1:22: connection refused' };
    now = 60_000;
    watch.observe(server, up); // not due yet
    expect(checks).toHaveLength(1);
    now = 180_000;
    watch.observe(server, { status: 'PENDING' } as ServerSnapshot); // not UP: the probe tells
    expect(checks).toHaveLength(1);
    watch.observe(server, up);
    await Promise.resolve();
    expect(checks).toHaveLength(2);
    expect(changed).toEqual(['s1', 's1']);
    expect(watch.conditions(server, up)).toEqual([
      expect.objectContaining({ rule: 'ssh-not-accepting', severity: 'warning', summary: expect.stringMatching(/^alpha: SSH not accepting new connections \(10\.0\.0\.1:22: connection refused\)/) }),
    ]);
    // On demand ("check now"), and it accepts again.
    verdict = { accepting: true, at: 2 };
    await watch.checkNow(server);
    expect(watch.conditions(server, up)).toEqual([]);
    watch.forget('s1');
    expect(watch.unknownRules('s1')).toEqual([SSH_NOT_ACCEPTING]);
  });
});
