// Add a server. Validates as you type with the same schema the core enforces, and shows the core's
// field errors (e.g. "already watched") next to the field.
import { useId, useMemo, useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { serverInputSchema } from '../../../shared/contract';
import { ApiError } from '../api';
import { useApi } from '../hooks/api-context';
import { serversKey } from '../hooks/use-servers';

interface FormState {
  name: string;
  host: string;
  sshPort: string;
  sshUser: string;
  privateKeyPath: string;
  gatewayPort: string;
  gatewayAccess: 'auto' | 'cli';
}

const EMPTY: FormState = {
  name: '',
  host: '',
  sshPort: '22',
  sshUser: '',
  privateKeyPath: '~/.ssh/id_ed25519',
  gatewayPort: '18789',
  gatewayAccess: 'auto',
};

const FIELDS: Array<{ key: Exclude<keyof FormState, 'gatewayAccess'>; label: string; hint?: string; inputMode?: 'numeric' }> = [
  { key: 'name', label: 'Name', hint: 'How the server appears in the console' },
  { key: 'host', label: 'Host', hint: 'Name or IP address for SSH' },
  { key: 'sshPort', label: 'SSH port', inputMode: 'numeric' },
  { key: 'sshUser', label: 'SSH user' },
  { key: 'privateKeyPath', label: 'Private key file', hint: 'On this machine; the host key must be in known_hosts' },
  { key: 'gatewayPort', label: 'Gateway port', hint: 'OpenClaw gateway port on the server (loopback)', inputMode: 'numeric' },
];

function toInput(f: FormState) {
  return {
    name: f.name,
    host: f.host,
    sshPort: f.sshPort.trim() === '' ? Number.NaN : Number(f.sshPort),
    sshUser: f.sshUser,
    privateKeyPath: f.privateKeyPath,
    gatewayPort: f.gatewayPort.trim() === '' ? Number.NaN : Number(f.gatewayPort),
    gatewayAccess: f.gatewayAccess,
  };
}

export function AddServerForm({ onDone }: { onDone?: () => void }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const [form, setForm] = useState<FormState>(EMPTY);
  const [touched, setTouched] = useState<Partial<Record<keyof FormState, boolean>>>({});
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const idPrefix = useId();

  const localErrors = useMemo(() => {
    const parsed = serverInputSchema.safeParse(toInput(form));
    const errors: Record<string, string> = {};
    if (!parsed.success) for (const issue of parsed.error.issues) errors[String(issue.path[0])] ??= issue.message;
    return errors;
  }, [form]);

  const add = useMutation({
    mutationFn: () => api.call('servers.add', toInput(form)),
    onSuccess: () => {
      setForm(EMPTY);
      setTouched({});
      void queryClient.invalidateQueries({ queryKey: serversKey });
      onDone?.();
    },
    onError: (err) => setServerErrors(err instanceof ApiError && err.fields ? err.fields : {}),
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTouched(Object.fromEntries(FIELDS.map((f) => [f.key, true])));
    if (Object.keys(localErrors).length === 0) add.mutate();
  };

  return (
    <form className="add-server" onSubmit={submit} aria-label="Add server" noValidate>
      <h2>Add a server</h2>
      <div className="form-grid">
        {FIELDS.map(({ key, label, hint, inputMode }) => {
          const error = (touched[key] && localErrors[key]) || serverErrors[key];
          const inputId = `${idPrefix}-${key}`;
          const noteId = `${inputId}-note`;
          return (
            <div key={key} className="field">
              <label className="field-label" htmlFor={inputId}>
                {label}
              </label>
              <input
                id={inputId}
                name={key}
                value={form[key]}
                inputMode={inputMode}
                aria-invalid={error ? true : undefined}
                aria-describedby={error || hint ? noteId : undefined}
                onChange={(e) => {
                  setForm({ ...form, [key]: e.target.value });
                  setServerErrors({});
                }}
                onBlur={() => setTouched({ ...touched, [key]: true })}
              />
              {error ? (
                <span id={noteId} className="field-error" role="alert">
                  {error}
                </span>
              ) : hint ? (
                <span id={noteId} className="field-hint">
                  {hint}
                </span>
              ) : null}
            </div>
          );
        })}
      </div>
      <div className="field">
        <label className="field-label" htmlFor={`${idPrefix}-gatewayAccess`}>
          Gateway access
        </label>
        <select
          id={`${idPrefix}-gatewayAccess`}
          value={form.gatewayAccess}
          onChange={(e) => setForm({ ...form, gatewayAccess: e.target.value === 'cli' ? 'cli' : 'auto' })}
        >
          <option value="auto">WebSocket, read-only (token read from the server's OpenClaw config); CLI if unavailable</option>
          <option value="cli">CLI over SSH only (never reads the OpenClaw config file)</option>
        </select>
      </div>
      {add.isError && (
        <p className="form-error" role="alert">
          {add.error.message}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" disabled={add.isPending}>
          {add.isPending ? 'Adding…' : 'Add server'}
        </button>
        {onDone && (
          <button type="button" className="secondary" onClick={onDone}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
