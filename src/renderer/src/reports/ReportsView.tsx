// Reports: the list (drafts first), "create from a time range", and the open report with its
// human fields and exports (Markdown, JSON, self-contained HTML, PDF).
import './report.css';
import { useState } from 'react';
import { utc } from '../../../shared/report-format';
import { useCreateReport, useReports } from './use-reports';
import { hrefFor, navigate } from '../routes/hash-route';
import { ReportPage } from './ReportPage';

const HOUR = 3_600_000;

/** Opens a report (#/reports/<id>), or the list with null. */
export const openReport = (id: string | null) => navigate(id ? hrefFor('reports', id) : hrefFor('reports'));

export function ReportsView({ openId }: { openId: string | null }) {
  const reports = useReports();
  if (openId) return <ReportPage id={openId} onClose={() => openReport(null)} />;
  const items = reports.data ?? [];
  return (
    <section className="reports" aria-label="Incident reports">
      <h2>Incident reports</h2>
      <RangeForm />
      {reports.isError && (
        <p className="form-error" role="alert">
          Could not load reports: {reports.error.message}
        </p>
      )}
      {reports.isSuccess && items.length === 0 && <p className="muted">No reports yet. A critical alert that resolves drafts one by itself.</p>}
      {items.length > 0 && (
        <table className="servers report-list" data-testid="report-list">
          <thead>
            <tr>
              <th>Title</th>
              <th>Status</th>
              <th>Severity</th>
              <th>Start (UTC)</th>
              <th>Servers</th>
            </tr>
          </thead>
          <tbody>
            {items.map((r) => (
              <tr key={r.id}>
                <td>
                  <button type="button" className="link" onClick={() => openReport(r.id)}>
                    {r.title}
                  </button>
                </td>
                <td>{r.status}</td>
                <td>
                  <span className={`sev sev-${r.severity}`}>{r.severity}</span>
                </td>
                <td>{utc(r.startedAt)}</td>
                <td>{r.serversAffected}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** A fleet report over a chosen range (local time in the inputs, UTC in the report). */
function RangeForm() {
  const create = useCreateReport(openReport);
  const [hours, setHours] = useState('24');
  const [redact, setRedact] = useState(false);
  const n = Number(hours);
  const valid = Number.isFinite(n) && n > 0 && n <= 31 * 24;
  return (
    <form
      className="toolbar"
      onSubmit={(e) => {
        e.preventDefault();
        if (!valid) return;
        const to = Date.now();
        create.mutate({ from: { range: { from: to - n * HOUR, to } }, redact });
      }}
    >
      <label className="field-inline">
        Report on the last{' '}
        <input aria-label="Hours" type="number" min={1} max={744} value={hours} onChange={(e) => setHours(e.target.value)} style={{ width: 70 }} /> hours
      </label>
      <label>
        <input type="checkbox" checked={redact} onChange={(e) => setRedact(e.target.checked)} /> Redact host and user names
      </label>
      <button type="submit" disabled={!valid || create.isPending}>
        {create.isPending ? 'Building…' : 'Create incident report'}
      </button>
      {!valid && <span className="form-error">between 1 and 744 hours</span>}
      {create.isError && (
        <span className="form-error" role="alert">
          {create.error.message}
        </span>
      )}
    </form>
  );
}
