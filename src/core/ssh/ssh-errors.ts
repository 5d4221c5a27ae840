import type { ProbeError } from '../../shared/domain';
import type { HostKeyVerdict } from './known-hosts';

export class ProbeFailure extends Error {
  constructor(readonly probeError: ProbeError) {
    super(probeError.message);
  }
}

// Messages can quote server output (stderr, JSON error text): strip terminal escapes and other
// control characters, and cap the length, before they reach the window, history or logs.
const CONTROL = /\u001b\[[0-9;?]*[ -/]*[@-~]|[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
export const cleanMessage = (text: string, max = 1000): string => {
  const cleaned = text.replace(CONTROL, '');
  return cleaned.length > max ? `${cleaned.slice(0, max)}…` : cleaned;
};

export const probeFailure = (kind: ProbeError['kind'], message: string, detail?: Record<string, string>) =>
  new ProbeFailure(detail ? { kind, message: cleanMessage(message), detail } : { kind, message: cleanMessage(message) });

export function hostKeyFailure(v: Exclude<HostKeyVerdict, { verdict: 'trusted' }>, name: string, knownHostsPath: string, offeredKey: Buffer): ProbeFailure {
  switch (v.verdict) {
    case 'unknown':
      // The offered public key rides along (it is public) so the operator can trust exactly this key.
      return probeFailure(
        'host-key-unknown',
        `Host key for ${name} is not in ${knownHostsPath}. Offered ${v.keyType ?? 'key'} ${v.fingerprint}. Verify it out of band, then trust it.` +
          (v.certAuthorityLine
            ? ` (${knownHostsPath}:${v.certAuthorityLine} trusts a certificate authority for this host, but Yardmaster cannot check host certificates: its SSH library negotiates none.)`
            : ''),
        { fingerprint: v.fingerprint, keyType: v.keyType ?? '', key: offeredKey.toString('base64') },
      );
    case 'new-type':
      // Same kind as a first contact (the operator can trust it), but worded as the warning it is.
      return probeFailure(
        'host-key-unknown',
        `WARNING: ${name} is known by its ${v.knownTypes.join(', ')} host key, but now offers none of those, only ${v.keyType ?? 'another'} key ${v.fingerprint}. This can be an attack. Trust it only after checking this fingerprint on the server itself.`,
        { fingerprint: v.fingerprint, keyType: v.keyType ?? '', key: offeredKey.toString('base64'), knownTypes: v.knownTypes.join(',') },
      );
    case 'changed':
      return probeFailure(
        'host-key-changed',
        `HOST KEY CHANGED for ${name}: offered ${v.keyType ?? 'key'} ${v.fingerprint} differs from ${knownHostsPath}:${v.knownLine}. Refusing to connect; this can be an attack.`,
        { fingerprint: v.fingerprint, knownLine: String(v.knownLine) },
      );
    case 'revoked':
      return probeFailure('host-key-changed', `Host key for ${name} is revoked in ${knownHostsPath}:${v.knownLine}. Refusing to connect.`, {
        fingerprint: v.fingerprint,
      });
  }
}

/** Maps ssh2 / socket errors to named probe errors. */
export function classifySshError(err: Error & { level?: string; code?: string }, name: string): ProbeFailure {
  if (err.level === 'client-authentication') {
    return probeFailure('auth-failed', `SSH authentication failed for ${name}: the server did not accept the key.`);
  }
  if (err.level === 'client-timeout') return probeFailure('ssh-timeout', `SSH handshake with ${name} timed out.`);
  switch (err.code) {
    case 'ECONNREFUSED':
      return probeFailure('ssh-unreachable', `SSH connection to ${name} refused (no sshd listening?).`);
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return probeFailure('ssh-unreachable', `${name} is unreachable (${err.code}).`);
    case 'ETIMEDOUT':
      return probeFailure('ssh-timeout', `TCP connection to ${name} timed out.`);
    case 'ECONNRESET':
      return probeFailure('ssh-error', `SSH connection to ${name} was reset.`);
  }
  return probeFailure('ssh-error', `SSH error with ${name}: ${err.message}`);
}
