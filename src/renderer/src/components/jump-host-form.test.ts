import { describe, expect, it } from 'vitest';
import { EMPTY_JUMP, jumpFromConfig, jumpFromImport, jumpToInput } from './jump-host-form';

describe('jump host form state', () => {
  it('round-trips a saved jump host', () => {
    const saved = { host: '203.0.113.7', port: 2201, user: 'jumper', privateKeyPath: '/k', sshAuth: 'key' as const };
    expect(jumpToInput(jumpFromConfig(saved), true)).toEqual(saved);
  });

  it('unticked: removes a saved jump host when editing, sends nothing when adding', () => {
    expect(jumpToInput(EMPTY_JUMP, true)).toBeNull();
    expect(jumpToInput(EMPTY_JUMP, false)).toBeUndefined();
  });

  it('an imported ProxyJump without IdentityFile uses the agent; an empty port is not a number (the schema says so)', () => {
    expect(jumpFromImport({ host: 'b', port: 22, user: 'u', identityFile: null })).toMatchObject({ enabled: true, sshAuth: 'agent', privateKeyPath: '' });
    expect(jumpToInput({ ...EMPTY_JUMP, enabled: true, port: ' ' }, false)?.port).toBeNaN();
  });
});
