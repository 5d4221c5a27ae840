// Silences in force: what they match, until when, who set them and why; each can end early.
import { useReadOnly } from '../access/use-read-only';
import { useMutation } from '@tanstack/react-query';
import type { ServerView, Silence } from '../../../shared/domain';
import { useApi } from '../hooks/api-context';
import { formatUntil } from '../format';

export function SilenceList({ silences, views, now }: { silences: Silence[]; views: ServerView[]; now: number }) {
  const api = useApi();
  const readOnly = useReadOnly();
  const expire = useMutation({ mutationFn: (id: string) => api.call('silences.expire', { id }) });
  const name = (id: string) => views.find((v) => v.config.id === id)?.config.name ?? 'removed server';
  if (silences.length === 0) return <p className="muted">No silences in force.</p>;
  return (
    <ul className="alerts" aria-label="Silences">
      {silences.map((s) => (
        <li key={s.id} className="alert" data-testid="silence">
          <span className="state-tag">silence</span>
          <span>
            {s.matchers.rule ? ` ${s.matchers.rule}` : ' every rule'}
            {s.matchers.serverId ? ` on ${name(s.matchers.serverId)}` : ' on every server'}
            {s.matchers.agentId ? ` / ${s.matchers.agentId}` : ''}
          </span>
          <span className="muted">
            {' '}
            · ends {formatUntil(s.endsAt, now)} ({new Date(s.endsAt).toLocaleString()}) · by {s.author}
            {s.comment ? ` · “${s.comment}”` : ''}
          </span>
          <button type="button" className="secondary" onClick={() => expire.mutate(s.id)} disabled={Boolean(readOnly)} title={readOnly ?? undefined}>
            End silence
          </button>
        </li>
      ))}
    </ul>
  );
}
