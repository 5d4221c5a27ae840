import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { MutationCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { reportForbidden } from './access/access-store';
import { createApi } from './api';
import { pickBridge } from './bridge';
import { resyncOnReconnect } from './bridge/resync';
import { App } from './App';
import { ApiProvider } from './hooks/api-context';
import { ReportPrintPage } from './reports/ReportPrintPage';
import './styles.css';
import './views.css';

// The PDF renderer loads ?print-report=<id>: the report page alone, nothing else of the window.
const printReportId = new URLSearchParams(window.location.search).get('print-report');

// Pasting a fresh address (new token) into this tab changes only the fragment: start over with it.
window.addEventListener('hashchange', () => {
  if (/(?:^#|&)token=/.test(window.location.hash)) window.location.reload();
});

const root = createRoot(document.getElementById('root')!);
const handle = pickBridge();
if ('error' in handle) {
  root.render(
    <p className="fatal" role="alert">
      {handle.error}
    </p>,
  );
} else {
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } },
    // A viewer token's refused mutations are announced in one place, whichever button sent them.
    mutationCache: new MutationCache({ onError: reportForbidden }),
  });
  resyncOnReconnect(handle, queryClient);
  root.render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <ApiProvider api={createApi(handle.bridge)}>
          {printReportId ? <ReportPrintPage id={printReportId} /> : <App handle={handle} />}
        </ApiProvider>
      </QueryClientProvider>
    </StrictMode>,
  );
}
