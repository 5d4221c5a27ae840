// Rows a server returned that the allowlist parsers did not take, counted by why: nothing is dropped
// without a number (issue 17). Only these counts travel, never the rows.
export type SkipReason = 'no-key' | 'key-unreadable' | 'over-limit';

export interface SkippedRows {
  what: 'sessions';
  reason: SkipReason;
  count: number;
}
