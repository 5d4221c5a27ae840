// A session is named by its pseudonym everywhere; an operator can ask for the real key (it can name
// a client: a phone number, a chat id). Shown here only, on request, and forgotten with the view.
import { useMutation } from '@tanstack/react-query';
import { useApi } from '../hooks/api-context';

export function RevealSessionKey({ serverId, session }: { serverId: string; session: string }) {
  const api = useApi();
  const reveal = useMutation({ mutationFn: () => api.call('sessions.revealKey', { id: serverId, session }) });
  if (reveal.data) {
    return reveal.data.key ? (
      <span data-testid="session-real-key">
        {' '}
        · key <code className="agent-id">{reveal.data.key}</code>
      </span>
    ) : (
      <span className="muted"> · not in the live sessions now</span>
    );
  }
  return (
    <>
      {' '}
      <button type="button" className="link" onClick={() => reveal.mutate()} disabled={reveal.isPending} title="The real key can name a client (a phone number, a chat id)">
        show real key
      </button>
      {reveal.isError && <span className="form-error"> {reveal.error.message}</span>}
    </>
  );
}
