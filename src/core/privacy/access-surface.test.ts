import { describe, expect, it } from 'vitest';
import { methodInputs } from '../../shared/contract';

describe('what a window may ask the console to touch', () => {
  it('the SSH config import takes no path (no file-existence oracle)', () => {
    expect(methodInputs['inventory.sshConfigHosts'].safeParse({ path: '/etc/shadow' }).success).toBe(false);
    expect(methodInputs['inventory.sshConfigHosts'].safeParse({}).success).toBe(true);
  });
});
