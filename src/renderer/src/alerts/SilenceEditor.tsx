// A silence: which alerts (matchers: rule, server, agent; none = everything), for how long, and why.
// Matching alerts stay visible (marked silenced) but notify nobody until it ends.
import { useState, type FormEvent } from 'react';
import { useMutation } from '@tanstack/react-query';
import type { ServerView } from '../../../shared/domain';
import { ApiError } from '../api';
import { useApi } from '../hooks/api-context';

export interface SilenceDraft {
  rule: string;
  serverId: string;
  agentId: string;
}

const DURATIONS: Array<[label: string, ms: number]> = [
  ['15 minutes', 15 * 60_000],
  ['1 hour', 3_600_000],
  ['4 hours', 4 * 3_600_000],
  ['1 day', 24 * 3_600_000],
  ['1 week', 7 * 24 * 3_600_000],
];

export function SilenceEditor({ draft, views, rules, onDone }: { draft: SilenceDraft; views: ServerView[]; rules: string[]; onDone(): void }) {
  const api = useApi();
  const [form, setForm] = useState({ ...draft, durationMs: String(3_600_000), comment: '' });
  const create = useMutation({
    mutationFn: () =>
      api.call('silences.create', {
        matchers: {
          ...(form.rule.trim() ? { rule: form.rule.trim() } : {}),
          ...(form.serverId ? { serverId: form.serverId } : {}),
          ...(form.agentId.trim() ? { agentId: form.agentId.trim() } : {}),
        },
        durationMs: Number(form.durationMs),
        comment: form.comment,
      }),
    onSuccess: onDone,
  });
  const fields = create.error instanceof ApiError ? (create.error.fields ?? {}) : {};
  const err = (key: string) =>
    fields[key] ? (
      <span className="field-error" id={`silence-${key}-error`}>
        {fields[key]}
      </span>
    ) : null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate();
  };
  const everything = !form.rule.trim() && !form.serverId && !form.agentId.trim();
  return (
    <form className="silence-editor panel" aria-label="New silence" onSubmit={submit}>
      <h3>New silence</h3>
      <div className="form-row">
        <label>
          <span className="field-label">Rule</span>
          <input list="silence-rules" value={form.rule} onChange={(e) => setForm({ ...form, rule: e.target.value })} placeholder="any rule" />
          <datalist id="silence-rules">
            {rules.map((r) => (
              <option key={r} value={r} />
            ))}
          </datalist>
          {err('matchers.rule')}
        </label>
        <label>
          <span className="field-label">Server</span>
          <select value={form.serverId} onChange={(e) => setForm({ ...form, serverId: e.target.value })}>
            <option value="">any server</option>
            {views.map((v) => (
              <option key={v.config.id} value={v.config.id}>
                {v.config.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span className="field-label">Agent</span>
          <input value={form.agentId} onChange={(e) => setForm({ ...form, agentId: e.target.value })} placeholder="any agent" />
          {err('matchers.agentId')}
        </label>
        <label>
          <span className="field-label">Duration</span>
          <select value={form.durationMs} onChange={(e) => setForm({ ...form, durationMs: e.target.value })}>
            {DURATIONS.map(([label, ms]) => (
              <option key={ms} value={ms}>
                {label}
              </option>
            ))}
          </select>
          {err('durationMs')}
        </label>
        <label className="grow">
          <span className="field-label">Comment</span>
          <input value={form.comment} onChange={(e) => setForm({ ...form, comment: e.target.value })} placeholder="why (shown to everyone)" maxLength={500} />
          {err('comment')}
        </label>
      </div>
      {everything && <p className="field-error">No matcher: this silences every alert on every server.</p>}
      <div className="form-actions">
        <button type="submit" disabled={create.isPending}>
          Silence
        </button>
        <button type="button" className="secondary" onClick={onDone}>
          Cancel
        </button>
        {create.isError && !Object.keys(fields).length && <span className="form-error">{create.error.message}</span>}
      </div>
    </form>
  );
}
