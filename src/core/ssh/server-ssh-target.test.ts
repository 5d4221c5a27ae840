import { describe, expect, it } from 'vitest';
import { serverSshTarget } from './server-ssh-target';

const server = { host: '10.20.0.11', sshPort: 22, sshUser: 'oc', privateKeyPath: '/k/fleet', sshAuth: 'key' as const };
const ctx = { knownHostsPath: '/kh', passphrase: 'unlocked', agentSocket: '/run/agent.sock' };

describe('server → SSH target', () => {
  it('has no jump without a jump host (null or absent)', () => {
    expect(serverSshTarget(server, ctx).jump).toBeUndefined();
    expect(serverSshTarget({ ...server, jumpHost: null }, ctx).jump).toBeUndefined();
  });

  it("gives the jump host the server's passphrase only when it uses the same key file", () => {
    const same = serverSshTarget({ ...server, jumpHost: { host: 'b', port: 2201, user: 'j', privateKeyPath: '/k/fleet' } }, ctx);
    expect(same.jump).toEqual({ host: 'b', port: 2201, username: 'j', privateKeyPath: '/k/fleet', passphrase: 'unlocked', agentSocket: undefined });
    const other = serverSshTarget({ ...server, jumpHost: { host: 'b', port: 22, user: 'j', privateKeyPath: '/k/bastion' } }, ctx);
    expect(other.jump?.passphrase).toBeUndefined();
  });

  it("uses the agent per hop, and '' when the agent is chosen but not there (the session then says so)", () => {
    const t = serverSshTarget({ ...server, sshAuth: 'key', jumpHost: { host: 'b', port: 22, user: 'j', privateKeyPath: '', sshAuth: 'agent' } }, { ...ctx, agentSocket: undefined });
    expect(t.agentSocket).toBeUndefined();
    expect(t.jump?.agentSocket).toBe('');
  });
});
