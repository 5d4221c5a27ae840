// "Alerts & incidents": active alerts grouped by server, silences (and the editor for new ones),
// incidents with TTA/TTR and the full history of the chosen range.
import { useEffect, useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import type { ServerView } from '../../../shared/domain';
import { useApi } from '../hooks/api-context';
import { useAlerts } from '../hooks/use-alerts';
import { useNow } from '../hooks/use-now';
import { ActiveAlerts } from './ActiveAlerts';
import { AlertHistory } from './AlertHistory';
import { IncidentList } from './IncidentList';
import { SilenceEditor, type SilenceDraft } from './SilenceEditor';
import { SilenceList } from './SilenceList';

const DAY = 24 * 3_600_000;
const RANGES: Array<[label: string, ms: number]> = [
  ['24 h', DAY],
  ['7 d', 7 * DAY],
  ['30 d', 30 * DAY],
];

export function AlertsView({ views }: { views: ServerView[] }) {
  const api = useApi();
  const now = useNow(1000);
  const { active, silences } = useAlerts();
  const [rangeMs, setRangeMs] = useState(7 * DAY);
  const [draft, setDraft] = useState<{ d: SilenceDraft; n: number } | null>(null);
  // The range ends "now" as of when it was picked; pushed alert changes refetch it.
  const [to, setTo] = useState(() => Date.now());
  useEffect(() => setTo(Date.now()), [rangeMs, active.dataUpdatedAt]);
  const from = to - rangeMs;
  const history = useQuery({ queryKey: ['alerts', 'history', rangeMs, to], queryFn: () => api.call('alerts.history', { from, to: to + 60_000, limit: 2000 }) });
  const incidents = useQuery({ queryKey: ['alerts', 'incidents', rangeMs, to], queryFn: () => api.call('alerts.incidents', { from, to: to + 60_000 }) });
  const rules = useMemo(() => [...new Set([...(active.data ?? []), ...(history.data ?? [])].map((a) => a.rule))].sort(), [active.data, history.data]);
  const silenceEnd = (id: string) => silences.data?.find((s) => s.id === id)?.endsAt ?? null;
  // The desktop shell points here when its notification is clicked: scroll to the alert and focus it.
  useEffect(
    () =>
      api.bridge.subscribe('ui.focusAlert', (data) => {
        const { alertId } = data as { alertId: string };
        const el = document.querySelector<HTMLElement>(`[data-alert-id="${CSS.escape(alertId)}"]`);
        el?.scrollIntoView({ block: 'center' });
        el?.focus();
      }),
    [api],
  );
  return (
    <div className="view alerts-view" data-testid="alerts-view">
      <ActiveAlerts alerts={active.data ?? []} views={views} now={now} silenceEnd={silenceEnd} onSilence={(d) => setDraft({ d, n: (draft?.n ?? 0) + 1 })} />
      <section className="panel" aria-label="Silences">
        <header className="panel-head">
          <h2>Silences</h2>
          {!draft && (
            <button type="button" className="secondary" onClick={() => setDraft({ d: { rule: '', serverId: '', agentId: '' }, n: 1 })}>
              New silence
            </button>
          )}
        </header>
        {draft && <SilenceEditor key={draft.n} draft={draft.d} views={views} rules={rules} onDone={() => setDraft(null)} />}
        <SilenceList silences={silences.data ?? []} views={views} now={now} />
      </section>
      <div className="range-picker" role="group" aria-label="History range">
        {RANGES.map(([label, ms]) => (
          <button key={ms} type="button" className={ms === rangeMs ? '' : 'secondary'} aria-pressed={ms === rangeMs} onClick={() => setRangeMs(ms)}>
            {label}
          </button>
        ))}
      </div>
      <IncidentList incidents={incidents.data ?? []} views={views} now={now} />
      <AlertHistory alerts={history.data ?? []} views={views} now={now} />
    </div>
  );
}
