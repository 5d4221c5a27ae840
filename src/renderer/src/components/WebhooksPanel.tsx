// Webhook channels (Slack, Discord, generic JSON): add with a URL (a secret: kept in the core's
// memory, never shown again), test, see the last delivery, remove.
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../hooks/api-context';

export function WebhooksPanel() {
  const api = useApi();
  const queryClient = useQueryClient();
  const id = useId();
  const hooks = useQuery({ queryKey: ['webhooks'], queryFn: () => api.call('webhooks.list', {}) });
  useEffect(() => api.bridge.subscribe('webhooks.changed', () => void queryClient.invalidateQueries({ queryKey: ['webhooks'] })), [api, queryClient]);
  const [form, setForm] = useState({ name: '', kind: 'slack' as 'slack' | 'discord' | 'json', minSeverity: 'critical' as 'critical' | 'warning', url: '' });
  const [urls, setUrls] = useState<Record<string, string>>({});
  const add = useMutation({
    mutationFn: () => api.call('webhooks.add', form),
    onSuccess: () => setForm({ ...form, name: '', url: '' }),
  });
  const test = useMutation({ mutationFn: (hookId: string) => api.call('webhooks.test', { id: hookId }) });
  const remove = useMutation({ mutationFn: (hookId: string) => api.call('webhooks.remove', { id: hookId }) });
  const setUrl = useMutation({ mutationFn: (v: { id: string; url: string }) => api.call('webhooks.setUrl', v) });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    add.mutate();
  };
  return (
    <details className="webhooks" open={hooks.data?.some((h) => !h.hasUrl) || undefined}>
      <summary>Webhooks{hooks.data?.length ? ` (${hooks.data.length})` : ''}</summary>
      <ul className="alerts">
        {hooks.data?.map((h) => (
          <li key={h.id} className="alert" data-testid="webhook" data-name={h.name}>
            <span className="agent-id">{h.name}</span>
            <span className="muted">
              {' '}
              · {h.kind} · {h.minSeverity} and worse
            </span>
            {h.lastDelivery && (
              <span className={h.lastDelivery.ok ? 'muted' : 'field-error'} data-testid="webhook-delivery">
                {' '}
                · last delivery {h.lastDelivery.ok ? 'ok' : `failed: ${h.lastDelivery.error ?? 'unknown'}`} ({new Date(h.lastDelivery.at).toLocaleTimeString()})
              </span>
            )}
            {!h.hasUrl && (
              <span className="field-error">
                {' '}
                URL needed (kept in memory only):{' '}
                <input aria-label={`URL for ${h.name}`} value={urls[h.id] ?? ''} onChange={(e) => setUrls({ ...urls, [h.id]: e.target.value })} />
                <button type="button" className="secondary" onClick={() => setUrl.mutate({ id: h.id, url: urls[h.id] ?? '' })}>
                  Save URL
                </button>
              </span>
            )}
            <button type="button" className="secondary" onClick={() => test.mutate(h.id)}>
              Send test
            </button>
            <button type="button" className="danger" onClick={() => remove.mutate(h.id)}>
              Remove
            </button>
          </li>
        ))}
      </ul>
      <form className="webhook-form" aria-label="Add webhook" onSubmit={submit}>
        <label htmlFor={`${id}-name`}>Name</label>
        <input id={`${id}-name`} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
        <label htmlFor={`${id}-kind`}>Kind</label>
        <select id={`${id}-kind`} value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value as typeof form.kind })}>
          <option value="slack">Slack</option>
          <option value="discord">Discord</option>
          <option value="json">Generic JSON</option>
        </select>
        <label htmlFor={`${id}-sev`}>Send</label>
        <select id={`${id}-sev`} value={form.minSeverity} onChange={(e) => setForm({ ...form, minSeverity: e.target.value as typeof form.minSeverity })}>
          <option value="critical">critical only</option>
          <option value="warning">warnings and critical</option>
        </select>
        <label htmlFor={`${id}-url`}>URL</label>
        <input id={`${id}-url`} type="password" autoComplete="off" value={form.url} onChange={(e) => setForm({ ...form, url: e.target.value })} />
        <button type="submit" disabled={add.isPending}>
          Add webhook
        </button>
        {add.isError && <span className="field-error">{add.error.message}</span>}
      </form>
    </details>
  );
}
