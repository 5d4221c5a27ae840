// Yardmaster's own known_hosts file: keys the operator trusted in the console after comparing
// fingerprints. The user's ~/.ssh/known_hosts is never written.
import { appendFileSync } from 'node:fs';
import { knownHostsName } from './known-hosts';

export function appendTrustedHostKey(file: string, host: string, port: number, keyType: string, keyBase64: string): void {
  if (!/^[A-Za-z0-9@.-]+$/.test(keyType) || !/^[A-Za-z0-9+/=]+$/.test(keyBase64)) throw new Error('not a host key');
  appendFileSync(file, `${knownHostsName(host, port)} ${keyType} ${keyBase64}\n`, { mode: 0o600 });
}
