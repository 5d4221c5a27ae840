// The incident report as a readable page. The same component is shown in the window, rendered to a
// self-contained HTML file, and printed to PDF, so what the operator reviewed is what gets shared.
// Everything is rendered as text (React escapes it); nothing here touches the DOM directly.
import type { IncidentReport, MetricSummary, ReportServer } from '../../../shared/incident-report';
import { bytes, duration, percent, utc } from '../../../shared/report-format';
import { ReportChartSvg, chartTitle } from './ReportChartSvg';

const range = (m: MetricSummary | null, fmt: (n: number) => string) => (m ? `${fmt(m.min)} – ${fmt(m.max)} (avg ${fmt(m.avg)})` : '—');
const ms = (n: number) => `${Math.round(n)} ms`;

export function ReportDocument({ report: r }: { report: IncidentReport }) {
  const names = new Map(r.servers.map((s) => [s.serverId, s.name]));
  return (
    <article className="report-doc" data-testid="report-doc">
      <header>
        <h1>{r.human.title}</h1>
        <dl className="report-facts">
          <dt>Report</dt>
          <dd>
            {r.id} · <span className={`report-status report-status-${r.status}`}>{r.status}</span>
          </dd>
          <dt>Severity</dt>
          <dd>
            <span className={`sev sev-${r.severity}`}>{r.severity}</span>
          </dd>
          <dt>Start</dt>
          <dd>{utc(r.startedAt)}</dd>
          <dt>End</dt>
          <dd>{r.resolvedAt === null ? 'ongoing' : utc(r.resolvedAt)}</dd>
          <dt>Duration</dt>
          <dd>{r.resolvedAt === null ? 'ongoing' : duration(r.resolvedAt - r.startedAt)}</dd>
          <dt>Window</dt>
          <dd>
            {utc(r.window.from)} to {utc(r.window.to)}
          </dd>
          {r.redacted && (
            <>
              <dt>Redacted</dt>
              <dd>host names, server names and SSH users are pseudonyms</dd>
            </>
          )}
        </dl>
      </header>
      <section>
        <h2>Summary</h2>
        <p data-testid="report-impact">
          {r.impact.serversAffected} of {r.impact.fleetServers} servers and {r.impact.agentsAffected} of {r.impact.fleetAgents} agents were affected;{' '}
          {r.impact.minutesDownTotal} server-minutes down in total; {r.impact.heartbeatAlerts} heartbeat alerts; {r.impact.sessionsAffected} sessions on the
          affected servers.
        </p>
        <ImpactTable servers={r.servers} />
      </section>
      <section>
        <h2>Detection</h2>
        <dl className="report-facts" data-testid="report-detection">
          <dt>Time to detect</dt>
          <dd>{duration(r.detection.timeToDetectMs)}</dd>
          <dt>Time to acknowledge</dt>
          <dd>{duration(r.detection.timeToAcknowledgeMs)}</dd>
          <dt>Time to resolve</dt>
          <dd>{duration(r.detection.timeToResolveMs)}</dd>
        </dl>
      </section>
      <section>
        <h2>Timeline (UTC)</h2>
        <ol className="report-timeline" data-testid="report-timeline">
          {r.timeline.map((e, i) => (
            <li key={i} className={`report-event report-event-${e.kind}`}>
              <time>{utc(e.at)}</time> <span>{e.text}</span>
            </li>
          ))}
        </ol>
        {r.timelineTruncated && <p className="muted">The timeline was cut at {r.timeline.length} entries.</p>}
      </section>
      {r.charts.length > 0 && (
        <section>
          <h2>Charts</h2>
          <p className="muted">Times in UTC; the vertical lines mark the onset and the resolution.</p>
          <div className="report-charts">
            {r.charts.map((c) => (
              <figure key={`${c.serverId}-${c.metric}`} className="report-figure" data-testid="report-chart">
                <figcaption>
                  {names.get(c.serverId) ?? c.serverId}: {chartTitle(c)}
                </figcaption>
                <ReportChartSvg chart={c} from={r.window.from} to={r.window.to} onset={r.startedAt} resolvedAt={r.resolvedAt} />
              </figure>
            ))}
          </div>
        </section>
      )}
      <section>
        <h2>Servers before and during</h2>
        {r.servers.map((s) => (
          <ServerFacts key={s.serverId} server={s} />
        ))}
      </section>
      <section>
        <h2>Root cause</h2>
        <p className="report-human">{r.human.rootCause || 'To be written.'}</p>
        <h2>Resolution</h2>
        <p className="report-human">{r.human.resolution || 'To be written.'}</p>
        <h2>Follow-ups</h2>
        {r.human.followUps.length === 0 ? (
          <p>None yet.</p>
        ) : (
          <table className="report-table">
            <thead>
              <tr>
                <th>Action</th>
                <th>Owner</th>
                <th>Due</th>
              </tr>
            </thead>
            <tbody>
              {r.human.followUps.map((f, i) => (
                <tr key={i}>
                  <td>{f.text}</td>
                  <td>{f.owner || '—'}</td>
                  <td>{f.due || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      {r.notes.length > 0 && (
        <section>
          <h2>Notes on the data</h2>
          <ul>
            {r.notes.map((n, i) => (
              <li key={i}>{n}</li>
            ))}
          </ul>
        </section>
      )}
      <footer className="muted">
        Generated by Yardmaster at {utc(r.updatedAt)} · schema version {r.schemaVersion}
      </footer>
    </article>
  );
}

function ImpactTable({ servers }: { servers: ReportServer[] }) {
  return (
    <table className="report-table">
      <thead>
        <tr>
          <th>Server</th>
          <th>Role</th>
          <th>Minutes down</th>
          <th>Probes ok / failed</th>
          <th>Failure kinds</th>
          <th>Alerts</th>
        </tr>
      </thead>
      <tbody>
        {servers.map((s) => (
          <tr key={s.serverId}>
            <td>{s.name}</td>
            <td>{s.role ?? '—'}</td>
            <td>{s.minutesDown}</td>
            <td>
              {s.probes.ok} / {s.probes.failed}
            </td>
            <td>{s.probes.errorKinds.map((k) => `${k.kind} ×${k.count}`).join(', ') || '—'}</td>
            <td>{s.alertRules.join(', ') || '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ServerFacts({ server: s }: { server: ReportServer }) {
  return (
    <div className="report-server">
      <h3>{s.name}</h3>
      <ul>
        {s.host && (
          <li>
            Host {s.host}, SSH user {s.sshUser}
          </li>
        )}
        <li>
          Versions before: {s.versionsBefore.join(', ') || '—'}; during: {s.versionsDuring.join(', ') || '—'}
        </li>
        <li>
          RSS before: {range(s.before.rssBytes, bytes)}; during: {range(s.during.rssBytes, bytes)}
        </li>
        <li>
          Event loop p99 before: {range(s.before.eventLoopP99Ms, ms)}; during: {range(s.during.eventLoopP99Ms, ms)}
        </li>
        <li>
          Probe time before: {range(s.before.probeMs, ms)}; during: {range(s.during.probeMs, ms)}
        </li>
        <li>
          Worst context fill before: {range(s.before.maxContextFill, percent)}; during: {range(s.during.maxContextFill, percent)}
        </li>
      </ul>
    </div>
  );
}
