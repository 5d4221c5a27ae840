// @vitest-environment jsdom
// The hygiene view with a scripted core: field errors from the core appear next to their fields, a run
// waiting for approval shows its dry-run numbers and approves through hygiene.approve.
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { afterEach, describe, expect, it } from 'vitest';
import type { ServerView } from '../../../shared/domain';
import type { HygieneRun } from '../../../shared/hygiene';
import { ApiError, type Api } from '../api';
import { ApiProvider } from '../hooks/api-context';
import { HygieneView } from './HygieneView';

const views = [{ config: { id: 's1', name: 'alpha', role: 'web' } }] as unknown as ServerView[];
const run: HygieneRun = {
  id: 'r1', policyId: null, policyName: 'Run now', trigger: 'operator', startedBy: 'console', createdAt: 0, windowEndsAt: Date.now() + 3_600_000,
  mode: 'ask', actions: ['prune'], state: 'awaiting-approval', approvedBy: null, approvedAt: null, finishedAt: null,
  servers: [{ serverId: 's1', state: 'awaiting-approval', reason: null, unavailable: [], dryRun: [{ action: 'prune', rows: 7, perAgent: [{ agentId: 'main', rows: 7 }], bytes: 0, targets: 2, failed: 0 }], real: [], before: [], after: [], startedAt: null, finishedAt: null }],
};

function mount(calls: Array<[string, unknown]>) {
  const api = {
    bridge: { invoke: async () => ({ ok: true, value: null }), subscribe: () => () => {} },
    call: async (method: string, input: unknown) => {
      calls.push([method, input]);
      if (method === 'hygiene.policies.list') return [];
      if (method === 'hygiene.runs.list') return [run];
      if (method === 'hygiene.policies.save') throw new ApiError({ code: 'invalid-input', message: 'bad', fields: { cron: 'not a valid cron expression: x' } });
      if (method === 'hygiene.approve') return { ...run, state: 'running' };
      throw new Error(`unexpected ${method}`);
    },
  } as unknown as Api;
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <ApiProvider api={api}>
        <HygieneView views={views} />
      </ApiProvider>
    </QueryClientProvider>,
  );
}

afterEach(cleanup);

describe('HygieneView', () => {
  it('shows the core field error next to the cron field', async () => {
    mount([]);
    fireEvent.click(screen.getByRole('button', { name: 'New policy' }));
    fireEvent.click(screen.getByRole('button', { name: 'Save policy' }));
    expect(await screen.findByTestId('hygiene-error-cron')).toHaveProperty('textContent', 'not a valid cron expression: x');
  });

  it('a pending run shows its dry-run rows and Approve calls hygiene.approve', async () => {
    const calls: Array<[string, unknown]> = [];
    mount(calls);
    const line = await screen.findByTestId('hygiene-run-server');
    expect(line.getAttribute('data-dry-rows')).toBe('7');
    fireEvent.click(screen.getByRole('button', { name: 'Approve' }));
    await waitFor(() => expect(calls).toContainEqual(['hygiene.approve', { runId: 'r1' }]));
  });
});
