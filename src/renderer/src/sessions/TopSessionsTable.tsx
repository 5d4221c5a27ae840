// The most bloated watched sessions (fleet-wide or one server), with their trend and compaction state.
import type { ServerView } from '../../../shared/domain';
import type { SessionHealthRow } from '../../../shared/session-health';
import { formatDuration, formatNumber, formatSlope } from '../format';
import { formatSpan, percent } from './health-chart-data';

export function TopSessionsTable({ rows, views, now, selected, onSelect }: { rows: SessionHealthRow[]; views: ServerView[]; now: number; selected: string | null; onSelect(row: SessionHealthRow): void }) {
  const names = new Map(views.map((v) => [v.config.id, v.config.name]));
  if (!rows.length) return <p className="muted">No sessions with tokens yet.</p>;
  return (
    <table className="mini" data-testid="top-sessions">
      <thead>
        <tr>
          <th>Server</th>
          <th>Session</th>
          <th>Fill</th>
          <th>Tokens</th>
          <th>Growth</th>
          <th>Full in</th>
          <th>Compaction</th>
          <th>Compactions</th>
          <th>Run</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => {
          const id = `${r.serverId}/${r.sessionKey}`;
          return (
            <tr
              key={id}
              data-testid="top-session"
              data-session={r.sessionKey}
              data-fill={r.fill === null ? '' : Math.round(r.fill * 100)}
              aria-selected={selected === id}
              className={selected === id ? 'selected' : undefined}
            >
              <td>{names.get(r.serverId) ?? r.serverId}</td>
              <td>
                <button type="button" className="link" onClick={() => onSelect(r)}>
                  <span className="agent-id">{r.sessionKey}</span>
                </button>
              </td>
              <td>{percent(r.fill)}</td>
              <td>{r.promptTokens !== null ? `${formatNumber(r.promptTokens)} / ${r.budgetTokens !== null ? formatNumber(r.budgetTokens) : '?'}` : '—'}</td>
              <td>{formatSlope(r.trend.slopePerHour)}</td>
              <td data-testid="time-to-overflow">{formatSpan(r.trend.timeToOverflowMs)}</td>
              <td>
                {r.shouldCompact ? <span className="error-text">due{r.compactPolls > 1 ? ` for ${r.compactPolls} polls` : ''}</span> : (r.route ?? '—')}
              </td>
              <td data-testid="compaction-count">{r.compactionCount ?? '?'}</td>
              <td>
                {r.activeRunSince !== null ? `active ${formatDuration(now - r.activeRunSince)}` : (r.status ?? '—')}
                {r.abortedLastRun ? ' · last run aborted' : ''}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
