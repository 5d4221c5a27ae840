import { describe, expect, it } from 'vitest';
import { hostsFromSshConfig, parseJumpSpec } from './ssh-config-import';

describe('~/.ssh/config import', () => {
  it('offers concrete hosts with inherited settings, and skips wildcard templates', () => {
    const text = `
Host web1 web2
  HostName 10.0.0.5
  Port 2222
  IdentityFile ~/.ssh/id_fleet

Host ops.example.net
  User openclaw

Host *.internal !bad.internal
  User nobody

Host *
  User fleet
  IdentityFile ~/.ssh/id_default
`;
    const hosts = hostsFromSshConfig(text, '/home/me', 'me');
    expect(hosts.map((h) => h.alias)).toEqual(['web1', 'web2', 'ops.example.net']);
    expect(hosts[0]).toEqual({ alias: 'web1', host: '10.0.0.5', port: 2222, user: 'fleet', identityFile: '/home/me/.ssh/id_fleet', jump: null, note: null });
    expect(hosts[2]).toMatchObject({ host: 'ops.example.net', port: 22, user: 'openclaw', identityFile: '/home/me/.ssh/id_default' });
  });

  it('keeps ProxyJump: an alias is resolved through the same config, user@host:port is taken as written', () => {
    const text = `
Host bastion
  HostName 203.0.113.7
  Port 2201
  User jumper
  IdentityFile ~/.ssh/id_bastion

Host app1
  HostName 10.20.0.11
  ProxyJump bastion

Host app2
  HostName 10.20.0.12
  ProxyJump ops@gw.example.net:2022

Host app3
  HostName 10.20.0.13
  ProxyJump ssh://[2001:db8::1]:22

Host app4
  ProxyJump none
`;
    const hosts = hostsFromSshConfig(text, '/home/me', 'me');
    const by = (alias: string) => hosts.find((h) => h.alias === alias)!;
    expect(by('app1')).toMatchObject({ host: '10.20.0.11', jump: { host: '203.0.113.7', port: 2201, user: 'jumper', identityFile: '/home/me/.ssh/id_bastion' }, note: null });
    expect(by('app2').jump).toEqual({ host: 'gw.example.net', port: 2022, user: 'ops', identityFile: null });
    expect(by('app3').jump).toEqual({ host: '2001:db8::1', port: 22, user: 'me', identityFile: null });
    expect(by('app4')).toMatchObject({ jump: null, note: null });
    // The bastion itself is offered as a plain host.
    expect(by('bastion').jump).toBeNull();
  });

  it('refuses chains of jump hosts in words instead of following only part of them', () => {
    const text = `
Host outer
  HostName 198.51.100.1

Host inner
  HostName 10.1.0.1
  ProxyJump outer

Host deep
  HostName 10.2.0.1
  ProxyJump inner

Host listed
  HostName 10.3.0.1
  ProxyJump outer,inner
`;
    const hosts = hostsFromSshConfig(text, '/h', 'u');
    const by = (alias: string) => hosts.find((h) => h.alias === alias)!;
    expect(by('inner').jump).toMatchObject({ host: '198.51.100.1' });
    expect(by('deep')).toMatchObject({ jump: null });
    expect(by('deep').note).toMatch(/jump host inner has a ProxyJump of its own/);
    expect(by('listed')).toMatchObject({ jump: null });
    expect(by('listed').note).toMatch(/chain of jump hosts/);
  });

  it('parses jump specs the way ssh -J writes them', () => {
    expect(parseJumpSpec('bastion')).toEqual({ user: null, host: 'bastion', port: null });
    expect(parseJumpSpec('ops@10.0.0.1:2222')).toEqual({ user: 'ops', host: '10.0.0.1', port: 2222 });
    expect(parseJumpSpec('ssh://ops@[fe80::1]:22')).toEqual({ user: 'ops', host: 'fe80::1', port: 22 });
    expect(parseJumpSpec('ops@host:99999')).toBeNull();
    expect(parseJumpSpec('a b')).toBeNull();
    expect(parseJumpSpec('')).toBeNull();
  });

  it('gives nothing for an empty config and survives junk', () => {
    expect(hostsFromSshConfig('', '/h', 'u')).toEqual([]);
    expect(() => hostsFromSshConfig('\u0000garbage = = =\nHost\n', '/h', 'u')).not.toThrow();
  });
});
