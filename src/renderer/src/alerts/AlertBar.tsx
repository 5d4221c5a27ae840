// One line under the top bar on every view: how many alerts are active by severity and the worst
// one, linking to the Alerts view. Fixed height, so it never pushes a view down as alerts come and go.
import type { ServerView } from '../../../shared/domain';
import { useAlerts, SEVERITY_ORDER } from '../hooks/use-alerts';
import { hrefFor } from '../routes/hash-route';

export function AlertBar({ views }: { views: ServerView[] }) {
  const { active } = useAlerts();
  const list = active.data ?? [];
  const paused = new Set(views.filter((v) => !v.config.enabled).map((v) => v.config.id));
  const live = list.filter((a) => !a.silencedBy && !a.inhibited);
  const count = (sev: string) => live.filter((a) => a.severity === sev).length;
  const worst = [...live].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || a.startedAt - b.startedAt)[0];
  const quiet = list.length - live.length;
  return (
    <div className={`alert-bar${worst ? ` alert-bar-${worst.severity}` : ''}`} data-testid="alert-bar" role="status" aria-live="polite">
      {list.length === 0 ? (
        <span>No active alerts</span>
      ) : (
        <>
          <span className="alert-bar-counts">
            {count('critical')} critical · {count('warning')} warning{quiet ? ` · ${quiet} silenced or muted` : ''}
          </span>
          {worst && (
            <span className="alert-bar-worst">
              {' '}
              — {worst.summary}
              {paused.has(worst.serverId) ? ' (server paused, stale)' : ''}
            </span>
          )}
        </>
      )}
      <a href={hrefFor('alerts')} className="alert-bar-link">
        View alerts
      </a>
    </div>
  );
}
