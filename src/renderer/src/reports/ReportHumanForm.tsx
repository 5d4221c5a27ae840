// The parts of a report only a human can write. Validated by the core; its field errors show here.
import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { FollowUp, IncidentReport, ReportStatus } from '../../../shared/incident-report';
import { ApiError } from '../api';
import { useApi } from '../hooks/api-context';

export function ReportHumanForm({ report, onSaved }: { report: IncidentReport; onSaved: () => void }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const [title, setTitle] = useState(report.human.title);
  const [rootCause, setRootCause] = useState(report.human.rootCause);
  const [resolution, setResolution] = useState(report.human.resolution);
  const [followUps, setFollowUps] = useState<FollowUp[]>(report.human.followUps);
  const [status, setStatus] = useState<ReportStatus>(report.status);
  const save = useMutation({
    mutationFn: () => api.call('reports.update', { id: report.id, human: { title, rootCause, resolution, followUps }, status }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['reports'] });
      onSaved();
    },
  });
  const fields = save.error instanceof ApiError ? (save.error.fields ?? {}) : {};
  const fieldError = (key: string) => Object.entries(fields).find(([k]) => k === `human.${key}` || k.startsWith(`human.${key}.`))?.[1];
  const setFollowUp = (i: number, patch: Partial<FollowUp>) => setFollowUps(followUps.map((f, j) => (j === i ? { ...f, ...patch } : f)));
  return (
    <form
      className="add-server report-editor"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <label className="field">
        <span className="field-label">Title</span>
        <input value={title} onChange={(e) => setTitle(e.target.value)} aria-invalid={!!fieldError('title')} />
        {fieldError('title') && <span className="form-error">{fieldError('title')}</span>}
      </label>
      <label className="field">
        <span className="field-label">Root cause</span>
        <textarea rows={4} value={rootCause} onChange={(e) => setRootCause(e.target.value)} />
      </label>
      <label className="field">
        <span className="field-label">Resolution</span>
        <textarea rows={3} value={resolution} onChange={(e) => setResolution(e.target.value)} />
      </label>
      <fieldset>
        <legend>Follow-ups</legend>
        {followUps.map((f, i) => (
          <div key={i} className="toolbar">
            <input aria-label={`Follow-up ${i + 1}`} placeholder="Action" value={f.text} onChange={(e) => setFollowUp(i, { text: e.target.value })} />
            <input aria-label={`Owner of follow-up ${i + 1}`} placeholder="Owner" value={f.owner} onChange={(e) => setFollowUp(i, { owner: e.target.value })} />
            <input aria-label={`Due date of follow-up ${i + 1}`} type="date" value={f.due} onChange={(e) => setFollowUp(i, { due: e.target.value })} />
            <button type="button" className="secondary" onClick={() => setFollowUps(followUps.filter((_, j) => j !== i))}>
              Remove
            </button>
            {fieldError(`followUps.${i}`) && <span className="form-error">{fieldError(`followUps.${i}`)}</span>}
          </div>
        ))}
        <button type="button" className="secondary" onClick={() => setFollowUps([...followUps, { text: '', owner: '', due: '' }])}>
          Add follow-up
        </button>
      </fieldset>
      <label>
        <input type="checkbox" checked={status === 'final'} onChange={(e) => setStatus(e.target.checked ? 'final' : 'draft')} /> Final (no longer a draft)
      </label>
      <div className="form-actions">
        <button type="submit" disabled={save.isPending}>
          Save report
        </button>
        {save.isError && (
          <span className="form-error" role="alert">
            {save.error.message}
          </span>
        )}
      </div>
    </form>
  );
}
