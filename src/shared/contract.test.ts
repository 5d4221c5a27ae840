import { describe, expect, it } from 'vitest';
import { isMethodName, methodInputs, serverInputSchema } from './contract';

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

  it('rejects unknown fields on strict methods', () => {
    expect(methodInputs['servers.add'].safeParse({ ...good, extra: 1 }).success).toBe(false);
  });
});
