import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createApi } from './api';
import { pickBridge } from './bridge';
import { App } from './App';
import { ApiProvider } from './hooks/api-context';
import './styles.css';

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
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } } });
  root.render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <ApiProvider api={createApi(handle.bridge)}>
          <App handle={handle} />
        </ApiProvider>
      </QueryClientProvider>
    </StrictMode>,
  );
}
