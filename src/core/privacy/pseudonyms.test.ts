import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { methodInputs } from '../../shared/contract';
import { ephemeralPseudonyms, installPseudonyms, isSessionPseudonym } from './pseudonyms';

describe('session pseudonyms', () => {
  it('keep the agent and the channel kind, hide the peer, and are stable per install', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ym-pseudo-'));
    const p = installPseudonyms(join(dir, 'sub', 'pseudonym.key'));
    const key = 'agent:main:whatsapp:direct:+15551234567';
    const pseudo = p.session(key);
    expect(pseudo).toMatch(/^main\/whatsapp-direct~[0-9a-f]{10}$/);
    expect(pseudo).not.toContain('5551234567');
    expect(p.session(key)).toBe(pseudo);
    expect(installPseudonyms(join(dir, 'sub', 'pseudonym.key')).session(key)).toBe(pseudo);
    expect(p.session(pseudo)).toBe(pseudo);
    expect(isSessionPseudonym(pseudo)).toBe(true);
    expect(p.session('agent:main:telegram:group:alice-and-bob')).toMatch(/^main\/telegram-group~/);
    expect(p.session('agent:ops:main')).toMatch(/^ops\/main~/);
    // A peer id that looks like a word is still not kept.
    expect(p.session('agent:main:slack:direct:carol')).not.toContain('carol');
    // Another install cannot link the two.
    expect(installPseudonyms(join(dir, 'other.key')).session(key)).not.toBe(pseudo);
    expect(statSync(join(dir, 'sub', 'pseudonym.key')).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'sub')).mode & 0o777).toBe(0o700);
    // The reports' pseudonyms come from the same secret.
    expect(p.of('host', 'h1')).toMatch(/^host-[0-9a-f]{6}$/);
  });

  it('are accepted wherever the window asks for a session by name (its fill chart)', () => {
    const p = ephemeralPseudonyms();
    for (const key of ['agent:main:main', 'agent:ops:whatsapp:direct:+15551234567', 'agent:main:bloat-x1', 'cron:nightly:run:42']) {
      const parsed = methodInputs['sessions.series'].safeParse({ id: 's', dimension: `session:${p.session(key)}`, metric: 'fill', from: 0, to: 1 });
      expect(parsed.success, key).toBe(true);
    }
  });
});
