// What the PDF renderer loads (?print-report=<id>): the report page alone, with its own stylesheet,
// marked ready once its data has arrived so the printer knows when to print.
import { useReport } from './use-reports';
import { ReportDocument } from './ReportDocument';
import './report.css';

export function ReportPrintPage({ id }: { id: string }) {
  const report = useReport(id);
  if (report.isError) return <p role="alert" data-report-ready="error">{report.error.message}</p>;
  if (!report.data) return null;
  return (
    <div data-report-ready="yes">
      <ReportDocument report={report.data} />
    </div>
  );
}
