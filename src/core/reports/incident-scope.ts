// Which time span and which servers a report covers, from what it was asked for. An incident runs from
// its onset (the first step away from UP, or the alert) to its resolution; the report window adds a
// lead-in before (what was happening before the break) and a tail after.
import type { Alert, ServerStatus, StatusTransition } from '../../shared/domain';
import type { ReportSource } from './report-source';

export const DEFAULT_LEAD_IN_MS = 6 * 3_600_000;
export const DEFAULT_TAIL_MS = 3_600_000;
/** A step away from UP this long before an alert is taken as the same incident's onset. */
const ONSET_LOOKBACK_MS = 15 * 60_000;
/** Alerts raised this close to the incident belong to it (a storm raises many within seconds). */
const RELATED_SLACK_MS = 5 * 60_000;

export type ScopeRequest =
  | { kind: 'alert'; alertId: string }
  | { kind: 'server'; serverId: string; from: number; to: number }
  | { kind: 'range'; from: number; to: number };

export interface IncidentScope {
  startedAt: number;
  resolvedAt: number | null;
  /** The end used for "during" numbers: the resolution, or now while it is still going on. */
  endedAt: number;
  window: { from: number; to: number };
  serverIds: string[];
  /** Alerts that belong to the incident (raised inside it, on its servers). */
  alerts: Alert[];
  origin: Alert | null;
}

export class ScopeError extends Error {}

export function resolveScope(
  request: ScopeRequest,
  source: ReportSource,
  fleetIds: string[],
  now: number,
  leadInMs = DEFAULT_LEAD_IN_MS,
  tailMs = DEFAULT_TAIL_MS,
): IncidentScope {
  let startedAt: number;
  let resolvedAt: number | null;
  let serverIds: string[];
  let origin: Alert | null = null;
  if (request.kind === 'alert') {
    origin = source.alertById(request.alertId);
    if (!origin) throw new ScopeError('No alert with that id in the history (it may be older than the retention).');
    resolvedAt = origin.resolvedAt;
    startedAt = onsetBefore(source.transitions([origin.serverId], origin.startedAt - ONSET_LOOKBACK_MS, origin.startedAt), origin.startedAt);
    serverIds = [origin.serverId];
  } else {
    if (request.to <= request.from) throw new ScopeError('The end of the range must be after its start.');
    startedAt = request.from;
    resolvedAt = Math.min(request.to, now);
    serverIds = request.kind === 'server' ? [request.serverId] : [];
    leadInMs = 0;
    tailMs = 0;
  }
  const endedAt = resolvedAt ?? now;
  const related = source
    .alerts(startedAt, endedAt)
    .filter((a) => a.startedAt >= startedAt - RELATED_SLACK_MS && a.startedAt <= endedAt + RELATED_SLACK_MS);
  const inScope = (a: Alert) => request.kind === 'range' || serverIds.includes(a.serverId) || (origin !== null && a.startedAt - origin.startedAt <= RELATED_SLACK_MS && a.severity === origin.severity);
  const alerts = related.filter(inScope);
  if (origin && !alerts.some((a) => a.id === origin!.id)) alerts.unshift(origin);
  if (request.kind === 'range') {
    const touched = new Set([...alerts.map((a) => a.serverId), ...source.transitions(null, startedAt, endedAt).map((t) => t.serverId)]);
    serverIds = fleetIds.filter((id) => touched.has(id));
    for (const id of touched) if (!serverIds.includes(id)) serverIds.push(id);
  } else {
    for (const a of alerts) if (!serverIds.includes(a.serverId)) serverIds.push(a.serverId);
  }
  return {
    startedAt,
    resolvedAt,
    endedAt,
    window: { from: startedAt - leadInMs, to: Math.min(now, endedAt + tailMs) },
    serverIds,
    alerts,
    origin,
  };
}

/** The latest step away from UP at or before `at` (PENDING precedes a confirmed DOWN by seconds). */
function onsetBefore(transitions: StatusTransition[], at: number): number {
  const away = transitions.filter((t) => t.from === 'UP' && t.to !== 'UP' && t.at <= at);
  return away.length ? away[away.length - 1]!.at : at;
}

/** Milliseconds a server spent DOWN inside [from, to], from its transitions and its state at `from`. */
export function downMsWithin(initial: ServerStatus | null, transitions: StatusTransition[], from: number, to: number): number {
  let state = initial;
  let since = from;
  let total = 0;
  for (const t of transitions) {
    if (t.at < from || t.at > to) continue;
    if (state === 'DOWN') total += t.at - since;
    state = t.to;
    since = t.at;
  }
  if (state === 'DOWN') total += to - since;
  return total;
}
