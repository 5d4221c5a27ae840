// "Create incident report" from an alert or a server; opens the new report in the Reports view.
import { useReadOnly } from '../access/use-read-only';
import type { MethodInput } from '../../../shared/contract';
import { openReport } from './ReportsView';
import { useCreateReport } from './use-reports';

export function CreateReportButton({ from, label = 'Create incident report' }: { from: MethodInput<'reports.create'>['from']; label?: string }) {
  const create = useCreateReport(openReport);
  const readOnly = useReadOnly();
  return (
    <>
      <button type="button" className="secondary" disabled={create.isPending || Boolean(readOnly)} title={readOnly ?? undefined} onClick={() => create.mutate({ from })}>
        {create.isPending ? 'Building report…' : label}
      </button>
      {create.isError && (
        <span className="form-error" role="alert">
          {create.error.message}
        </span>
      )}
    </>
  );
}
