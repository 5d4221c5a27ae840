// The console's one database (history.sqlite in the data dir): opened and migrated once, with a
// repository per concern on the same connection, and one retention prune for all of them.
import { sqliteAlertStore, type AlertStore } from '../alerts/alert-store';
import { sqliteEscalationStore } from '../alerts/escalation-store';
import type { EscalationStateStore } from '../alerts/escalation';
import { SilenceStore } from '../alerts/silences';
import { ChannelOutbox } from '../channels/outbox';
import { HealthHistory } from '../history/health-history';
import { historyStoreOn, type HistoryStore } from '../history/history-store';
import { historyMigrations } from '../history/migrations';
import { batchWrites, commitWrites, migrate, openDatabase, type Database } from '../history/sqlite';
import { ConsoleJournal } from '../journal/journal-store';
import { pruneDatabase, retentionRules, type RetentionLimits } from './retention';
import { ephemeralPseudonyms, type Pseudonyms } from '../privacy/pseudonyms';
import { PRIVACY_MIGRATIONS, registerPrivacyFunctions } from '../privacy/privacy-migrations';

export interface ConsoleDatabase {
  readonly db: Database;
  /** Probe samples, latest snapshots, status transitions, metric series. */
  readonly history: HistoryStore;
  /** Session-health series, latest sessions/agents, compaction markers. */
  readonly health: HealthHistory;
  readonly alerts: AlertStore;
  readonly silences: SilenceStore;
  readonly escalations: EscalationStateStore;
  readonly outbox: ChannelOutbox;
  /** Dated facts for incident reports (notices, deliveries, restarts, changes, rollout steps, hygiene runs). */
  readonly journal: ConsoleJournal;
  /** Session keys as they are stored (the install's pseudonyms). */
  readonly pseudonyms: Pseudonyms;
  /** Every table's retention, chunked and yielding to the event loop. */
  prune(now: number): Promise<{ deleted: number }>;
  close(): void;
}

/** `path` may be ':memory:' (unit tests); pseudonyms are the install's (an ephemeral secret when not given). */
export function openConsoleDatabase(
  path: string,
  limits?: RetentionLimits,
  pseudonyms: Pseudonyms = ephemeralPseudonyms(),
  onCommitError?: (err: Error) => void,
): ConsoleDatabase {
  const rules = retentionRules(limits);
  const db = openDatabase(path);
  registerPrivacyFunctions(db, pseudonyms);
  const applied = migrate(db, historyMigrations);
  // What the privacy migrations took out must not linger in the write-ahead log either.
  if (applied.some((v) => PRIVACY_MIGRATIONS.includes(v))) db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  // One commit a second for all of the fleet's writes, instead of one per snapshot.
  batchWrites(db, 1_000, onCommitError);
  const history = historyStoreOn(db);
  let pruning: Promise<{ deleted: number }> | null = null;
  const journal = new ConsoleJournal(db);
  return {
    db,
    history,
    health: new HealthHistory(db),
    alerts: sqliteAlertStore(db),
    silences: new SilenceStore(db),
    escalations: sqliteEscalationStore(db),
    outbox: new ChannelOutbox(db, journal),
    journal,
    pseudonyms,
    // Never two prunes at once (the hourly one may meet a long first one).
    prune: (now) => (pruning ??= pruneDatabase(db, now, { rules }).finally(() => (pruning = null))),
    close: () => {
      history.flushLatest();
      commitWrites(db);
      db.close();
    },
  };
}
