// The gateway's /readyz answer, allowlisted: readiness and the names of failing checks only.
import type { Readiness } from '../../shared/domain';

const CHECK_NAME = /^[A-Za-z0-9._:@/-]{1,128}$/;

export function parseReadyz(status: number, body: string): Readiness | null {
  let json: unknown = null;
  try {
    json = JSON.parse(body);
  } catch {
    // Not JSON (an old gateway, or something else on the port): the status code alone decides.
  }
  const obj = typeof json === 'object' && json !== null ? (json as Record<string, unknown>) : {};
  const failing = Array.isArray(obj.failing) ? obj.failing.filter((f): f is string => typeof f === 'string' && CHECK_NAME.test(f)).slice(0, 20) : [];
  if (status === 200) return { ready: obj.ready !== false && failing.length === 0, failing };
  if (status === 503) return { ready: false, failing };
  return null;
}
