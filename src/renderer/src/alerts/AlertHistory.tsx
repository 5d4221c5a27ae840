// Every alert of the chosen range (kept in the history database), filterable and searchable, with
// how long it lasted, when it was acknowledged and resolved.
import { useMemo, useState } from 'react';
import { CreateReportButton } from '../reports/CreateReportButton';
import type { Alert, ServerView } from '../../../shared/domain';
import { formatDuration } from '../format';
import { filterHistory, NO_FILTER, type HistoryFilter } from './history-filter';

export function AlertHistory({ alerts, views, now }: { alerts: Alert[]; views: ServerView[]; now: number }) {
  const [f, setF] = useState<HistoryFilter>(NO_FILTER);
  const names = useMemo(() => new Map(views.map((v) => [v.config.id, v.config.name])), [views]);
  const name = (id: string) => names.get(id) ?? 'removed server';
  const rules = useMemo(() => [...new Set(alerts.map((a) => a.rule))].sort(), [alerts]);
  const shown = filterHistory(alerts, f, name);
  return (
    <section className="panel" aria-label="Alert history" data-testid="alert-history">
      <h2>History</h2>
      <div className="toolbar">
        <input type="search" aria-label="Search alerts" placeholder="Search summary, rule, server, agent" value={f.search} onChange={(e) => setF({ ...f, search: e.target.value })} />
        <select aria-label="Filter by severity" value={f.severity} onChange={(e) => setF({ ...f, severity: e.target.value })}>
          <option value="">Any severity</option>
          <option value="critical">critical</option>
          <option value="warning">warning</option>
          <option value="info">info</option>
        </select>
        <select aria-label="Filter by server" value={f.serverId} onChange={(e) => setF({ ...f, serverId: e.target.value })}>
          <option value="">Any server</option>
          {views.map((v) => (
            <option key={v.config.id} value={v.config.id}>
              {v.config.name}
            </option>
          ))}
        </select>
        <select aria-label="Filter by rule" value={f.rule} onChange={(e) => setF({ ...f, rule: e.target.value })}>
          <option value="">Any rule</option>
          {rules.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
        <select aria-label="Filter by state" value={f.state} onChange={(e) => setF({ ...f, state: e.target.value as HistoryFilter['state'] })}>
          <option value="">Active and resolved</option>
          <option value="active">Active</option>
          <option value="resolved">Resolved</option>
        </select>
        <span className="muted" data-testid="history-count">
          {shown.length} of {alerts.length}
        </span>
      </div>
      {shown.length === 0 ? (
        <p className="muted">No alert in this range matches.</p>
      ) : (
        <div className="table-box">
          <table className="mini" aria-label="Alerts in range">
            <thead>
              <tr>
                <th scope="col">Started</th>
                <th scope="col">Server</th>
                <th scope="col">Severity</th>
                <th scope="col">Rule</th>
                <th scope="col">Summary</th>
                <th scope="col">Lasted</th>
                <th scope="col">Acknowledged after</th>
                <th scope="col">Resolved</th>
                <th scope="col">Report</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((a) => (
                <tr key={a.id} data-testid="history-row" data-rule={a.rule} data-server-name={name(a.serverId)} data-state={a.resolvedAt === null ? 'active' : 'resolved'}>
                  <td>{new Date(a.startedAt).toLocaleString()}</td>
                  <td>{name(a.serverId)}</td>
                  <td>
                    <span className={`sev sev-${a.severity}`}>{a.severity}</span>
                  </td>
                  <td className="agent-id">{a.rule}</td>
                  <td>{a.summary}</td>
                  <td data-testid="history-duration">{formatDuration((a.resolvedAt ?? now) - a.startedAt)}{a.resolvedAt === null ? ' so far' : ''}</td>
                  <td>{a.ackedAt !== null ? formatDuration(a.ackedAt - a.startedAt) : 'not acknowledged'}</td>
                  <td>{a.resolvedAt !== null ? new Date(a.resolvedAt).toLocaleString() : 'active'}</td>
                  <td>
                    <CreateReportButton from={{ alertId: a.id }} label="Create report" />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
