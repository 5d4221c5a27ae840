// Which hygiene actions a server's OpenClaw version really offers, from what was checked on real
// gateways (docs/hygiene-commands.md). An action a version lacks is shown unavailable, with the reason.
import type { HygieneAction } from '../../shared/hygiene';

/** The oldest version the commands were checked on; both checked versions have the same surface. */
export const CHECKED_FROM = '2026.9.5';
export const CHECKED_VERSIONS = ['2026.9.5', '2026.9.6'] as const;

/** Never available in a hygiene run, whatever the version. */
const NEVER: Partial<Record<HygieneAction, string>> = {
  'prune-strict': 'OpenClaw takes no limits from the caller: `sessions cleanup` and the sessions.cleanup RPC read them only from the server\'s session.maintenance',
  'reclaim-space': '`doctor --session-sqlite compact` needs the gateway stopped (exclusive state lock); hygiene runs are restart-free',
};

/** YYYY.M.D[-N] → comparable numbers; null when the text is not an OpenClaw version. */
export function versionKey(v: string | null | undefined): [number, number, number, number] | null {
  const m = /^(\d{4})\.(\d{1,2})\.(\d{1,2})(?:-(\d+))?/.exec(v ?? '');
  return m ? [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4] ?? 0)] : null;
}

function atLeast(v: string, min: string): boolean {
  const a = versionKey(v);
  const b = versionKey(min)!;
  if (!a) return false;
  for (let i = 0; i < 4; i++) if (a[i] !== b[i]) return a[i]! > b[i]!;
  return true;
}

/** Why an action is unavailable on a server running `version`, or null when it can run. */
export function unavailableReason(action: HygieneAction, version: string | null): string | null {
  const never = NEVER[action];
  if (never) return never;
  if (!version) return 'the server\'s OpenClaw version is not known yet';
  if (!atLeast(version, CHECKED_FROM)) return `not checked on OpenClaw ${version} (checked on ${CHECKED_VERSIONS.join(' and ')})`;
  return null;
}

/** Actions a policy can never run anywhere: a clear error when it is saved. */
export function neverAvailable(actions: readonly HygieneAction[]): Array<{ action: HygieneAction; reason: string }> {
  return actions.flatMap((a) => (NEVER[a] ? [{ action: a, reason: NEVER[a] }] : []));
}
