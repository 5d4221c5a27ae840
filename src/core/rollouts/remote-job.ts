// Long steps (backup, update, restore) run on the server as detached jobs: started with setsid into
// their own directory (pid, stdout, stderr, exit code), then polled. They outlive a dropped SSH
// connection or a killed console, and a console that comes back finds the job by its name and adopts
// its result instead of running the step again.
import { shellQuote } from '../ssh/shell-quote';
import type { Clock } from './clock';

export interface RemoteShell {
  /** Runs a POSIX sh script on the server as the SSH user (the remote side enforces the timeout). */
  sh(serverId: string, script: string, timeoutMs: number): Promise<{ code: number | null; stdout: string; stderr: string; timedOut: boolean }>;
}

export interface JobResult {
  /** null: the job died without writing its exit code (killed, server rebooted). */
  exitCode: number | null;
  stdout: string;
  /** The job was already finished when asked for (adopted after a console restart). */
  adopted: boolean;
  waitedMs: number;
}

const SAFE_NAME = /^[A-Za-z0-9._-]{1,120}$/;

export function jobDir(rolloutId: string, jobKey: string): string {
  if (!SAFE_NAME.test(rolloutId) || !SAFE_NAME.test(jobKey)) throw new Error('unsafe job name');
  return `$HOME/.yardmaster/rollouts/${rolloutId}/${jobKey}`;
}

/** The launch script: adopt a finished job, leave a running one alone, or start it detached. */
export function launchScript(dir: string, body: string): string {
  // The body runs in a subshell, so its own `exit N` still leaves the exit code behind.
  const inner = `(\n${body}\n)\necho $? > "$0/rc.tmp"; mv "$0/rc.tmp" "$0/rc"`;
  return [
    `d="${dir}"`,
    'if [ -f "$d/rc" ]; then echo state=done; exit 0; fi',
    'mkdir -p "$(dirname "$d")" || exit 70',
    // mkdir is atomic: of two launches at once, exactly one starts the job.
    'if mkdir "$d" 2>/dev/null; then',
    `  setsid sh -c 'echo $$ > "$0/pid"; exec sh -c "$1" "$0" > "$0/out" 2> "$0/err" < /dev/null' "$d" ${shellQuote(inner)} < /dev/null > /dev/null 2>&1 &`,
    '  started=1',
    'fi',
    // The pid file is there before this returns, so a poll right after never mistakes the job for lost.
    'i=0; while [ ! -f "$d/pid" ] && [ ! -f "$d/rc" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done',
    'if [ -n "${started:-}" ]; then echo state=started; else echo state=running; fi',
  ].join('\n');
}

export function pollScript(dir: string, maxOutBytes: number): string {
  return [
    `d="${dir}"`,
    `if [ -f "$d/rc" ]; then echo "rc=$(cat "$d/rc")"; head -c ${maxOutBytes} "$d/out"; exit 0; fi`,
    'if [ -f "$d/pid" ] && kill -0 "$(cat "$d/pid")" 2>/dev/null; then echo running; else echo lost; fi',
  ].join('\n');
}

export async function runJob(
  shell: RemoteShell,
  clock: Clock,
  o: { serverId: string; rolloutId: string; jobKey: string; body: string; timeoutMs: number; pollMs?: number; maxOutBytes?: number },
): Promise<JobResult> {
  const dir = jobDir(o.rolloutId, o.jobKey);
  const t0 = clock.now();
  const launched = await shell.sh(o.serverId, launchScript(dir, o.body), 30_000);
  if (launched.code !== 0) return { exitCode: null, stdout: '', adopted: false, waitedMs: clock.now() - t0 };
  const adopted = !launched.stdout.includes('state=started');
  const deadline = t0 + o.timeoutMs;
  for (;;) {
    const polled = await shell.sh(o.serverId, pollScript(dir, o.maxOutBytes ?? 1_000_000), 30_000).catch(() => null);
    const first = polled?.stdout.split('\n', 1)[0] ?? '';
    const rc = /^rc=(\d+)$/.exec(first);
    if (rc) return { exitCode: Number(rc[1]), stdout: polled!.stdout.slice(first.length + 1), adopted, waitedMs: clock.now() - t0 };
    if (first === 'lost') return { exitCode: null, stdout: '', adopted, waitedMs: clock.now() - t0 };
    if (clock.now() >= deadline) return { exitCode: null, stdout: '', adopted, waitedMs: clock.now() - t0 };
    await clock.sleep(o.pollMs ?? 3_000);
  }
}
