import { describe, expect, it } from 'vitest';
import { hostsFromSshConfig } from './ssh-config-import';

describe('~/.ssh/config import', () => {
  it('offers concrete hosts with inherited settings, and skips wildcard templates', () => {
    const text = `
Host web1 web2
  HostName 10.0.0.5
  Port 2222
  IdentityFile ~/.ssh/id_fleet

Host ops.example.net
  User openclaw

Host jumped
  ProxyJump bastion

Host *.internal !bad.internal
  User nobody

Host *
  User fleet
  IdentityFile ~/.ssh/id_default
`;
    const hosts = hostsFromSshConfig(text, '/home/me', 'me');
    expect(hosts.map((h) => h.alias)).toEqual(['web1', 'web2', 'ops.example.net', 'jumped']);
    expect(hosts[0]).toEqual({ alias: 'web1', host: '10.0.0.5', port: 2222, user: 'fleet', identityFile: '/home/me/.ssh/id_fleet', note: null });
    expect(hosts[2]).toMatchObject({ host: 'ops.example.net', port: 22, user: 'openclaw', identityFile: '/home/me/.ssh/id_default' });
    expect(hosts[3]!.note).toMatch(/ProxyJump bastion/);
  });

  it('gives nothing for an empty config and survives junk', () => {
    expect(hostsFromSshConfig('', '/h', 'u')).toEqual([]);
    expect(() => hostsFromSshConfig('\u0000garbage = = =\nHost\n', '/h', 'u')).not.toThrow();
  });
});
