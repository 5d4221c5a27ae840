import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { META_JS, parseStoreMeta, storeMetaArgv } from './session-store-meta';

// The columns of OpenClaw 2026.9.6's session_nodes that matter here (from its dist schema), with
// content-bearing ones (label, display_name, entry_json's prompt report) filled with a sentinel.
const SCHEMA = `CREATE TABLE session_nodes (
  session_key TEXT NOT NULL PRIMARY KEY, current_session_id TEXT NOT NULL, entry_json TEXT NOT NULL,
  updated_at INTEGER NOT NULL, status TEXT, label TEXT, display_name TEXT, archived_at INTEGER) STRICT`;
const SENTINEL = 'SECRET-SENTINEL-7f3a';

function fakeState(): string {
  const dir = mkdtempSync(join(tmpdir(), 'ym-meta-'));
  mkdirSync(join(dir, 'agents', 'main', 'agent'), { recursive: true });
  const db = new DatabaseSync(join(dir, 'agents', 'main', 'agent', 'openclaw-agent.sqlite'));
  db.exec('PRAGMA journal_mode = WAL');
  db.exec(SCHEMA);
  const put = db.prepare('INSERT INTO session_nodes VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const entry = (o: object) => JSON.stringify({ ...o, label: SENTINEL, systemPromptReport: { text: SENTINEL } });
  put.run('agent:main:main', 'a', entry({ totalTokens: 54000, compactionCount: 2 }), 3, 'done', SENTINEL, SENTINEL, null);
  put.run('agent:main:idle', 'b', entry({ totalTokens: 0 }), 2, null, SENTINEL, SENTINEL, null);
  put.run('cron:job-1', 'c', entry({}), 1, null, null, null, null);
  put.run('agent:main:old', 'd', entry({ totalTokens: 10, compactionCount: 9 }), 0, null, null, null, 12345);
  db.close();
  // An old-era agent: sessions.json only.
  mkdirSync(join(dir, 'agents', 'legacy', 'sessions'), { recursive: true });
  writeFileSync(
    join(dir, 'agents', 'legacy', 'sessions', 'sessions.json'),
    JSON.stringify({ 'agent:legacy:main': { totalTokens: 100, compactionCount: 1, label: SENTINEL }, 'agent:legacy:x': { totalTokens: 0 } }),
  );
  return dir;
}

describe('session store metadata (remote script, run here against a real SQLite file)', () => {
  it('reads row counts, zero-token rows and compaction counts, and nothing else', () => {
    const dir = fakeState();
    const stdout = execFileSync(process.execPath, ['-e', META_JS, dir], { encoding: 'utf8' });
    expect(stdout).not.toContain(SENTINEL);
    const meta = parseStoreMeta(stdout);
    const main = meta.agents.find((a) => a.agentId === 'main')!;
    // Archived rows do not count (OpenClaw's maxEntries ignores them too).
    expect(main).toMatchObject({ era: 'sqlite', rows: 3, zeroTokenRows: 2 });
    expect([...main.compactions]).toEqual([['agent:main:main', 2]]);
    const legacy = meta.agents.find((a) => a.agentId === 'legacy')!;
    expect(legacy).toMatchObject({ era: 'json', rows: 2, zeroTokenRows: 1 });
    expect([...legacy.compactions]).toEqual([['agent:legacy:main', 1]]);
    expect(meta.errors).toEqual([]);
  });

  it('runs through sh exactly as it would over SSH (quoting of the script and the state dir)', () => {
    const dir = fakeState();
    const argv = storeMetaArgv({ stateDir: dir }, null);
    const stdout = execFileSync(argv[0]!, argv.slice(1), { encoding: 'utf8', env: { ...process.env, PATH: `${join(process.execPath, '..')}:${process.env.PATH}` } });
    expect(parseStoreMeta(stdout).agents.map((a) => a.agentId).sort()).toEqual(['legacy', 'main']);
  });

  it('reports an unreadable store as an error for that agent, not a failure of the whole read', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ym-meta-'));
    mkdirSync(join(dir, 'agents', 'main', 'agent'), { recursive: true });
    writeFileSync(join(dir, 'agents', 'main', 'agent', 'openclaw-agent.sqlite'), 'not a database at all, just text padding'.repeat(50));
    const meta = parseStoreMeta(execFileSync(process.execPath, ['-e', META_JS, dir], { encoding: 'utf8' }));
    expect(meta.agents).toEqual([]);
    expect(meta.errors).toEqual([{ agentId: 'main', reason: expect.stringMatching(/^[A-Za-z0-9_-]+$/) }]);
  });

  it('rejects malformed output and drops hostile values', () => {
    expect(() => parseStoreMeta('nope')).toThrow(/not JSON/);
    expect(() => parseStoreMeta('{"v":2,"agents":[]}')).toThrow(/unexpected shape/);
    const meta = parseStoreMeta(
      JSON.stringify({
        v: 1,
        agents: [
          { a: '../etc', e: 'sqlite', n: 1, z: 0, c: [] },
          { a: 'ok', e: 'sqlite', n: 5, z: 9, c: [['agent:ok:main', 3], ['<script>', 1], ['agent:ok:x', -1], 'junk'] },
          { a: 'bad', e: 'sqlite', n: 'many', z: 0 },
          { a: 'err', err: 'SQLITE_BUSY; rm -rf' },
        ],
      }),
    );
    expect(meta.agents).toHaveLength(1);
    expect(meta.agents[0]).toMatchObject({ agentId: 'ok', rows: 5, zeroTokenRows: 5 });
    expect([...meta.agents[0]!.compactions]).toEqual([['agent:ok:main', 3]]);
    expect(meta.errors).toEqual([{ agentId: 'err', reason: 'SQLITE_BUSYrm-rf' }]);
  });
});
