// "Through a jump host": the bastion in front of the server (OpenSSH ProxyJump, one hop). Errors come
// keyed as the contract names them (jumpHost.host, …), from the same schema the core enforces.
import { FieldNote } from './FieldNote';
import type { JumpFormState } from './jump-host-form';

type TextKey = 'host' | 'port' | 'user' | 'privateKeyPath';

const FIELDS: Array<{ key: TextKey; label: string; hint?: string; inputMode?: 'numeric' }> = [
  { key: 'host', label: 'Jump host', hint: 'The bastion this machine reaches; the server is reached from there' },
  { key: 'port', label: 'Jump SSH port', inputMode: 'numeric' },
  { key: 'user', label: 'Jump SSH user' },
  { key: 'privateKeyPath', label: 'Jump key file', hint: "On this machine; the jump host's key must be in known_hosts too" },
];

export function JumpHostFields({
  idPrefix,
  value,
  errors,
  onChange,
  onBlur,
}: {
  idPrefix: string;
  value: JumpFormState;
  /** Keyed `jumpHost.<field>`. */
  errors: Record<string, string | undefined>;
  onChange: (next: JumpFormState) => void;
  onBlur: (field: string) => void;
}) {
  const toggleId = `${idPrefix}-jump`;
  return (
    <fieldset className="field jump-host">
      <div>
        <input id={toggleId} type="checkbox" checked={value.enabled} onChange={(e) => onChange({ ...value, enabled: e.target.checked })} />{' '}
        <label htmlFor={toggleId}>Through a jump host (ProxyJump; one hop)</label>
      </div>
      {value.enabled && (
        <div className="form-grid">
          {FIELDS.map(({ key, label, hint, inputMode }) => {
            const error = errors[`jumpHost.${key}`];
            const inputId = `${idPrefix}-jump-${key}`;
            const noteId = `${inputId}-note`;
            return (
              <div key={key} className="field">
                <label className="field-label" htmlFor={inputId}>
                  {label}
                </label>
                <input
                  id={inputId}
                  name={`jumpHost.${key}`}
                  value={value[key]}
                  inputMode={inputMode}
                  aria-invalid={error ? true : undefined}
                  aria-describedby={error || hint ? noteId : undefined}
                  onChange={(e) => onChange({ ...value, [key]: e.target.value })}
                  onBlur={() => onBlur(`jumpHost.${key}`)}
                />
                <FieldNote id={noteId} error={error} hint={hint} />
              </div>
            );
          })}
          <div className="field">
            <label className="field-label" htmlFor={`${idPrefix}-jump-sshAuth`}>
              Jump authentication
            </label>
            <select id={`${idPrefix}-jump-sshAuth`} value={value.sshAuth} onChange={(e) => onChange({ ...value, sshAuth: e.target.value === 'agent' ? 'agent' : 'key' })}>
              <option value="key">Private key file (unencrypted, or the server's own key file)</option>
              <option value="agent">ssh-agent (SSH_AUTH_SOCK of Yardmaster)</option>
            </select>
          </div>
        </div>
      )}
    </fieldset>
  );
}
