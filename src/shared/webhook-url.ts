// Alert messages name servers, agents and what is wrong: they go over TLS, except to this machine
// (a local relay or bridge), where plain http cannot be read on the way.
const LOOPBACK_HOSTS = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;

/** Why a webhook URL is refused, or null when it may be used. */
export function webhookUrlProblem(url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return 'not a URL';
  }
  if (!u.hostname) return 'no host';
  if (u.protocol === 'https:') return null;
  if (u.protocol === 'http:') return LOOPBACK_HOSTS.test(u.hostname) ? null : 'plain http only to this machine (127.0.0.1, ::1, localhost); use https';
  return 'an http(s) URL';
}
