// Console API about the console itself: what it is, its health, and the SSH-config import.
import type { AppInfo } from '../../shared/domain';
import type { ConsoleHealth } from '../../shared/contract';
import { readSshConfigHosts } from '../inventory/ssh-config-import';
import { AppError, type Handlers } from '../router';

export function appHandlers(d: { info: () => AppInfo; health: () => ConsoleHealth }): Pick<Handlers, 'app.info' | 'console.health'> {
  return {
    'app.info': () => d.info(),
    'console.health': () => d.health(),
  };
}

export function inventoryHandlers(d: { sshConfigPath?: string }): Pick<Handlers, 'inventory.sshConfigHosts'> {
  return {
    'inventory.sshConfigHosts': async () => {
      try {
        return await readSshConfigHosts(d.sshConfigPath);
      } catch {
        // Not the error text: it would name paths and what exists there.
        throw new AppError('invalid-input', 'Could not read the SSH config the console was started with.');
      }
    },
  };
}
