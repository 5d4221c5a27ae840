// Incidents (related alerts of one server over time, grouped by the core): when, how bad, which
// rules, how long to acknowledge (TTA) and to recover (TTR).
import type { Incident } from '../../../shared/console-ui';
import type { ServerView } from '../../../shared/domain';
import { formatDuration } from '../format';
import { hrefFor } from '../routes/hash-route';

export function IncidentList({ incidents, views, now }: { incidents: Incident[]; views: ServerView[]; now: number }) {
  const name = (id: string) => views.find((v) => v.config.id === id)?.config.name ?? 'removed server';
  const resolved = incidents.filter((i) => i.ttrMs !== null);
  const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
  const mtta = mean(incidents.flatMap((i) => (i.ttaMs === null ? [] : [i.ttaMs])));
  const mttr = mean(resolved.map((i) => i.ttrMs!));
  return (
    <section className="panel" aria-label="Incidents" data-testid="incidents">
      <h2>Incidents ({incidents.length})</h2>
      <p className="muted">
        An incident is the alerts of one server that overlap or follow each other within 10 minutes. Mean time to acknowledge {mtta === null ? '—' : formatDuration(mtta)} · mean time
        to recover {mttr === null ? '—' : formatDuration(mttr)}.
      </p>
      {incidents.length === 0 ? (
        <p className="muted">No incidents in this range.</p>
      ) : (
        <div className="table-box">
          <table className="mini" aria-label="Incidents in range">
            <thead>
              <tr>
                <th scope="col">Started</th>
                <th scope="col">Server</th>
                <th scope="col">Severity</th>
                <th scope="col">Alerts</th>
                <th scope="col">Duration</th>
                <th scope="col">TTA</th>
                <th scope="col">TTR</th>
              </tr>
            </thead>
            <tbody>
              {incidents.map((i) => (
                <tr key={i.id} data-testid="incident" data-server-name={name(i.serverId)} data-state={i.resolvedAt === null ? 'open' : 'resolved'}>
                  <td>{new Date(i.startedAt).toLocaleString()}</td>
                  <td>
                    <a href={hrefFor('servers', i.serverId)}>{name(i.serverId)}</a>
                  </td>
                  <td>
                    <span className={`sev sev-${i.severity}`}>{i.severity}</span>
                  </td>
                  <td className="agent-id">
                    {i.alertIds.length} · {i.rules.join(', ')}
                  </td>
                  <td data-testid="incident-duration">{i.resolvedAt === null ? `${formatDuration(now - i.startedAt)}, ongoing` : formatDuration(i.resolvedAt - i.startedAt)}</td>
                  <td>{i.ttaMs === null ? 'not acknowledged' : formatDuration(i.ttaMs)}</td>
                  <td data-testid="incident-ttr">{i.ttrMs === null ? 'ongoing' : formatDuration(i.ttrMs)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
