// Add or edit a server. Validates as you type with the same schema the core enforces, and shows the
// core's field errors (e.g. "already watched") next to the field.
import { FieldNote } from './FieldNote';
import { useId, useMemo, useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { serverInputSchema } from '../../../shared/contract';
import type { ServerConfig } from '../../../shared/domain';
import { ApiError } from '../api';
import { useApi } from '../hooks/api-context';
import { serversKey } from '../hooks/use-servers';
import type { AddPrefill } from '../state/ui-store';
import { ConnectionSteps } from './ConnectionSteps';
import { JumpHostFields } from './JumpHostFields';
import { EMPTY_JUMP, jumpFromConfig, jumpFromImport, jumpToInput, type JumpFormState } from './jump-host-form';

interface FormState {
  name: string;
  host: string;
  sshPort: string;
  sshUser: string;
  privateKeyPath: string;
  gatewayPort: string;
  role: string;
  tags: string;
  openclawPath: string;
  openclawProfile: string;
  openclawStateDir: string;
  gatewayAccess: 'auto' | 'cli';
  sshAuth: 'key' | 'agent';
  jump: JumpFormState;
}
type TextField = Exclude<keyof FormState, 'gatewayAccess' | 'sshAuth' | 'jump'>;

const EMPTY: FormState = {
  name: '',
  host: '',
  sshPort: '22',
  sshUser: '',
  privateKeyPath: '~/.ssh/id_ed25519',
  gatewayPort: '18789',
  role: 'general',
  tags: '',
  openclawPath: '',
  openclawProfile: '',
  openclawStateDir: '',
  gatewayAccess: 'auto',
  sshAuth: 'key',
  jump: EMPTY_JUMP,
};

const FIELDS: Array<{ key: TextField; label: string; hint?: string; inputMode?: 'numeric' }> = [
  { key: 'name', label: 'Name', hint: 'How the server appears in the console' },
  { key: 'host', label: 'Host', hint: 'Name or IP address for SSH' },
  { key: 'sshPort', label: 'SSH port', inputMode: 'numeric' },
  { key: 'sshUser', label: 'SSH user' },
  { key: 'privateKeyPath', label: 'Private key file', hint: 'On this machine; the host key must be in known_hosts' },
  { key: 'gatewayPort', label: 'Gateway port', hint: 'OpenClaw gateway port on the server (loopback)', inputMode: 'numeric' },
  { key: 'role', label: 'Role', hint: 'ops for the watcher side; e.g. communications, development' },
  { key: 'tags', label: 'Tags', hint: 'Comma-separated, e.g. eu, prod' },
  { key: 'openclawPath', label: 'openclaw path', hint: 'Only if not on the PATH of SSH commands' },
  { key: 'openclawProfile', label: 'OpenClaw profile', hint: 'Only for --profile NAME installs' },
  { key: 'openclawStateDir', label: 'OpenClaw state dir', hint: 'Only if not the default (~/.openclaw)' },
];

const JUMP_KEYS = ['jumpHost.host', 'jumpHost.port', 'jumpHost.user', 'jumpHost.privateKeyPath'];
const ALL_TOUCHED: Record<string, boolean> = Object.fromEntries([...FIELDS.map((f) => f.key), ...JUMP_KEYS].map((k) => [k, true]));

function fromConfig(c: ServerConfig): FormState {
  return {
    name: c.name,
    host: c.host,
    sshPort: String(c.sshPort),
    sshUser: c.sshUser,
    privateKeyPath: c.privateKeyPath,
    gatewayPort: String(c.gatewayPort),
    role: c.role ?? 'general',
    tags: (c.tags ?? []).join(', '),
    openclawPath: c.openclawPath ?? '',
    openclawProfile: c.openclawProfile ?? '',
    openclawStateDir: c.openclawStateDir ?? '',
    gatewayAccess: c.gatewayAccess ?? 'auto',
    sshAuth: c.sshAuth ?? 'key',
    jump: jumpFromConfig(c.jumpHost),
  };
}

const num = (s: string) => (s.trim() === '' ? Number.NaN : Number(s));
const optional = (s: string) => (s.trim() === '' ? undefined : s.trim());

function toInput(f: FormState, editing: boolean) {
  const jumpHost = jumpToInput(f.jump, editing);
  return {
    ...(jumpHost !== undefined ? { jumpHost } : {}),
    name: f.name,
    host: f.host,
    sshPort: num(f.sshPort),
    sshUser: f.sshUser,
    privateKeyPath: f.privateKeyPath,
    gatewayPort: num(f.gatewayPort),
    gatewayAccess: f.gatewayAccess,
    sshAuth: f.sshAuth,
    role: optional(f.role),
    tags: f.tags
      .split(',')
      .map((t) => t.trim())
      .filter(Boolean),
    openclawPath: optional(f.openclawPath),
    openclawProfile: optional(f.openclawProfile),
    openclawStateDir: optional(f.openclawStateDir),
  };
}

function fromPrefill(p: AddPrefill): FormState {
  return {
    ...EMPTY,
    name: p.name,
    host: p.host,
    sshPort: String(p.sshPort),
    sshUser: p.sshUser,
    privateKeyPath: p.privateKeyPath ?? EMPTY.privateKeyPath,
    gatewayPort: p.gatewayPort ? String(p.gatewayPort) : EMPTY.gatewayPort,
    jump: jumpFromImport(p.jump),
  };
}

export function ServerForm({
  initial,
  prefill,
  onDone,
  onSaved,
}: {
  initial?: ServerConfig;
  prefill?: AddPrefill | null;
  /** Closes the form (also offers Cancel). */
  onDone?: () => void;
  /** Told after a successful save, without a Cancel button (the first-run form). */
  onSaved?: () => void;
}) {
  const api = useApi();
  const queryClient = useQueryClient();
  const [form, setForm] = useState<FormState>(initial ? fromConfig(initial) : prefill ? fromPrefill(prefill) : EMPTY);
  const [touched, setTouched] = useState<Record<string, boolean>>({});
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const idPrefix = useId();
  const title = initial ? `Edit ${initial.name}` : 'Add a server';
  const action = initial ? 'Save changes' : 'Add server';

  const localErrors = useMemo(() => {
    const parsed = serverInputSchema.safeParse(toInput(form, initial !== undefined));
    const errors: Record<string, string> = {};
    // Keyed as the core keys its field errors: "host", "jumpHost.host".
    if (!parsed.success) for (const issue of parsed.error.issues) errors[issue.path.map(String).join('.')] ??= issue.message;
    if (form.sshAuth === 'key' && !form.privateKeyPath.trim()) errors.privateKeyPath ??= 'required (or choose the ssh-agent)';
    if (form.jump.enabled && form.jump.sshAuth === 'key' && !form.jump.privateKeyPath.trim()) errors['jumpHost.privateKeyPath'] ??= 'required (or choose the ssh-agent)';
    return errors;
  }, [form, initial]);

  const save = useMutation({
    mutationFn: () => (initial ? api.call('servers.update', { id: initial.id, patch: toInput(form, true) }) : api.call('servers.add', toInput(form, false))),
    onSuccess: () => {
      if (!initial) setForm(EMPTY);
      setTouched({});
      void queryClient.invalidateQueries({ queryKey: serversKey });
      onSaved?.();
      onDone?.();
    },
    onError: (err) => setServerErrors(err instanceof ApiError && err.fields ? err.fields : {}),
  });

  // "Test connection" runs on the typed values, before anything is saved (the core stores nothing).
  const check = useMutation({
    // A check of typed values never removes anything: an unticked jump host is simply left out.
    mutationFn: () => api.call('servers.checkConnection', { server: toInput(form, false) }),
    onError: (err) => setServerErrors(err instanceof ApiError && err.fields ? Object.fromEntries(Object.entries(err.fields).map(([k, v]) => [k.replace(/^server\./, ''), v])) : {}),
  });
  const testConnection = () => {
    setTouched(ALL_TOUCHED);
    if (Object.keys(localErrors).length === 0) check.mutate();
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTouched(ALL_TOUCHED);
    if (Object.keys(localErrors).length === 0) save.mutate();
  };

  return (
    <form className="add-server" onSubmit={submit} aria-label={initial ? 'Edit server' : 'Add server'} noValidate>
      <h2>{title}</h2>
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
                  check.reset(); // results were for the old values
                }}
                onBlur={() => setTouched({ ...touched, [key]: true })}
              />
              <FieldNote id={noteId} error={error} hint={hint} />
            </div>
          );
        })}
      </div>
      <JumpHostFields
        idPrefix={idPrefix}
        value={form.jump}
        errors={Object.fromEntries(JUMP_KEYS.map((k) => [k, (touched[k] && localErrors[k]) || serverErrors[k]]))}
        onChange={(jump) => {
          setForm({ ...form, jump });
          setServerErrors({});
          check.reset();
        }}
        onBlur={(k) => setTouched({ ...touched, [k]: true })}
      />
      <div className="field">
        <label className="field-label" htmlFor={`${idPrefix}-sshAuth`}>
          SSH authentication
        </label>
        <select
          id={`${idPrefix}-sshAuth`}
          value={form.sshAuth}
          onChange={(e) => {
            setForm({ ...form, sshAuth: e.target.value === 'agent' ? 'agent' : 'key' });
            check.reset();
          }}
        >
          <option value="key">Private key file (an encrypted key's passphrase is asked for, kept in memory unless you choose to remember it)</option>
          <option value="agent">ssh-agent (SSH_AUTH_SOCK of Yardmaster)</option>
        </select>
      </div>
      <div className="field">
        <label className="field-label" htmlFor={`${idPrefix}-gatewayAccess`}>
          Gateway access
        </label>
        <select
          id={`${idPrefix}-gatewayAccess`}
          value={form.gatewayAccess}
          onChange={(e) => {
            setForm({ ...form, gatewayAccess: e.target.value === 'cli' ? 'cli' : 'auto' });
            check.reset();
          }}
        >
          <option value="auto">WebSocket, read-only (token read from the server's OpenClaw config); CLI if unavailable</option>
          <option value="cli">CLI over SSH only (never reads the OpenClaw config file)</option>
        </select>
      </div>
      {save.isError && (
        <p className="form-error" role="alert">
          {save.error.message}
        </p>
      )}
      {check.isError && (
        <p className="form-error" role="alert">
          Connection check failed to run: {check.error.message}
        </p>
      )}
      {check.data && !check.isPending && <ConnectionSteps check={check.data} />}
      <div className="form-actions">
        <button type="submit" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : action}
        </button>
        <button type="button" className="secondary" onClick={testConnection} disabled={check.isPending}>
          {check.isPending ? 'Testing…' : 'Test connection'}
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
