// Where the core finds what an SSH connection needs: known_hosts (command line, Settings, else
// ~/.ssh), the console's own trusted-hosts file, the ssh-agent socket and unlocked key passphrases.
// Functions, not values: a changed setting applies to the next connection.
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { CoreOptions } from '../core-options';
import type { MemorySecretStore } from '../secrets';
import type { SettingsStore } from '../settings/settings-store';

export function connectionSettings(o: CoreOptions, settings: SettingsStore, secrets: MemorySecretStore) {
  return {
    knownHostsPath: () => o.knownHostsPath ?? settings.get().knownHostsPath ?? join(homedir(), '.ssh', 'known_hosts'),
    trustedHostsPath: join(o.dataDir, 'known_hosts'),
    agentSocket: () => o.agentSocket ?? process.env.SSH_AUTH_SOCK ?? '',
    passphrase: (id: string) => secrets.get(`passphrase:${id}`),
  };
}
