// Upgrading a history database an older version wrote: the free text and real session keys it holds
// are taken out, in the database file itself (a real SQLite file, opened the way the console opens it).
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openConsoleDatabase } from '../db/console-database';
import { historyMigrations } from '../history/migrations';
import { migrate, openDatabase, type Database } from '../history/sqlite';
import { installPseudonyms } from './pseudonyms';

const WORDS = 'SENTINEL-c0ffee +15551234567';
const KEY = 'agent:main:whatsapp:direct:+15551234567';

function dump(db: Database): string {
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as Array<{ name: string }>).map((t) => t.name);
  return tables.map((t) => JSON.stringify(db.prepare(`SELECT * FROM "${t}"`).all())).join('\n');
}

describe('privacy migrations', () => {
  it('scrub the free text and pseudonymise the session keys an older version stored', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ym-privacy-mig-'));
    const path = join(dir, 'history.sqlite');
    const old = openDatabase(path);
    migrate(old, historyMigrations.filter((m) => m.version < 21));
    old.prepare('INSERT INTO status_transitions (server_id, ts, from_status, to_status, outage_ms, error_kind, error_message) VALUES (?, ?, ?, ?, ?, ?, ?)').run('s1', 1, 'UP', 'PENDING', null, 'command-failed', `\`openclaw --version\` exited 2: ${WORDS}`);
    const alert = (id: string, rule: string, summary: string) =>
      old.prepare('INSERT INTO alerts (id, rule, severity, server_id, agent_id, summary, started_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(id, rule, 'warning', 's1', 'main', summary, 1);
    alert('a1', 'heartbeat-failing', `ops-1/main: 3 heartbeats failed in a row (tool exec failed: ${WORDS})`);
    alert('a2', 'session-fill-high', `ops-1/main: session ${KEY} context 91 % full`);
    alert('a3', 'gateway-link-refused', `ops-1: gateway refused the WebSocket (gateway-auth-failed); watching through the CLI only: openclaw sessions: starts "${WORDS}"`);
    for (const id of ['a1', 'a2', 'a3']) {
      const row = old.prepare('SELECT * FROM alerts WHERE id = ?').get(id) as { rule: string; summary: string };
      old.prepare("INSERT INTO channel_outbox (channel, alert_id, reason, alert_json, created_at, state) VALUES ('webhook:h', ?, 'raised', ?, 1, 'done')").run(id, JSON.stringify({ id, rule: row.rule, summary: row.summary }));
    }
    const snapshot = { serverId: 's1', status: 'DOWN', error: { kind: 'command-failed', message: WORDS }, factsError: null, gateway: { via: 'cli', note: WORDS }, sessions: [{ key: KEY }], heartbeats: [{ agentId: 'main', lastRunError: WORDS }] };
    old.prepare('INSERT INTO server_latest (server_id, snapshot_json) VALUES (?, ?)').run('s1', JSON.stringify(snapshot));
    old.prepare("INSERT INTO health_samples (server_id, dimension, metric, ts, value) VALUES ('s1', ?, 'fill', 1, 0.9)").run(`session:${KEY}`);
    old.prepare("INSERT INTO health_samples (server_id, dimension, metric, ts, value) VALUES ('s1', 'agent:main', 'rows', 1, 4)").run();
    old.prepare("INSERT INTO health_rollups (resolution_ms, server_id, dimension, metric, bucket, min, max, sum, count) VALUES (60000, 's1', ?, 'fill', 0, 0.9, 0.9, 0.9, 1)").run(`session:${KEY}`);
    old.prepare("INSERT INTO session_latest (server_id, session_key, agent_id, ts, should_compact, compact_polls, aborted_last_run) VALUES ('s1', ?, 'main', 1, 0, 0, 0)").run(KEY);
    old.prepare("INSERT INTO session_compactions (server_id, session_key, ts) VALUES ('s1', ?, 1)").run(KEY);
    old.prepare("INSERT INTO agent_latest (server_id, agent_id, ts, meta_error) VALUES ('s1', 'main', 1, ?)").run(WORDS);
    old.close();

    const pseudonyms = installPseudonyms(join(dir, 'pseudonym.key'));
    const upgraded = openConsoleDatabase(path, undefined, pseudonyms);
    const all = dump(upgraded.db);
    expect(all).not.toContain('SENTINEL');
    expect(all).not.toContain('5551234567');
    const ref = pseudonyms.session(KEY);
    expect(upgraded.health.sessions('s1').map((s) => s.sessionKey)).toEqual([ref]);
    expect(upgraded.health.raw('s1', `session:${ref}`, 'fill', 0)).toHaveLength(1);
    expect(upgraded.health.raw('s1', 'agent:main', 'rows', 0)).toHaveLength(1);
    const summaries = upgraded.db.prepare('SELECT id, summary FROM alerts ORDER BY id').all() as Array<{ id: string; summary: string }>;
    expect(summaries[0]!.summary).toBe('ops-1/main: 3 heartbeats failed in a row (reason not kept)');
    expect(summaries[1]!.summary).toBe(`ops-1/main: session ${ref} context 91 % full`);
    expect(summaries[2]!.summary).toBe('ops-1: gateway refused the WebSocket (gateway-auth-failed); watching through the CLI only');
    const [latest] = upgraded.history.latestSnapshots();
    expect(latest).toMatchObject({ serverId: 's1', status: 'DOWN', error: { kind: 'command-failed' }, sessions: null, heartbeats: null });
    expect(upgraded.history.transitions('s1', 10)).toMatchObject([{ errorKind: 'command-failed', errorMessage: null }]);
    // Not in the file's free pages nor in the write-ahead log either.
    for (const file of [path, `${path}-wal`]) {
      const bytes = existsSync(file) ? readFileSync(file) : Buffer.alloc(0);
      expect(bytes.includes('SENTINEL'), file).toBe(false);
      expect(bytes.includes('5551234567'), file).toBe(false);
    }
    upgraded.close();
  });
});
