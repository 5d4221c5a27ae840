// The journal table: appended facts come back in time order; anything that is not ids and numbers
// (a sentence, a URL, a path) is refused at the door; retention deletes entries older than a year.
import { describe, expect, it } from 'vitest';
import { openConsoleDatabase } from '../db/console-database';
import { pruneDatabase, RECORD_RETENTION } from '../db/retention';
import type { JournalRecord } from './journal-facts';

const DAY = 24 * 3_600_000;
const NOW = Date.UTC(2026, 11, 2, 6, 0, 0);
const versionChange = (at: number, serverId = 's1'): JournalRecord => ({ kind: 'version-change', at, serverId, facts: { from: '2026.9.5', to: '2026.9.6' } });

describe('console journal', () => {
  it('reads a window back oldest first, entries of the same instant in the order written', () => {
    const { journal, close } = openConsoleDatabase(':memory:');
    journal.append(versionChange(NOW + 2_000));
    journal.append({ kind: 'config-change', at: NOW, serverId: 's1', facts: { source: 'gateway-event', changed: 0, keys: [] } });
    journal.append({ kind: 'alert-notice', at: NOW, serverId: 's1', alertId: 'a1', facts: { reason: 'raised', level: 0, targets: ['desktop', 'webhooks'], rule: 'server-down', severity: 'critical' } });
    journal.append(versionChange(NOW + 10_000));
    const got = journal.between(NOW, NOW + 5_000);
    expect(got.map((e) => [e.at, e.kind])).toEqual([
      [NOW, 'config-change'],
      [NOW, 'alert-notice'],
      [NOW + 2_000, 'version-change'],
    ]);
    expect(got[1]).toEqual({ kind: 'alert-notice', at: NOW, serverId: 's1', alertId: 'a1', facts: { reason: 'raised', level: 0, targets: ['desktop', 'webhooks'], rule: 'server-down', severity: 'critical' } });
    close();
  });

  it('refuses free text, URLs, paths and non-finite numbers, and writes nothing of them', () => {
    const { journal, db, close } = openConsoleDatabase(':memory:');
    const bad: unknown[] = [
      { kind: 'version-change', at: NOW, serverId: 's1', facts: { from: 'gateway said: out of memory', to: '2026.9.6' } },
      { kind: 'channel-delivery', at: NOW, serverId: 's1', alertId: 'a1', facts: { channel: 'webhook', channelId: 'https://hooks.example/T000/secret', reason: 'raised', ok: true, attempts: 1, rule: 'server-down', severity: 'critical' } },
      { kind: 'config-change', at: NOW, serverId: 's1', facts: { source: 'projection', changed: 1, keys: ['/etc/openclaw/config.json'] } },
      { kind: 'rollout-step', at: NOW, serverId: 's1', facts: { rolloutId: 'r1', step: 'update', attempt: 1, outcome: 'ok', exitCode: null, durationMs: Number.NaN } },
      { kind: 'version-change', at: NOW, serverId: 'two words', facts: { from: 'a', to: 'b' } },
      { kind: 'free-text', at: NOW, serverId: 's1', facts: {} },
    ];
    for (const record of bad) expect(journal.append(record as JournalRecord)).toBe(false);
    expect(journal.refused).toBe(bad.length);
    expect(db.prepare('SELECT count(*) AS n FROM journal_entries').get()).toEqual({ n: 0 });
    close();
  });

  it('keeps entries for a year: the retention prune deletes older ones in chunks', async () => {
    const { journal, db, close } = openConsoleDatabase(':memory:');
    for (let i = 0; i < 25; i++) journal.append(versionChange(NOW - RECORD_RETENTION.journalMs - (i + 1) * DAY));
    journal.append(versionChange(NOW - RECORD_RETENTION.journalMs + DAY));
    journal.append(versionChange(NOW - DAY));
    const { byTable } = await pruneDatabase(db, NOW, { chunk: 10 });
    expect(byTable.journal_entries).toBe(25);
    expect(journal.between(0, NOW).map((e) => e.at)).toEqual([NOW - RECORD_RETENTION.journalMs + DAY, NOW - DAY]);
    close();
  });

  it('a write after the database closed is counted, not thrown into its source', () => {
    const { journal, close } = openConsoleDatabase(':memory:');
    close();
    expect(journal.append(versionChange(NOW))).toBe(false);
    expect(journal.failed).toBe(1);
  });
});
