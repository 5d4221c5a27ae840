import { describe, expect, it } from 'vitest';
import { probeFailure } from './ssh-errors';
import { SshPool } from './ssh-pool';
import type { SshSession, SshTarget } from './ssh-session';

const target: SshTarget = { host: 'h', port: 22, username: 'u', privateKeyPath: '/k', knownHostsPath: '/kh' };

function fakeSession(): SshSession & { closed: boolean; alive: boolean } {
  const s = {
    closed: false,
    alive: true,
    isOpen: () => s.alive,
    exec: async () => ({ code: 0, signal: null, stdout: '', stderr: '', truncated: false, timedOut: false }),
    forwardToLoopback: async () => {
      throw new Error('unused');
    },
    close: () => {
      s.closed = true;
      s.alive = false;
    },
  };
  return s;
}

describe('ssh pool', () => {
  it('reuses one open connection and reopens a dead one', async () => {
    let opened = 0;
    const sessions: ReturnType<typeof fakeSession>[] = [];
    const pool = new SshPool({
      open: async () => {
        opened++;
        const s = fakeSession();
        sessions.push(s);
        return s;
      },
    });
    const a = await pool.session('s1', target);
    expect(await pool.session('s1', target)).toBe(a);
    expect(opened).toBe(1);
    sessions[0]!.alive = false;
    await pool.session('s1', target);
    expect(opened).toBe(2);
  });

  it('joins a handshake already under way', async () => {
    let opened = 0;
    const pool = new SshPool({ open: async () => (opened++, fakeSession()) });
    const [a, b] = await Promise.all([pool.session('s1', target), pool.session('s1', target)]);
    expect(a).toBe(b);
    expect(opened).toBe(1);
  });

  it('backs off after failures, with growing delays, then retries', async () => {
    let now = 0;
    let attempts = 0;
    const pool = new SshPool({
      now: () => now,
      random: () => 0.5, // jitter factor 1.0
      backoffBaseMs: 1000,
      open: async () => {
        attempts++;
        throw probeFailure('ssh-unreachable', 'refused');
      },
    });
    await expect(pool.session('s1', target)).rejects.toThrow('refused');
    await expect(pool.session('s1', target)).rejects.toThrow('refused'); // inside the 1 s window: no new attempt
    expect(attempts).toBe(1);
    now = 1001;
    await expect(pool.session('s1', target)).rejects.toThrow('refused');
    expect(attempts).toBe(2);
    now = 2500; // second delay is 2 s
    await expect(pool.session('s1', target)).rejects.toThrow('refused');
    expect(attempts).toBe(2);
  });

  it('never reuses a connection after the server entry changed', async () => {
    const sessions: ReturnType<typeof fakeSession>[] = [];
    const pool = new SshPool({ open: async () => (sessions.push(fakeSession()), sessions[sessions.length - 1]!) });
    await pool.session('s1', target);
    await pool.session('s1', { ...target, knownHostsPath: '/other' });
    expect(sessions).toHaveLength(2);
    expect(sessions[0]!.closed).toBe(true);
  });

  it('keeps a handshake waiting for its turn when a probe times out (reopen), and closes an open connection', async () => {
    let release: () => void = () => {};
    let opened = 0;
    const pool = new SshPool({
      maxConcurrentHandshakes: 1,
      open: async () => {
        opened++;
        if (opened === 1) await new Promise<void>((r) => (release = r));
        return fakeSession();
      },
    });
    const first = pool.session('a', target);
    const queued = pool.session('b', target);
    // b's probe missed its deadline while b waited behind a: its place in the queue is kept.
    pool.reopen('b');
    release();
    const [, b] = await Promise.all([first, queued]);
    expect(await pool.session('b', target)).toBe(b);
    expect(opened).toBe(2);
    // An open connection is closed and made again.
    pool.reopen('b');
    expect(b.isOpen()).toBe(false);
    await pool.session('b', target);
    expect(opened).toBe(3);
  });

  it('caps handshakes in flight', async () => {
    let inFlight = 0;
    let peak = 0;
    const pool = new SshPool({
      maxConcurrentHandshakes: 2,
      open: async () => {
        inFlight++;
        peak = Math.max(peak, inFlight);
        await new Promise((r) => setTimeout(r, 20));
        inFlight--;
        return fakeSession();
      },
    });
    await Promise.all(['a', 'b', 'c', 'd', 'e'].map((id) => pool.session(id, target)));
    expect(peak).toBe(2);
  });

  it('closes a connection whose handshake finished after the server was dropped (defect 5)', async () => {
    const session = fakeSession();
    let finish!: (s: SshSession) => void;
    const pool = new SshPool({ open: () => new Promise<SshSession>((r) => (finish = r)) });
    const pending = pool.session('s1', target);
    await new Promise((r) => setImmediate(r));
    pool.drop('s1');
    finish(session);
    await expect(pending).rejects.toThrow(/dropped/);
    expect(session.closed).toBe(true);
  });
});
