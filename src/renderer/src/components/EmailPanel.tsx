// Alert email (one SMTP relay, several recipients). The password is a secret: sent to the core once,
// never shown again; after a restart of a memory-only console it must be entered again.
import { useEffect, useId, useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { EmailView } from '../../../shared/domain';
import { useApi } from '../hooks/api-context';

type Security = EmailView['security'];

const blank = { host: '', port: '587', security: 'starttls' as Security, username: '', password: '', from: '', to: '', minSeverity: 'critical' as 'critical' | 'warning' };

export function EmailPanel() {
  const api = useApi();
  const queryClient = useQueryClient();
  const id = useId();
  const current = useQuery({ queryKey: ['email'], queryFn: () => api.call('email.get', {}) });
  useEffect(() => api.bridge.subscribe('email.changed', () => void queryClient.invalidateQueries({ queryKey: ['email'] })), [api, queryClient]);
  const [form, setForm] = useState(blank);
  const [editing, setEditing] = useState(false);
  const view = current.data ?? null;
  // Open while editing, and after a save (so "Send test email" is right there); the user closes it.
  const [expanded, setExpanded] = useState(false);
  const startEdit = () => {
    setForm(
      view
        ? { host: view.host, port: String(view.port), security: view.security, username: view.username ?? '', password: '', from: view.from, to: view.to.join(', '), minSeverity: view.minSeverity }
        : blank,
    );
    setEditing(true);
    setExpanded(true);
  };
  const save = useMutation({
    mutationFn: () =>
      api.call('email.configure', {
        host: form.host,
        port: Number(form.port),
        security: form.security,
        username: form.username.trim() || null,
        ...(form.password ? { password: form.password } : {}),
        from: form.from,
        to: form.to.split(/[\s,;]+/).filter(Boolean),
        minSeverity: form.minSeverity,
      }),
    onSuccess: () => setEditing(false),
  });
  const test = useMutation({ mutationFn: () => api.call('email.test', {}) });
  const remove = useMutation({ mutationFn: () => api.call('email.remove', {}) });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.mutate();
  };
  const set = (k: keyof typeof form) => (e: { target: { value: string } }) => setForm({ ...form, [k]: e.target.value });
  return (
    <details
      className="email-channel"
      data-testid="email-panel"
      open={expanded || (view !== null && !view.hasPassword) || editing}
      onToggle={(e) => setExpanded(e.currentTarget.open)}
    >
      <summary>Email{view ? ` (${view.to.length} recipient${view.to.length === 1 ? '' : 's'})` : ''}</summary>
      {view && !editing && (
        <p data-testid="email-summary">
          <span className="agent-id">{view.from}</span>
          <span className="muted">
            {' '}
            → {view.to.join(', ')} via {view.host}:{view.port} ({view.security}) · {view.minSeverity === 'critical' ? 'critical only' : 'warnings and critical'}
          </span>
          {view.lastDelivery && (
            <span className={view.lastDelivery.ok ? 'muted' : 'field-error'} data-testid="email-delivery">
              {' '}
              · last delivery {view.lastDelivery.ok ? 'ok' : `failed: ${view.lastDelivery.error ?? 'unknown'}`} ({new Date(view.lastDelivery.at).toLocaleTimeString()})
            </span>
          )}
          {!view.hasPassword && <span className="field-error"> · SMTP password needed (kept in memory only): edit to enter it</span>}{' '}
          <button type="button" className="secondary" onClick={() => test.mutate()}>
            Send test email
          </button>
          <button type="button" className="secondary" onClick={startEdit}>
            Edit
          </button>
          <button type="button" className="danger" onClick={() => remove.mutate()}>
            Remove
          </button>
          {test.isError && <span className="field-error"> {test.error.message}</span>}
        </p>
      )}
      {!view && !editing && (
        <button type="button" className="secondary" onClick={startEdit}>
          Set up alert email
        </button>
      )}
      {editing && (
        <form className="pair-form" aria-label="Alert email" onSubmit={submit}>
          <label htmlFor={`${id}-host`}>SMTP host</label>
          <input id={`${id}-host`} value={form.host} onChange={set('host')} />
          <label htmlFor={`${id}-port`}>Port</label>
          <input id={`${id}-port`} inputMode="numeric" value={form.port} onChange={set('port')} />
          <label htmlFor={`${id}-sec`}>Security</label>
          <select id={`${id}-sec`} value={form.security} onChange={set('security')}>
            <option value="starttls">STARTTLS (required)</option>
            <option value="tls">TLS</option>
            <option value="none">none (relay on this machine only)</option>
          </select>
          <label htmlFor={`${id}-user`}>Username</label>
          <input id={`${id}-user`} autoComplete="off" value={form.username} onChange={set('username')} />
          <label htmlFor={`${id}-pass`}>Password</label>
          <input id={`${id}-pass`} type="password" autoComplete="off" placeholder={view?.hasPassword ? 'unchanged' : ''} value={form.password} onChange={set('password')} />
          <label htmlFor={`${id}-from`}>From</label>
          <input id={`${id}-from`} value={form.from} onChange={set('from')} />
          <label htmlFor={`${id}-to`}>To (comma-separated)</label>
          <input id={`${id}-to`} value={form.to} onChange={set('to')} />
          <label htmlFor={`${id}-sev`}>Send</label>
          <select id={`${id}-sev`} value={form.minSeverity} onChange={set('minSeverity')}>
            <option value="critical">critical only</option>
            <option value="warning">warnings and critical</option>
          </select>
          <div className="pair-form-actions">
            <button type="submit" disabled={save.isPending}>
              Save email settings
            </button>
            <button type="button" className="secondary" onClick={() => setEditing(false)}>
              Cancel
            </button>
            {save.isError && <span className="field-error">{save.error.message}</span>}
          </div>
        </form>
      )}
    </details>
  );
}
