// A server's status over the chosen range as one bar (segments coloured and titled by status), and
// its status changes with outage lengths and reasons.
import type { StatusTransition } from '../../../shared/domain';
import type { StatusInterval } from '../../../shared/uptime';
import { formatDuration } from '../format';

export function StatusBar({ intervals, from, to }: { intervals: StatusInterval[]; from: number; to: number }) {
  const span = Math.max(1, to - from);
  return (
    <div className="status-bar" role="img" aria-label={`Status over the range: ${intervals.map((i) => `${i.status} ${formatDuration(i.to - i.from)}`).join(', ') || 'nothing observed'}`} data-testid="status-bar">
      {intervals.map((i) => (
        <span
          key={`${i.from}-${i.status}`}
          className={`status-seg seg-${i.status.toLowerCase()}`}
          style={{ left: `${((i.from - from) / span) * 100}%`, width: `${Math.max(0.2, ((i.to - i.from) / span) * 100)}%` }}
          title={`${i.status} ${new Date(i.from).toLocaleString()} – ${new Date(i.to).toLocaleString()} (${formatDuration(i.to - i.from)})`}
          data-status={i.status}
        />
      ))}
    </div>
  );
}

export function TransitionTable({ transitions }: { transitions: StatusTransition[] }) {
  if (!transitions.length) return <p className="muted">No status changes recorded.</p>;
  return (
    <div className="table-box">
      <table className="mini" data-testid="timeline">
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Change</th>
            <th scope="col">Outage</th>
            <th scope="col">Reason</th>
          </tr>
        </thead>
        <tbody>
          {transitions.slice(0, 50).map((t) => (
            <tr key={`${t.at}-${t.to}`} data-testid="transition" data-to={t.to}>
              <td>{new Date(t.at).toLocaleString()}</td>
              <td>
                {t.from} → {t.to}
              </td>
              <td data-testid="outage">{t.outageMs != null ? formatDuration(t.outageMs) : ''}</td>
              <td className="error-text">{t.errorKind ? `${t.errorKind}: ${t.errorMessage ?? ''}` : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
