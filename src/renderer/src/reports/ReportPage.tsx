// One open report: the readable page, the fields a human fills in, and the exports.
import { ReadOnlyFieldset } from '../access/ReadOnlyFieldset';
import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { IncidentReport, ReportFormat } from '../../../shared/incident-report';
import { useApi } from '../hooks/api-context';
import { ReportDocument } from './ReportDocument';
import { ReportHumanForm } from './ReportHumanForm';
import { download, reportHtml } from './report-html';
import { useReport } from './use-reports';

export function ReportPage({ id, onClose }: { id: string; onClose: () => void }) {
  const report = useReport(id);
  const [editing, setEditing] = useState(false);
  if (report.isError) {
    return (
      <section>
        <p className="form-error" role="alert">
          {report.error.message}
        </p>
        <button type="button" className="secondary" onClick={onClose}>
          Back to reports
        </button>
      </section>
    );
  }
  if (!report.data) return <p className="muted">Loading the report…</p>;
  return (
    <section className="report-page" aria-label="Incident report">
      <div className="toolbar">
        <button type="button" className="secondary" onClick={onClose}>
          ← All reports
        </button>
        <ReadOnlyFieldset>
          <button type="button" className="secondary" onClick={() => setEditing(!editing)} aria-expanded={editing}>
            {editing ? 'Close editor' : 'Edit root cause, resolution, follow-ups'}
          </button>
        </ReadOnlyFieldset>
        <Exports report={report.data} />
        <ReadOnlyFieldset>
          <RefreshButton report={report.data} />
          <DeleteButton id={id} onDeleted={onClose} />
        </ReadOnlyFieldset>
      </div>
      {editing && <ReportHumanForm report={report.data} onSaved={() => setEditing(false)} />}
      <ReportDocument report={report.data} />
    </section>
  );
}

function Exports({ report }: { report: IncidentReport }) {
  const api = useApi();
  const exporter = useMutation({
    mutationFn: async (format: ReportFormat) => {
      const file = await api.call('reports.export', { id: report.id, format });
      const body = file.encoding === 'base64' ? Uint8Array.from(atob(file.body), (c) => c.charCodeAt(0)) : file.body;
      download(file.filename, body, file.mime);
    },
  });
  const base = `incident-${new Date(report.startedAt).toISOString().slice(0, 10)}-${report.id.slice(0, 8)}`;
  return (
    <>
      <button type="button" className="secondary" onClick={() => exporter.mutate('markdown')}>
        Markdown
      </button>
      <button type="button" className="secondary" onClick={() => exporter.mutate('json')}>
        JSON
      </button>
      <button type="button" className="secondary" onClick={() => download(`${base}.html`, reportHtml(report), 'text/html')}>
        HTML
      </button>
      <button type="button" className="secondary" disabled={exporter.isPending} onClick={() => exporter.mutate('pdf')}>
        {exporter.isPending && exporter.variables === 'pdf' ? 'Rendering PDF…' : 'PDF'}
      </button>
      {exporter.isError && (
        <span className="form-error" role="alert">
          {exporter.error.message}
        </span>
      )}
    </>
  );
}

/** A draft of an alert, rebuilt from the store (what happened since it was drafted); human fields stay. */
function RefreshButton({ report }: { report: IncidentReport }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const refresh = useMutation({
    mutationFn: () => api.call('reports.refresh', { id: report.id }),
    onSuccess: (next) => {
      queryClient.setQueryData(['reports', 'one', report.id], next);
      void queryClient.invalidateQueries({ queryKey: ['reports'] });
    },
  });
  if (report.status !== 'draft' || (report.origin.kind !== 'alert' && report.origin.kind !== 'auto')) return null;
  return (
    <>
      <button type="button" className="secondary" disabled={refresh.isPending} onClick={() => refresh.mutate()} title="Rebuild the facts from the store; your text stays">
        {refresh.isPending ? 'Refreshing…' : 'Refresh facts'}
      </button>
      {refresh.isError && (
        <span className="form-error" role="alert">
          {refresh.error.message}
        </span>
      )}
    </>
  );
}

function DeleteButton({ id, onDeleted }: { id: string; onDeleted: () => void }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const remove = useMutation({
    mutationFn: () => api.call('reports.remove', { id }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['reports'] });
      onDeleted();
    },
  });
  if (!confirming) {
    return (
      <button type="button" className="danger" onClick={() => setConfirming(true)}>
        Delete…
      </button>
    );
  }
  return (
    <>
      <button type="button" className="danger" onClick={() => remove.mutate()}>
        Delete this report for good
      </button>
      <button type="button" className="secondary" onClick={() => setConfirming(false)}>
        Keep it
      </button>
    </>
  );
}
