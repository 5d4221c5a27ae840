import { describe, expect, it } from 'vitest';
import type { Alert } from '../../shared/domain';
import { DEFAULT_POLICY, Escalator } from './escalation';
import { testAlert } from './test-alerts';

const T0 = 1_000_000;
const alert = (over: Partial<Alert> = {}): Alert => testAlert({ id: 'a', serverId: 's', summary: 's is DOWN', startedAt: T0, ...over });
const MIN = 60_000;
const reasons = (e: Escalator, a: Alert[], now: number) => e.due(a, now).map((n) => `${n.alert.id}:${n.reason}:${n.level}`);

describe('escalation ladder', () => {
  it('notifies at once, escalates after the wait, then repeats a bounded number of times', () => {
    const e = new Escalator();
    expect(reasons(e, [alert()], T0)).toEqual(['a:raised:0']);
    expect(reasons(e, [alert()], T0 + 14 * MIN)).toEqual([]);
    expect(reasons(e, [alert()], T0 + 15 * MIN)).toEqual(['a:escalated:1']);
    expect(reasons(e, [alert()], T0 + 74 * MIN)).toEqual([]);
    expect(reasons(e, [alert()], T0 + 75 * MIN)).toEqual(['a:repeat:1']);
    let now = T0 + 75 * MIN;
    const repeats: string[] = [];
    for (let i = 0; i < 10; i++) {
      now += 60 * MIN;
      repeats.push(...reasons(e, [alert()], now));
    }
    expect(repeats).toHaveLength(DEFAULT_POLICY.maxRepeats - 1);
  });

  it('stops when acknowledged, pauses while silenced or inhibited, never for info', () => {
    const e = new Escalator();
    expect(reasons(e, [alert({ silencedBy: 'x' }), alert({ id: 'b', inhibited: true }), alert({ id: 'c', severity: 'info' })], T0)).toEqual([]);
    expect(reasons(e, [alert()], T0 + MIN)).toEqual(['a:raised:0']);
    expect(reasons(e, [alert({ ackedAt: T0 + 2 * MIN, ackedBy: 'me' })], T0 + 20 * MIN)).toEqual([]);
  });

  it('warnings notify once; a resolved and re-raised alert starts over', () => {
    const e = new Escalator();
    const w = alert({ id: 'w', severity: 'warning' });
    expect(reasons(e, [w], T0)).toEqual(['w:raised:0']);
    expect(reasons(e, [w], T0 + 10 * 60 * MIN)).toEqual([]);
    expect(reasons(e, [], T0 + 11 * 60 * MIN)).toEqual([]);
    expect(reasons(e, [{ ...w, startedAt: T0 + 12 * 60 * MIN }], T0 + 12 * 60 * MIN)).toEqual(['w:raised:0']);
  });
});

describe('escalation state across a restart', () => {
  it('neither pages again from the start nor forgets a pending escalation', async () => {
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { openHistoryStore } = await import('../history/history-store');
    const { sqliteEscalationStore } = await import('./escalation-store');
    const path = join(mkdtempSync(join(tmpdir(), 'ym-esc-')), 'h.sqlite');
    let history = openHistoryStore(path);
    const first = new Escalator(DEFAULT_POLICY, sqliteEscalationStore(history.db));
    expect(reasons(first, [alert(), alert({ id: 'gone' })], T0)).toEqual(['a:raised:0', 'gone:raised:0']);
    expect(reasons(first, [alert()], T0 + MIN)).toEqual([]);
    history.close();

    // The console restarts with the alert still open: no second "raised", and the 15-minute step still comes.
    history = openHistoryStore(path);
    const second = new Escalator(DEFAULT_POLICY, sqliteEscalationStore(history.db));
    expect(reasons(second, [alert()], T0 + 2 * MIN)).toEqual([]);
    expect(reasons(second, [alert()], T0 + 15 * MIN)).toEqual(['a:escalated:1']);
    expect(history.db.prepare('SELECT alert_id FROM alert_escalations').all()).toEqual([{ alert_id: 'a' }]);
    history.close();
  });
});
