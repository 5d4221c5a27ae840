// The store-size script run by a real shell against a state dir laid out like both store eras.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseStoreSizes, storeSizesScript } from './store-sizes';

describe('store sizes', () => {
  it('reports per-agent file sizes and the store era, reading no file contents', () => {
    const home = mkdtempSync(join(tmpdir(), 'ym-store-'));
    const state = join(home, '.openclaw');
    mkdirSync(join(state, 'agents', 'main', 'agent'), { recursive: true });
    writeFileSync(join(state, 'agents', 'main', 'agent', 'openclaw-agent.sqlite'), Buffer.alloc(4096));
    writeFileSync(join(state, 'agents', 'main', 'agent', 'openclaw-agent.sqlite-wal'), Buffer.alloc(100));
    mkdirSync(join(state, 'agents', 'old', 'sessions'), { recursive: true });
    writeFileSync(join(state, 'agents', 'old', 'sessions', 'sessions.json'), '{"x":1}');
    writeFileSync(join(state, 'agents', 'old', 'sessions', 'a.jsonl'), 'x'.repeat(300));
    writeFileSync(join(state, 'agents', 'old', 'sessions', 'b.jsonl'), 'y'.repeat(200));
    mkdirSync(join(state, 'agents', 'new'), { recursive: true });
    const r = spawnSync('sh', ['-c', storeSizesScript()], { env: { HOME: home, PATH: process.env.PATH }, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const byId = Object.fromEntries(parseStoreSizes(r.stdout).map((s) => [s.agentId, s]));
    expect(byId.main).toEqual({ agentId: 'main', era: 'sqlite', dbBytes: 4096, walBytes: 100, legacyStoreBytes: 0, transcriptBytes: 0, transcriptFiles: 0 });
    expect(byId.old).toEqual({ agentId: 'old', era: 'json', dbBytes: 0, walBytes: 0, legacyStoreBytes: 7, transcriptBytes: 500, transcriptFiles: 2 });
    expect(byId.new?.era).toBe('empty');
    // The same through an explicit state dir, with HOME elsewhere.
    const explicit = spawnSync('sh', ['-c', storeSizesScript({ stateDir: state })], { env: { HOME: '/nonexistent', PATH: process.env.PATH }, encoding: 'utf8' });
    expect(parseStoreSizes(explicit.stdout).map((s) => s.agentId).sort()).toEqual(['main', 'new', 'old']);
  });

  it('ignores lines that are not its own', () => {
    expect(parseStoreSizes('store <b> 1 2 3 4 5\nhello\nstore ok 1 2 3 4 5')).toHaveLength(1);
  });
});
