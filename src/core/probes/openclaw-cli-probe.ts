// Probe over SSH with the `openclaw` CLI: version, then health. Read-only commands only.
import type { AgentSummary } from '../../shared/domain';
import type { ExecResult, SshSession } from '../ssh/ssh-session';
import { probeFailure } from '../ssh/ssh-errors';
import { REMOTE_ERROR_LABELS } from '../../shared/error-kinds';
import { classifyRemoteText } from '../privacy/remote-text';
import { cliErrorEnvelope, parseHealth, parseJsonDocument, parseVersionOutput } from './openclaw-output';
import { locateOpenclaw, openclawArgv } from './openclaw-locator';
import { cliSelectors, type OpenclawLocation } from './openclaw-location';

export interface CliProbeFacts {
  version: string;
  build: string | null;
  agents: AgentSummary[];
}

export interface CliProbeOptions {
  /** Path or name of the openclaw binary on the server. */
  openclawCommand?: string;
  /** Which OpenClaw state (profile or state dir) on servers that run several. */
  location?: OpenclawLocation;
  /** Where an earlier probe found openclaw off the PATH; updated when it has to look. */
  located?: { get(): string | undefined; set(path: string): void };
  commandTimeoutMs?: number;
  maxOutputBytes?: number;
}

function checkExec(result: ExecResult, command: string, maxOutputBytes: number): void {
  if (result.truncated) {
    throw probeFailure('output-too-large', `\`${command}\` printed more than ${maxOutputBytes} bytes; stopped reading.`);
  }
  if (result.timedOut) throw probeFailure('command-timeout', `\`${command}\` did not finish in time on the server.`);
  // 127: the shell found no such command (not on the PATH of a non-interactive SSH session).
  if (result.code === 127) {
    throw probeFailure(
      'openclaw-missing',
      `\`openclaw\` was not found on the server: not on the PATH of SSH commands, not in a login shell, not in the usual install prefixes. Set its full path for this server (e.g. from \`command -v openclaw\` in a login shell).`,
    );
  }
}

export async function probeOpenclawCli(session: SshSession, options: CliProbeOptions = {}): Promise<CliProbeFacts> {
  let bin = options.openclawCommand ?? options.located?.get() ?? 'openclaw';
  const { envPrefix, flags } = cliSelectors(options.location ?? {});
  const timeoutMs = options.commandTimeoutMs ?? 15_000;
  const maxOutputBytes = options.maxOutputBytes ?? 4 * 1024 * 1024;

  let versionRun = await session.exec(openclawArgv(bin, ['--version']), { timeoutMs, maxOutputBytes: 64 * 1024 });
  if (versionRun.code === 127 && !options.openclawCommand) {
    // Not on the non-interactive PATH: look where installs usually put it, once.
    const found = await locateOpenclaw(session);
    if (found) {
      bin = found;
      options.located?.set(found);
      versionRun = await session.exec(openclawArgv(bin, ['--version']), { timeoutMs, maxOutputBytes: 64 * 1024 });
    }
  }
  checkExec(versionRun, 'openclaw --version', 64 * 1024);
  if (versionRun.code !== 0) {
    const kind = classifyRemoteText(versionRun.stderr);
    throw probeFailure('command-failed', `\`openclaw --version\` exited ${versionRun.code}${kind ? ` (${REMOTE_ERROR_LABELS[kind]})` : ''}.`);
  }
  const { version, build } = parseVersionOutput(versionRun.stdout);

  // The CLI's own gateway timeout stays well inside the remote `timeout`, so a dead gateway gives
  // OpenClaw's JSON error rather than a killed process.
  const healthTimeoutMs = Math.max(1000, timeoutMs - 5_000);
  const healthRun = await session.exec([...envPrefix, ...openclawArgv(bin, [...flags, 'health', '--json', '--timeout', String(healthTimeoutMs)])], { timeoutMs, maxOutputBytes });
  checkExec(healthRun, 'openclaw health --json', maxOutputBytes);
  const doc = parseJsonDocument(healthRun.stdout, 'openclaw health --json');
  const envelope = cliErrorEnvelope(doc);
  if (envelope) {
    const kind = envelope.type === 'gateway_transport_error' ? 'gateway-unreachable' : 'command-failed';
    throw probeFailure(kind, `Gateway: ${REMOTE_ERROR_LABELS[envelope.kind]} (${envelope.type}).`);
  }
  if (healthRun.code !== 0) {
    throw probeFailure('command-failed', `\`openclaw health --json\` exited ${healthRun.code}.`);
  }
  const health = parseHealth(doc);
  if (!health.ok) throw probeFailure('gateway-unhealthy', 'Gateway answered but reported ok:false.');
  return { version, build, agents: health.agents };
}
