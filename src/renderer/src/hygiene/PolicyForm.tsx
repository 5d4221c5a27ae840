// Editor for one hygiene policy: target (role or server), actions, cron + time zone, window, mode.
// The core validates (cron by croner, the window against the schedule, actions OpenClaw lacks); its
// field errors are shown next to the fields.
import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ServerView } from '../../../shared/domain';
import { HYGIENE_ACTIONS, type HygieneAction, type HygienePolicyInput, type HygienePolicyView } from '../../../shared/hygiene';
import { ApiError } from '../api';
import { useApi } from '../hooks/api-context';
import { hygienePoliciesKey } from './use-hygiene';

export const ACTION_TEXT: Record<HygieneAction, string> = {
  prune: "Prune by the server's session.maintenance",
  'prune-strict': 'Prune with stricter limits',
  compact: 'Compact sessions above a fill',
  reset: 'Reset main sessions of agents',
  'memory-reindex': 'Rebuild dirty memory indexes',
  'reclaim-space': 'Reclaim store space',
};

const blank = (): HygienePolicyInput => ({
  name: '',
  role: 'default',
  actions: ['prune'],
  cron: '30 3 * * *',
  timezone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
  windowStart: '03:00',
  windowEnd: '05:00',
  mode: 'ask',
  enabled: true,
});

function FieldError({ errors, name }: { errors: Record<string, string>; name: string }) {
  return errors[name] ? (
    <span className="field-error" data-testid={`hygiene-error-${name}`}>
      {errors[name]}
    </span>
  ) : null;
}

export function PolicyForm({ views, editing, onDone }: { views: ServerView[]; editing: HygienePolicyView | null; onDone: () => void }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const [p, setP] = useState<HygienePolicyInput>(() => {
    if (!editing) return blank();
    const { id: _id, createdAt: _c, nextRunAt: _n, problems: _p, ...input } = editing;
    return input;
  });
  const [target, setTarget] = useState<'role' | 'server'>(editing?.serverId ? 'server' : 'role');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: (input: HygienePolicyInput) => api.call('hygiene.policies.save', { id: editing?.id, policy: input }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: hygienePoliciesKey });
      onDone();
    },
    onError: (err) => setErrors(err instanceof ApiError && err.fields ? err.fields : { form: (err as Error).message }),
  });
  const set = <K extends keyof HygienePolicyInput>(k: K, v: HygienePolicyInput[K]) => setP((x) => ({ ...x, [k]: v }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setErrors({});
    const input = { ...p, role: target === 'role' ? p.role : undefined, serverId: target === 'server' ? p.serverId : undefined };
    save.mutate(input);
  };
  const toggle = (a: HygieneAction) => set('actions', p.actions.includes(a) ? p.actions.filter((x) => x !== a) : [...p.actions, a]);
  return (
    <form className="hygiene-form" onSubmit={submit} data-testid="hygiene-policy-form" aria-label="Hygiene policy">
      <label>
        Name <input value={p.name} onChange={(e) => set('name', e.target.value)} />
        <FieldError errors={errors} name="name" />
      </label>
      <fieldset>
        <legend>Applies to</legend>
        <select aria-label="Target kind" value={target} onChange={(e) => setTarget(e.target.value as 'role' | 'server')}>
          <option value="role">a role</option>
          <option value="server">one server</option>
        </select>
        {target === 'role' ? (
          <input aria-label="Role" value={p.role ?? ''} onChange={(e) => set('role', e.target.value)} />
        ) : (
          <select aria-label="Server" value={p.serverId ?? ''} onChange={(e) => set('serverId', e.target.value)}>
            <option value="">choose…</option>
            {views.map((v) => (
              <option key={v.config.id} value={v.config.id}>
                {v.config.name}
              </option>
            ))}
          </select>
        )}
        <FieldError errors={errors} name="role" />
        <FieldError errors={errors} name="serverId" />
      </fieldset>
      <fieldset>
        <legend>Actions</legend>
        {HYGIENE_ACTIONS.map((a) => (
          <label key={a} className="check">
            <input type="checkbox" checked={p.actions.includes(a)} onChange={() => toggle(a)} /> {ACTION_TEXT[a]}
          </label>
        ))}
        <FieldError errors={errors} name="actions" />
        {p.actions.includes('compact') && (
          <label>
            Compact at fill ≥ <input type="number" step="0.05" min="0.5" max="1" value={p.compactFill ?? 0.8} onChange={(e) => set('compactFill', Number(e.target.value))} />
          </label>
        )}
        {p.actions.includes('reset') && (
          <label>
            Agents to reset (comma-separated){' '}
            <input value={(p.resetAgents ?? []).join(',')} onChange={(e) => set('resetAgents', e.target.value.split(',').map((x) => x.trim()).filter(Boolean))} />
            <FieldError errors={errors} name="resetAgents" />
          </label>
        )}
      </fieldset>
      <label>
        Schedule (cron) <input aria-label="Cron" value={p.cron} onChange={(e) => set('cron', e.target.value)} />
        <FieldError errors={errors} name="cron" />
      </label>
      <label>
        Time zone <input aria-label="Time zone" value={p.timezone} onChange={(e) => set('timezone', e.target.value)} />
        <FieldError errors={errors} name="timezone" />
      </label>
      <label>
        Window from <input aria-label="Window start" value={p.windowStart} onChange={(e) => set('windowStart', e.target.value)} />
        <FieldError errors={errors} name="windowStart" />
      </label>
      <label>
        to <input aria-label="Window end" value={p.windowEnd} onChange={(e) => set('windowEnd', e.target.value)} />
        <FieldError errors={errors} name="windowEnd" />
      </label>
      <label>
        Mode{' '}
        <select aria-label="Mode" value={p.mode} onChange={(e) => set('mode', e.target.value as HygienePolicyInput['mode'])}>
          <option value="preview">preview only</option>
          <option value="ask">ask me (dry run, then approve)</option>
          <option value="auto">automatic</option>
        </select>
      </label>
      <label className="check">
        <input type="checkbox" checked={p.enabled} onChange={(e) => set('enabled', e.target.checked)} /> enabled
      </label>
      <FieldError errors={errors} name="form" />
      <div className="form-actions">
        <button type="submit" disabled={save.isPending}>
          Save policy
        </button>
        <button type="button" className="secondary" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
