// The detached-job scripts run by a real /bin/sh here (HOME pointed at a temp dir), as on a server.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { systemClock } from './clock';
import { runJob, type RemoteShell } from './remote-job';
import { backupBody, restoreBody, serviceScript, splitKeyValues } from './remote-scripts';

const home = mkdtempSync(join(tmpdir(), 'ym-rollout-job-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

const shell: RemoteShell = {
  sh: (_id, script, timeoutMs) =>
    new Promise((resolve) => {
      execFile('/bin/sh', ['-c', script], { env: { ...process.env, HOME: home }, timeout: timeoutMs }, (err, stdout, stderr) =>
        resolve({ code: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr, timedOut: false }),
      );
    }),
};
const job = (jobKey: string, body: string) => runJob(shell, systemClock, { serverId: 's', rolloutId: 'r-1', jobKey, body, timeoutMs: 20_000, pollMs: 50 });

describe('remote jobs', () => {
  it('runs a job detached and returns its exit code and output', async () => {
    const r = await job('echo-a1-t0', 'echo hello; exit 3');
    expect(r).toMatchObject({ exitCode: 3, stdout: 'hello\n', adopted: false });
  });

  it('a job that finished is adopted, never run again (a console restarted after a crash)', async () => {
    await job('count-a1-t0', 'echo run >> "$HOME/runs"; echo done');
    const again = await job('count-a1-t0', 'echo run >> "$HOME/runs"; echo done');
    expect(again).toMatchObject({ exitCode: 0, adopted: true });
    expect(readFileSync(join(home, 'runs'), 'utf8')).toBe('run\n');
  });

  it('a job still running is waited for, not started twice', async () => {
    const first = job('slow-a1-t0', 'sleep 0.5; echo x >> "$HOME/slow"');
    const second = job('slow-a1-t0', 'sleep 0.5; echo x >> "$HOME/slow"');
    expect((await Promise.all([first, second])).map((r) => r.exitCode)).toEqual([0, 0]);
    expect(readFileSync(join(home, 'slow'), 'utf8')).toBe('x\n');
  });

  it('refuses job names that could leave the job directory', async () => {
    await expect(() => runJob(shell, systemClock, { serverId: 's', rolloutId: '../x', jobKey: 'a', body: '', timeoutMs: 1 })).rejects.toThrow(/unsafe/);
  });

  it('backs up a state dir (size, checksum, retention) and restores it after checking the checksum', async () => {
    const call = { env: [], bin: 'openclaw', flags: [], stateDir: '$HOME/.openclaw' };
    await shell.sh('s', 'mkdir -p "$HOME/.openclaw/logs" && echo v1 > "$HOME/.openclaw/state.db" && echo noise > "$HOME/.openclaw/logs/x.log"', 5_000);
    const made = [];
    for (let i = 0; i < 3; i++) {
      const r = await job(`backup-a${i}-t0`, backupBody(call, 'rollout-abcdef12', 2));
      expect(r.exitCode).toBe(0);
      made.push(splitKeyValues(r.stdout).values);
      await new Promise((res) => setTimeout(res, 1100)); // names carry the second
    }
    const last = made.at(-1)!;
    expect(last.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(Number(last.bytes)).toBeGreaterThan(0);
    expect(last.kept).toBe('2');
    await shell.sh('s', 'echo v2-migrated > "$HOME/.openclaw/state.db"', 5_000);
    expect((await job('restore-bad-a1-t0', restoreBody(call, last.path!, '0'.repeat(64)))).exitCode).toBe(21);
    expect(readFileSync(join(home, '.openclaw/state.db'), 'utf8')).toBe('v2-migrated\n');
    expect((await job('restore-a1-t0', restoreBody(call, last.path!, last.sha256!))).exitCode).toBe(0);
    expect(readFileSync(join(home, '.openclaw/state.db'), 'utf8')).toBe('v1\n');
  }, 20_000);

  it('custom service commands are sent as quoted words', () => {
    expect(serviceScript({ kind: 'custom', start: '/opt/gw/ctl start --port=1', stop: 'docker compose stop', status: 'gw status' }, 'start')).toBe('/opt/gw/ctl start --port=1');
    expect(serviceScript({ kind: 'systemd-user', unit: 'openclaw-gateway.service' }, 'status')).toContain('systemctl --user is-active --quiet openclaw-gateway.service');
  });
});
