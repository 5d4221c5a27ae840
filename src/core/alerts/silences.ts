// Silences: matchers + a time window + who and why, kept in SQLite.
import { randomUUID } from 'node:crypto';
import type { Alert, Silence } from '../../shared/domain';
import type { Database } from '../history/sqlite';

export function silenceMatches(s: Silence, a: Pick<Alert, 'rule' | 'serverId' | 'agentId'>, now: number): boolean {
  if (now < s.startsAt || now >= s.endsAt) return false;
  const m = s.matchers;
  return (m.rule === undefined || m.rule === a.rule) && (m.serverId === undefined || m.serverId === a.serverId) && (m.agentId === undefined || m.agentId === a.agentId);
}

export class SilenceStore {
  constructor(private readonly db: Database) {}

  create(matchers: Silence['matchers'], now: number, durationMs: number, author: string, comment: string): Silence {
    const s: Silence = { id: randomUUID(), matchers, startsAt: now, endsAt: now + durationMs, author, comment };
    this.db
      .prepare('INSERT INTO silences (id, matchers_json, starts_at, ends_at, author, comment) VALUES (?, ?, ?, ?, ?, ?)')
      .run(s.id, JSON.stringify(matchers), s.startsAt, s.endsAt, author, comment);
    return s;
  }

  /** Ends a silence now (kept for the record). */
  expire(id: string, now: number): boolean {
    return Number(this.db.prepare('UPDATE silences SET ends_at = ? WHERE id = ? AND ends_at > ?').run(now, id, now).changes) > 0;
  }

  active(now: number): Silence[] {
    const rows = this.db.prepare('SELECT * FROM silences WHERE starts_at <= ? AND ends_at > ? ORDER BY ends_at').all(now, now) as Array<Record<string, unknown>>;
    return rows.map((r) => ({
      id: r.id as string,
      matchers: JSON.parse(r.matchers_json as string) as Silence['matchers'],
      startsAt: r.starts_at as number,
      endsAt: r.ends_at as number,
      author: r.author as string,
      comment: r.comment as string,
    }));
  }
}
