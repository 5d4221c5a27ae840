// A server's heartbeat jobs per agent: cadence, last run, outcome in colour and words, errors in a
// row, and when the next run is due ("overdue by 3m" rather than a time in the past).
import type { HeartbeatJob } from '../../../shared/domain';
import { formatAgo, formatDuration, formatEvery, formatUntil } from '../format';

function Outcome({ job, now }: { job: HeartbeatJob; now: number }) {
  if (job.runningAtMs !== null) return <span className="hb hb-running">running {formatDuration(now - job.runningAtMs)}</span>;
  const s = job.lastRunStatus;
  if (!s) return <span className="muted">—</span>;
  const bad = /error|fail|timeout/i.test(s);
  return (
    <span className={bad ? 'hb hb-error' : s === 'ok' ? 'hb hb-ok' : 'hb'} data-testid="heartbeat-outcome" data-outcome={s}>
      {bad ? '✗ ' : s === 'ok' ? '✓ ' : ''}
      {s}
      {bad && job.lastErrorReason ? ` (${job.lastErrorReason})` : ''}
    </span>
  );
}

export function HeartbeatTable({ jobs, now, stale }: { jobs: HeartbeatJob[] | null; now: number; stale: boolean }) {
  if (!jobs?.length) return <p className="muted">No heartbeat jobs reported (CLI-only access, or an older gateway).</p>;
  return (
    <table className="mini" data-testid="heartbeats">
      <thead>
        <tr>
          <th scope="col">Agent</th>
          <th scope="col">Every</th>
          <th scope="col">Last run</th>
          <th scope="col">Outcome</th>
          <th scope="col">Errors in a row</th>
          <th scope="col">Next</th>
        </tr>
      </thead>
      <tbody>
        {jobs.map((h) => (
          <tr key={h.agentId}>
            <td className="agent-id">{h.agentId}</td>
            <td>{h.enabled ? formatEvery(h.everyMs) : 'off'}</td>
            <td>{h.lastRunAtMs != null ? formatAgo(h.lastRunAtMs, now) : 'not yet'}</td>
            <td>
              <Outcome job={h} now={now} />
            </td>
            <td className={(h.consecutiveErrors ?? 0) > 0 ? 'overdue' : undefined}>{h.consecutiveErrors ?? 0}</td>
            <td data-testid="heartbeat-next">{!h.enabled ? '—' : stale ? 'not checked (paused)' : h.nextRunAtMs != null ? formatUntil(h.nextRunAtMs, now) : '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
