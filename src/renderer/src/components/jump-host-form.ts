// The add/edit form's jump host (ProxyJump) part as the operator types it, and its conversion to and
// from the contract's `jumpHost` (one hop; chains are not supported).
import type { JumpHostConfig } from '../../../shared/domain';

export interface JumpFormState {
  enabled: boolean;
  host: string;
  port: string;
  user: string;
  privateKeyPath: string;
  sshAuth: 'key' | 'agent';
}

export const EMPTY_JUMP: JumpFormState = { enabled: false, host: '', port: '22', user: '', privateKeyPath: '~/.ssh/id_ed25519', sshAuth: 'key' };

export function jumpFromConfig(j: JumpHostConfig | null | undefined): JumpFormState {
  if (!j) return EMPTY_JUMP;
  return { enabled: true, host: j.host, port: String(j.port), user: j.user, privateKeyPath: j.privateKeyPath, sshAuth: j.sshAuth ?? 'key' };
}

/** From ~/.ssh/config: no IdentityFile means the agent, as the import does for servers. */
export function jumpFromImport(j: { host: string; port: number; user: string; identityFile: string | null } | null | undefined): JumpFormState {
  if (!j) return EMPTY_JUMP;
  return { enabled: true, host: j.host, port: String(j.port), user: j.user, privateKeyPath: j.identityFile ?? '', sshAuth: j.identityFile ? 'key' : 'agent' };
}

/**
 * What the contract gets. Unticked: null when editing (removes a saved jump host), absent when adding.
 */
export function jumpToInput(j: JumpFormState, editing: boolean): JumpHostConfig | null | undefined {
  if (!j.enabled) return editing ? null : undefined;
  return { host: j.host, port: j.port.trim() === '' ? Number.NaN : Number(j.port), user: j.user, privateKeyPath: j.privateKeyPath, sshAuth: j.sshAuth };
}
