// The last probes of one server as a strip of small bars (like Uptime Kuma's heartbeat bar): each
// bar's colour AND height say how it went (full = up, short = failed, mid = maintenance), and the
// strip's label says it in words for screen readers.
import type { ProbeMark } from '../../../shared/console-ui';
import { formatMs } from '../format';

const CLASS: Record<ProbeMark['status'], string> = { UP: 'up', DOWN: 'down', PENDING: 'down', UNKNOWN: 'down', MAINTENANCE: 'maintenance' };

export function StatusStrip({ marks, length }: { marks: ProbeMark[] | undefined; length: number }) {
  const list = marks ?? [];
  const failed = list.filter((m) => CLASS[m.status] === 'down').length;
  const label = list.length ? `Last ${list.length} probes: ${list.length - failed} up, ${failed} failed` : 'No probes recorded yet';
  const pad = Math.max(0, length - list.length);
  return (
    <span className="strip" role="img" aria-label={label} title={label} data-testid="status-strip" data-failed={failed} data-probes={list.length}>
      {Array.from({ length: pad }, (_, i) => (
        <span key={`pad-${i}`} className="strip-bar strip-none" />
      ))}
      {list.map((m) => (
        <span
          key={m.t}
          className={`strip-bar strip-${CLASS[m.status]}`}
          data-status={m.status}
          title={`${new Date(m.t).toLocaleTimeString()} ${m.status}${m.errorKind ? ` (${m.errorKind})` : ''} · ${formatMs(m.durationMs)}`}
        />
      ))}
    </span>
  );
}
