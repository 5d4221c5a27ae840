// @vitest-environment jsdom
// The attach form with a scripted core: the SSH-tunnel choice sends the service's port (from its URL)
// as the port to forward, an empty key file means the ssh-agent, and the core's refusal is shown in
// words with nothing switched.
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { afterEach, describe, expect, it } from 'vitest';
import type { AttachStatus } from '../../../shared/contract-attach';
import { ApiError, type Api } from '../api';
import { ApiProvider } from '../hooks/api-context';
import { AttachPanel } from './AttachPanel';

const local: AttachStatus = { mode: 'local', attachable: true, url: null, tunnelHost: null, connection: null, role: null, problem: null };

function mount(calls: Array<[string, unknown]>, status: AttachStatus = local) {
  const api = {
    bridge: { invoke: async () => ({ ok: true, value: null }), subscribe: () => () => {} },
    call: async (method: string, input: unknown) => {
      calls.push([method, input]);
      if (method === 'attach.status') return status;
      if (method === 'attach.set') throw new ApiError({ code: 'unreachable', message: 'Not attached: The SSH tunnel failed: host key mismatch' });
      throw new Error(`unexpected ${method}`);
    },
  } as unknown as Api;
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <ApiProvider api={api}>
        <AttachPanel />
      </ApiProvider>
    </QueryClientProvider>,
  );
}

afterEach(cleanup);

describe('attach panel', () => {
  it('sends a tunnelled target with the URL port forwarded, and shows the refusal', async () => {
    const calls: Array<[string, unknown]> = [];
    mount(calls);
    expect(await screen.findByTestId('attach-current')).toHaveProperty('textContent', 'Watching from this computer: this console polls the fleet itself.');
    fireEvent.click(screen.getByLabelText('Attach to an ops server'));
    fireEvent.change(screen.getByLabelText('Ops server URL'), { target: { value: ' https://crank.example.net:8443/ ' } });
    fireEvent.change(screen.getByLabelText('Access token'), { target: { value: 'ym_abcdefghijklmnopqrstuvwxyz' } });
    fireEvent.click(screen.getByLabelText(/Through an SSH tunnel/));
    fireEvent.change(screen.getByLabelText('SSH host'), { target: { value: 'crank.example.net' } });
    fireEvent.change(screen.getByLabelText('SSH user'), { target: { value: 'ops' } });
    fireEvent.click(screen.getByRole('button', { name: 'Attach' }));
    expect((await screen.findByTestId('attach-error')).textContent).toBe('Not attached: The SSH tunnel failed: host key mismatch');
    expect(calls.find(([m]) => m === 'attach.set')?.[1]).toEqual({
      mode: 'remote',
      target: { url: 'https://crank.example.net:8443/', token: 'ym_abcdefghijklmnopqrstuvwxyz', tunnel: { host: 'crank.example.net', sshPort: 22, sshUser: 'ops', privateKeyPath: '', remotePort: 8443 } },
    });
  });

  it('says nothing on an ops server itself (it does not attach)', async () => {
    const calls: Array<[string, unknown]> = [];
    mount(calls, { ...local, attachable: false });
    await waitFor(() => expect(calls.map(([m]) => m)).toEqual(['attach.status']));
    expect(screen.queryByTestId('attach-panel')).toBeNull();
  });
});
