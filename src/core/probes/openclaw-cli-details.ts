// Sessions and heartbeat jobs through the CLI, for servers watched without the WebSocket. Both
// commands start a whole OpenClaw CLI (seconds of CPU on the server), so they run at the RPC cadence,
// not every poll, and never fail the probe: liveness is already known by then.
import type { HeartbeatJob, SessionFacts } from '../../shared/domain';
import type { SkippedRows } from '../../shared/skipped-rows';
import { parseHeartbeatJobs, parseSessionsList } from '../gateway/rpc-facts';
import type { SshSession } from '../ssh/ssh-session';
import { openclawArgv } from './openclaw-locator';
import { cliSelectors, type OpenclawLocation } from './openclaw-location';
import { parseJsonDocument } from './openclaw-output';

export interface CliDetails {
  sessions: SessionFacts[] | null;
  heartbeats: HeartbeatJob[] | null;
  /** What could not be read, in words (shown beside the CLI note). */
  problems: string[];
  /** Session rows the parser did not take, by why. */
  skippedRows: SkippedRows[];
}

export async function readCliDetails(session: SshSession, bin: string, location: OpenclawLocation, timeoutMs = 30_000): Promise<CliDetails> {
  const { envPrefix, flags } = cliSelectors(location);
  const run = async (args: string[], label: string): Promise<unknown | string> => {
    const r = await session.exec([...envPrefix, ...openclawArgv(bin, [...flags, ...args])], { timeoutMs, maxOutputBytes: 16 * 1024 * 1024 }).catch((err: Error) => err.message);
    if (typeof r === 'string') return `${label}: ${r}`;
    if (r.truncated) return `${label}: output too large`;
    if (r.timedOut) return `${label}: timed out`;
    if (r.code !== 0) return `${label}: exited ${r.code}`;
    try {
      return parseJsonDocument(r.stdout, label);
    } catch (err) {
      return `${label}: ${(err as Error).message}`;
    }
  };
  // Metadata only: `sessions` lists store rows (no transcript); the allowlist parsers drop the rest.
  const [sessions, cron] = await Promise.all([
    run(['sessions', '--all-agents', '--json', '--limit', 'all'], 'openclaw sessions'),
    run(['cron', 'list', '--all', '--json'], 'openclaw cron list'),
  ]);
  const problems = [sessions, cron].filter((x): x is string => typeof x === 'string');
  const listed = typeof sessions === 'string' ? null : parseSessionsList(sessions);
  return {
    sessions: listed?.sessions ?? null,
    skippedRows: listed?.skipped ?? [],
    heartbeats: typeof cron === 'string' ? null : parseHeartbeatJobs(cron),
    problems,
  };
}
