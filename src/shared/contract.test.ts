import { describe, expect, it } from 'vitest';
import { isMethodName, methodInputs, serverInputSchema } from './contract';
import { describeInvalidFields } from './field-labels';

const good = { name: 'ops-1', host: 'ops1.example.net', sshPort: 22, sshUser: 'openclaw', privateKeyPath: '/k', gatewayPort: 18789 };

describe('contract', () => {
  it('accepts a well-formed server', () => {
    expect(serverInputSchema.safeParse(good).success).toBe(true);
  });

  it.each([
    ['host with shell metacharacters', { host: 'a;rm -rf /' }],
    ['host pasted as URL', { host: 'ssh://a.example' }],
    ['port out of range', { sshPort: 70000 }],
    ['fractional port', { gatewayPort: 22.5 }],
    ['user with spaces', { sshUser: 'a b' }],
    ['empty name', { name: '   ' }],
  ])('rejects %s', (_label, patch) => {
    expect(serverInputSchema.safeParse({ ...good, ...patch }).success).toBe(false);
  });

  it('keeps HTML in a name as data (it is rendered as text, not rejected)', () => {
    const parsed = serverInputSchema.parse({ ...good, name: '<img src=x onerror=alert(1)>' });
    expect(parsed.name).toBe('<img src=x onerror=alert(1)>');
  });

  it('knows its method names and nothing else', () => {
    expect(isMethodName('servers.list')).toBe(true);
    expect(isMethodName('constructor')).toBe(false);
    expect(isMethodName('__proto__')).toBe(false);
    expect(Object.keys(methodInputs)).toContain('servers.add');
  });

  it("takes one jump host, or null to remove it on update, and validates its fields like the server's", () => {
    const jumpHost = { host: '203.0.113.7', port: 2201, user: 'jumper', privateKeyPath: '', sshAuth: 'agent' as const };
    expect(methodInputs['servers.add'].safeParse({ ...good, jumpHost }).success).toBe(true);
    expect(methodInputs['servers.update'].safeParse({ id: 'x', patch: { jumpHost: null } }).success).toBe(true);
    const bad = methodInputs['servers.add'].safeParse({ ...good, jumpHost: { ...jumpHost, host: 'a;b', port: 0 } });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.path.join('.'))).toEqual(['jumpHost.host', 'jumpHost.port']);
    // A chain (or any extra field) is refused, not silently dropped.
    expect(methodInputs['servers.add'].safeParse({ ...good, jumpHost: { ...jumpHost, jumpHost } }).success).toBe(false);
    expect(describeInvalidFields({ 'jumpHost.host': 'required', 'server.jumpHost.port': '1–65535' })).toBe('Jump host: required; Jump host port: 1–65535');
  });

  it('rejects unknown fields on strict methods', () => {
    expect(methodInputs['servers.add'].safeParse({ ...good, extra: 1 }).success).toBe(false);
  });
});
