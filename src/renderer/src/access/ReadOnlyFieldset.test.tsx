// @vitest-environment jsdom
// Operator-only controls under a viewer token: every control inside the fieldset is disabled and says
// why; under an operator token they work.
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { afterEach, describe, expect, it } from 'vitest';
import type { Api } from '../api';
import { ApiProvider } from '../hooks/api-context';
import { ReadOnlyFieldset } from './ReadOnlyFieldset';
import { READ_ONLY_REASON } from './use-read-only';

function mount(role: 'viewer' | 'operator') {
  const api = { call: async (method: string) => (method === 'access.whoami' ? { role, tokenId: 't' } : null) } as unknown as Api;
  render(
    <QueryClientProvider client={new QueryClient()}>
      <ApiProvider api={api}>
        <ReadOnlyFieldset>
          <button type="button">Approve</button>
          <input aria-label="Token" />
        </ReadOnlyFieldset>
      </ApiProvider>
    </QueryClientProvider>,
  );
}

afterEach(cleanup);

describe('read-only fieldset', () => {
  it('disables everything inside for a viewer, with the reason', async () => {
    mount('viewer');
    await waitFor(() => expect((screen.getByRole('button', { name: 'Approve' }) as HTMLButtonElement).matches(':disabled')).toBe(true));
    expect((screen.getByLabelText('Token') as HTMLInputElement).matches(':disabled')).toBe(true);
    expect(screen.getByRole('group').getAttribute('title')).toBe(READ_ONLY_REASON);
  });

  it('leaves them alone for an operator', async () => {
    mount('operator');
    await new Promise((r) => setTimeout(r, 20));
    expect((screen.getByRole('button', { name: 'Approve' }) as HTMLButtonElement).matches(':disabled')).toBe(false);
    expect(screen.getByRole('group').getAttribute('title')).toBeNull();
  });
});
