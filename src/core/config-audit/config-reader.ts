// Reads a server's config for the audit, read-only and redacted by OpenClaw itself:
//  * RPC tier: `config.get` over the existing gateway WebSocket (operator.read is enough);
//  * CLI only: `openclaw config get <root> --json` over SSH, one root at a time (each is a node start, so
//    this runs rarely); values come with OpenClaw's defaults merged, so origins say "set" for those.
// And memory index health: `openclaw memory status --json` over SSH (tier 3).
// Payloads go straight into the allowlist projection and are dropped; none is logged or stored.
import type { ConfigProjection, MemoryIndexAgent } from '../../shared/config-audit';
import { safeText } from '../../shared/config-values';
import { REMOTE_ERROR_LABELS } from '../../shared/error-kinds';
import type { GatewayLink } from '../gateway/gateway-link';
import { openclawArgv } from '../probes/openclaw-locator';
import { cliSelectors, type OpenclawLocation } from '../probes/openclaw-location';
import { cliErrorEnvelope, parseJsonDocument } from '../probes/openclaw-output';
import type { ExecResult, SshSession } from '../ssh/ssh-session';
import { projectConfig, projectConfigGet } from './config-projection';
import { parseMemoryStatus } from './memory-status';

/** A reason the audit shows as text when reading failed. */
export class ConfigReadError extends Error {}

export async function readConfigOverLink(link: GatewayLink): Promise<ConfigProjection> {
  let payload: unknown;
  try {
    payload = await link.call('config.get', {}, 15_000);
  } catch (err) {
    throw new ConfigReadError(`config.get failed: ${safeText((err as Error).message)}`);
  }
  const p = payload as { valid?: unknown; exists?: unknown } | null;
  if (p && p.exists === false) throw new ConfigReadError('the gateway reports no config file');
  return projectConfigGet(payload);
}

/** The config roots the projection needs, current and legacy. */
export const CLI_CONFIG_ROOTS = ['agents', 'memory', 'session', 'update', 'memorySearch', 'heartbeat'] as const;

export interface CliTarget {
  bin: string;
  location: OpenclawLocation;
  timeoutMs?: number;
}

function describeExec(r: ExecResult, what: string): string | null {
  if (r.code === 127) return `\`openclaw\` not found on the server (${what})`;
  if (r.timedOut) return `\`${what}\` did not finish in time`;
  if (r.truncated) return `\`${what}\` printed too much; stopped reading`;
  return null;
}

export async function readConfigOverCli(session: SshSession, t: CliTarget): Promise<ConfigProjection> {
  const { envPrefix, flags } = cliSelectors(t.location);
  const authored: Record<string, unknown> = {};
  const failures: string[] = [];
  for (const root of CLI_CONFIG_ROOTS) {
    const what = `openclaw config get ${root} --json`;
    const r = await session.exec([...envPrefix, ...openclawArgv(t.bin, [...flags, 'config', 'get', root, '--json'])], {
      timeoutMs: t.timeoutMs ?? 20_000,
      maxOutputBytes: 2 * 1024 * 1024,
    });
    const execProblem = describeExec(r, what);
    if (execProblem) throw new ConfigReadError(execProblem);
    let doc: unknown;
    try {
      doc = parseJsonDocument(r.stdout, what);
    } catch {
      throw new ConfigReadError(`\`${what}\` did not print JSON`);
    }
    const envelope = cliErrorEnvelope(doc);
    if (!envelope) {
      authored[root] = doc;
      continue;
    }
    // "valid but unset" (current keys) and unknown paths (legacy keys on a new CLI) both mean absent.
    if (!envelope.valueAbsent) failures.push(`${root}: ${REMOTE_ERROR_LABELS[envelope.kind]} (${envelope.type})`);
  }
  if (failures.length === CLI_CONFIG_ROOTS.length || (failures.length && !Object.keys(authored).length)) {
    throw new ConfigReadError(`openclaw config get failed (${failures[0]})`);
  }
  const projection = projectConfig({ authored });
  projection.problems.push(...failures);
  return projection;
}

export async function readMemoryStatus(session: SshSession, t: CliTarget): Promise<MemoryIndexAgent[]> {
  const { envPrefix, flags } = cliSelectors(t.location);
  const what = 'openclaw memory status --json';
  const r = await session.exec([...envPrefix, ...openclawArgv(t.bin, [...flags, 'memory', 'status', '--json'])], {
    timeoutMs: t.timeoutMs ?? 30_000,
    maxOutputBytes: 4 * 1024 * 1024,
  });
  const execProblem = describeExec(r, what);
  if (execProblem) throw new ConfigReadError(execProblem);
  let doc: unknown;
  try {
    doc = JSON.parse(r.stdout.trim());
  } catch {
    throw new ConfigReadError(`\`${what}\` did not print JSON (exit ${r.code})`);
  }
  const envelope = cliErrorEnvelope(doc);
  if (envelope) throw new ConfigReadError(`${what}: ${REMOTE_ERROR_LABELS[envelope.kind]} (${envelope.type})`);
  try {
    return parseMemoryStatus(doc);
  } catch (err) {
    throw new ConfigReadError((err as Error).message);
  }
}
