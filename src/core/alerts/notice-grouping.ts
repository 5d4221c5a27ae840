// Groups the notices of a fault storm: when many servers raise the same alert within moments, the
// operator gets one notification per storm (per rule, level and reason) that still lists every
// server, instead of being paged a hundred times. Notices wait for a short quiet spell (no new notice
// for `quietMs`, but never longer than `maxWaitMs` after the first); a batch holding a single notice
// of its kind goes out exactly as it came.
import type { NoticeGroup } from '../../shared/alert-groups';
import type { Notice } from './escalation';

export type GroupedNotice = Notice & { group?: NoticeGroup };

export interface NoticeGroupingOptions {
  emit: (notice: GroupedNotice) => void;
  /** Default 3 s: the crashes of one storm reach the console within a retry interval of each other. */
  quietMs?: number;
  /** Default 20 s: a storm that keeps growing is still told about this soon after it began. */
  maxWaitMs?: number;
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

/** How many servers a grouped notification's text names before "and N more" (the group lists all). */
const NAMED_IN_TEXT = 10;

export class NoticeGrouping {
  private pending: Notice[] = [];
  private firstAt = 0;
  private timer: unknown = null;
  private readonly quietMs: number;
  private readonly maxWaitMs: number;
  private readonly now: () => number;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;

  constructor(private readonly o: NoticeGroupingOptions) {
    this.quietMs = o.quietMs ?? 3_000;
    this.maxWaitMs = o.maxWaitMs ?? 20_000;
    this.now = o.now ?? Date.now;
    this.setTimer =
      o.setTimer ??
      ((fn, ms) => {
        const t = setTimeout(fn, ms);
        t.unref?.();
        return t;
      });
    this.clearTimer = o.clearTimer ?? ((h) => clearTimeout(h as NodeJS.Timeout));
  }

  add(notice: Notice): void {
    const now = this.now();
    if (this.pending.length === 0) this.firstAt = now;
    this.pending.push(notice);
    if (this.timer !== null) this.clearTimer(this.timer);
    const wait = Math.max(0, Math.min(this.quietMs, this.firstAt + this.maxWaitMs - now));
    this.timer = this.setTimer(() => this.flush(), wait);
  }

  /** Sends what is waiting now (also at shutdown). */
  flush(): void {
    if (this.timer !== null) this.clearTimer(this.timer);
    this.timer = null;
    const batch = this.pending;
    this.pending = [];
    for (const notices of groupsOf(batch)) this.o.emit(notices.length === 1 ? notices[0]! : grouped(notices));
  }

  waiting(): number {
    return this.pending.length;
  }
}

/** Notices of the same rule, level and reason, in arrival order; one server's notice counts once. */
function groupsOf(batch: Notice[]): Notice[][] {
  const byKey = new Map<string, Map<string, Notice>>();
  for (const n of batch) {
    const key = `${n.alert.rule}\u0000${n.level}\u0000${n.reason}`;
    let group = byKey.get(key);
    if (!group) byKey.set(key, (group = new Map()));
    group.set(n.alert.id, n);
  }
  return [...byKey.values()].map((g) => [...g.values()]);
}

function grouped(notices: Notice[]): GroupedNotice {
  const first = notices[0]!;
  const servers = notices.map((n) => ({ serverId: n.alert.serverId, alertId: n.alert.id, summary: n.alert.summary }));
  const named = servers.slice(0, NAMED_IN_TEXT).map((s) => s.summary);
  const more = servers.length - named.length;
  const summary = `${first.alert.rule} on ${servers.length} servers: ${named.join('; ')}${more > 0 ? `; and ${more} more` : ''}`;
  const targets = [...new Set(notices.flatMap((n) => n.targets))];
  return { ...first, targets, alert: { ...first.alert, summary }, group: { rule: first.alert.rule, count: servers.length, servers } };
}
