// The shell scripts the rollout runs on a server, built only from validated values: versions and ids
// matched by strict patterns, state-dir expressions from openclaw-location (validated paths), service
// commands split into plain words and quoted again. Nothing typed reaches a shell unquoted.
import type { ServiceManager } from '../../shared/rollout';
import { shellQuote } from '../ssh/shell-quote';
import { parseServiceCommand } from './service-command';
import { VERSION_RE } from './versions';

export interface OpenclawCall {
  /** `env OPENCLAW_STATE_DIR=…` when the server names a state dir, else empty. */
  env: string[];
  /** The openclaw binary (a validated absolute path, or "openclaw" from PATH). */
  bin: string;
  /** --profile NAME when the server names a profile. */
  flags: string[];
  /** Shell expression of the state directory (may contain $HOME / ${OPENCLAW_STATE_DIR:-…}). */
  stateDir: string;
}

const oc = (c: OpenclawCall, ...args: string[]) => [...c.env, c.bin, ...c.flags, ...args].map(shellQuote).join(' ');
const version = (v: string) => {
  if (!VERSION_RE.test(v)) throw new Error('bad version');
  return v;
};

export function precheckScript(c: OpenclawCall): string {
  return [
    `S="${c.stateDir}"`,
    `echo "version=$(${oc(c, '--version')} 2>/dev/null | awk '{print $2}' | head -1)"`,
    `echo "free_kb=$(df -Pk "$(dirname "$S")" 2>/dev/null | awk 'NR==2{print $4}')"`,
    `echo "state_kb=$(du -sk "$S" 2>/dev/null | awk '{print $1}')"`,
    'echo ---',
    `${oc(c, 'update', 'status', '--json', '--timeout', '30')} 2>/dev/null`,
    'exit 0',
  ].join('\n');
}

/** Exit codes of the backup job: 11 tar failed, 12 archive corrupt, 13 checksum failed. */
export function backupBody(c: OpenclawCall, rolloutId: string, retention: number): string {
  const keep = Math.max(1, Math.floor(retention));
  return [
    `S="${c.stateDir}"`,
    'B="$HOME/.yardmaster/backups"; mkdir -p "$B" || exit 10',
    `F="$B/openclaw-state-$(date -u +%Y%m%dT%H%M%SZ)-${rolloutId.slice(0, 8).replace(/[^A-Za-z0-9]/g, '')}.tar.gz"`,
    // Exit 1 is "a file changed as we read it" (a live gateway's logs); anything worse fails.
    'tar -czf "$F.tmp" -C "$(dirname "$S")" --exclude="$(basename "$S")/logs" "$(basename "$S")"; rc=$?; [ $rc -le 1 ] || exit 11',
    'gzip -t "$F.tmp" || exit 12',
    'mv "$F.tmp" "$F" || exit 12',
    'sum=$(sha256sum "$F" | cut -d" " -f1); [ ${#sum} -eq 64 ] || exit 13',
    'echo "path=$F"; echo "bytes=$(stat -c %s "$F")"; echo "sha256=$sum"',
    `ls -1t "$B"/openclaw-state-*.tar.gz 2>/dev/null | tail -n +${keep + 1} | while read -r old; do rm -f "$old"; done`,
    'echo "kept=$(ls -1 "$B"/openclaw-state-*.tar.gz | wc -l)"',
  ].join('\n');
}

/** The update job: schema versions of the installed package before and after, then the updater's JSON. */
export function updateBody(c: OpenclawCall, target: string, restart: boolean): string {
  const schema = `node -e 'try{const p=require(process.argv[1]+"/package.json");console.log(JSON.stringify(p.openclaw&&p.openclaw.schemaVersions||null))}catch(e){console.log("null")}' "$R"`;
  return [
    // The package root: bin/openclaw links to <root>/openclaw.mjs in an npm-global install.
    `R=$(dirname "$(readlink -f "$(command -v ${shellQuote(c.bin)})")")`,
    `echo "schema-before=$(${schema})" > "$0/schema"`,
    `${oc(c, 'update', '--tag', version(target), '--yes', '--json', '--timeout', '1800', ...(restart ? [] : ['--no-restart']))} > "$0/update.json"`,
    'rc=$?',
    `echo "schema-after=$(${schema})" >> "$0/schema"`,
    'cat "$0/schema"; echo ---; cat "$0/update.json"',
    'exit $rc',
  ].join('\n');
}

/** Exit codes: 21 checksum mismatch, 22 could not move the current state aside, 23 unpack failed. */
export function restoreBody(c: OpenclawCall, backupPath: string, sha256: string): string {
  if (!/^\/[A-Za-z0-9._/-]+\.tar\.gz$/.test(backupPath) || !/^[0-9a-f]{64}$/.test(sha256)) throw new Error('bad backup reference');
  return [
    `S="${c.stateDir}"; F=${shellQuote(backupPath)}`,
    `[ "$(sha256sum "$F" | cut -d" " -f1)" = "${sha256}" ] || exit 21`,
    'if [ -e "$S" ]; then mv "$S" "$S.pre-rollback-$(date -u +%Y%m%dT%H%M%SZ)" || exit 22; fi',
    'tar -xzf "$F" -C "$(dirname "$S")" || exit 23',
    'echo restored=1',
  ].join('\n');
}

export function doctorScript(c: OpenclawCall): string {
  return `${oc(c, 'doctor', '--lint', '--json', '--severity-min', 'error')} 2>/dev/null`;
}

export function versionScript(c: OpenclawCall): string {
  return `${oc(c, '--version')} 2>/dev/null | awk '{print $2}' | head -1`;
}

export function updateStatusScript(c: OpenclawCall): string {
  return `${oc(c, 'update', 'status', '--json', '--timeout', '30')} 2>/dev/null`;
}

const runtimeDir = 'XDG_RUNTIME_DIR="${XDG_RUNTIME_DIR:-/run/user/$(id -u)}"';

/** Stop / start / status of the gateway per service manager (exit 0 = done / running). */
export function serviceScript(m: ServiceManager, action: 'start' | 'stop' | 'status'): string {
  switch (m.kind) {
    case 'custom':
      return parseServiceCommand(action, m[action]).map(shellQuote).join(' ');
    case 'systemd-user':
      return `${runtimeDir} systemctl --user ${action === 'status' ? 'is-active --quiet' : action} ${shellQuote(m.unit)}`;
    case 'systemd-system':
      return `systemctl ${action === 'status' ? 'is-active --quiet' : action} ${shellQuote(m.unit)}`;
    case 'launchd':
      return action === 'status' ? `launchctl list ${shellQuote(m.label)} >/dev/null` : `launchctl ${action} ${shellQuote(m.label)}`;
  }
}

/** key=value lines before a "---" line, then the rest. */
export function splitKeyValues(stdout: string): { values: Record<string, string>; rest: string } {
  const i = stdout.indexOf('\n---\n');
  const head = i >= 0 ? stdout.slice(0, i) : stdout;
  const values: Record<string, string> = {};
  for (const line of head.split('\n')) {
    const m = /^([a-z0-9_-]+)=(.*)$/.exec(line.trim());
    if (m) values[m[1]!] = m[2]!;
  }
  return { values, rest: i >= 0 ? stdout.slice(i + 5) : '' };
}
