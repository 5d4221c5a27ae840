// Intervals, hold-down and the escalation ladder, validated as typed with the schema the core
// enforces; every error sits under its field and names it. Saved values apply from the next cycle.
import { useState, type FormEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { tunablesPatchSchema, type TunablesPatch } from '../../../shared/console-ui-inputs';
import type { ConsoleSettingsView } from '../../../shared/console-ui';
import { ApiError } from '../api';
import { useApi } from '../hooks/api-context';
import { settingsKey } from '../hooks/use-settings';
import { formatDuration } from '../format';

type Tunables = ConsoleSettingsView['tunables'];
type Group = 'escalation' | 'thresholds';
type Key =
  | 'pollIntervalMs'
  | 'rpcIntervalMs'
  | 'alertHoldDownMs'
  | `escalation.${keyof Tunables['escalation']}`
  | `thresholds.${keyof Tunables['thresholds']}`;
type Unit = 's' | 'min' | '%' | 'MB/h' | '';
const FIELDS: Array<{ key: Key; label: string; unit: Unit; hint: string }> = [
  { key: 'pollIntervalMs', label: 'Poll interval', unit: 's', hint: 'How often every server is probed (liveness).' },
  { key: 'rpcIntervalMs', label: 'RPC interval', unit: 's', hint: 'How often gateway facts (sessions, heartbeats) are re-read.' },
  { key: 'alertHoldDownMs', label: 'Alert hold-down', unit: 's', hint: 'How long a cleared condition must stay clear before its alert resolves.' },
  { key: 'escalation.criticalRenotifyAfterMs', label: 'Re-notify after', unit: 'min', hint: 'An unacknowledged critical alert notifies everyone again after this long.' },
  { key: 'escalation.repeatEveryMs', label: 'Repeat every', unit: 'min', hint: 'Then repeats at this interval…' },
  { key: 'escalation.maxRepeats', label: 'Repeats', unit: '', hint: '…at most this many times (0: never repeat).' },
  { key: 'thresholds.sessionFillPct', label: 'Session fill warning', unit: '%', hint: 'A session whose context is this full raises session-fill-high.' },
  { key: 'thresholds.rssGrowthMbPerHour', label: 'Memory growth warning', unit: 'MB/h', hint: 'Gateway memory growing this fast for 30 min raises rss-growth.' },
  { key: 'thresholds.zombieRows', label: 'Zombie rows warning', unit: '', hint: 'Zero-token session rows added within 6 h that raise zombie-sessions-growing.' },
];
const scale = (unit: Unit) => (unit === 's' ? 1000 : unit === 'min' ? 60_000 : 1);
const UNIT_WORDS: Record<Unit, string> = { s: 'seconds', min: 'minutes', '%': 'percent', 'MB/h': 'MB per hour', '': '' };

function split(key: Key): [Group, string] | null {
  const dot = key.indexOf('.');
  return dot < 0 ? null : [key.slice(0, dot) as Group, key.slice(dot + 1)];
}

function read(t: Tunables, key: Key): number {
  const group = split(key);
  return group ? (t[group[0]] as Record<string, number>)[group[1]]! : t[key as 'pollIntervalMs'];
}

function formatDefault(unit: Unit, value: number): string {
  return unit === 's' || unit === 'min' ? formatDuration(value) : unit ? `${value} ${unit}` : String(value);
}

/** Typed text → the patch the core takes; text that is not a number stays NaN so the schema names the field. */
function toPatch(values: Record<Key, string>): TunablesPatch {
  const patch: Record<string, unknown> = {};
  for (const f of FIELDS) {
    const text = values[f.key].trim();
    const value = text === '' ? NaN : Number(text.replace(',', '.')) * scale(f.unit);
    const group = split(f.key);
    if (group) ((patch[group[0]] ??= {}) as Record<string, number>)[group[1]] = value;
    else patch[f.key] = value;
  }
  return patch as TunablesPatch;
}

export function TunablesForm({ view }: { view: ConsoleSettingsView }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const initial = Object.fromEntries(FIELDS.map((f) => [f.key, String(read(view.tunables, f.key) / scale(f.unit))])) as Record<Key, string>;
  const [values, setValues] = useState(initial);
  const [touched, setTouched] = useState(false);
  const save = useMutation({
    mutationFn: (patch: TunablesPatch) => api.call('settings.update', patch),
    onSuccess: (next) => {
      queryClient.setQueryData(settingsKey, next);
      setTouched(false);
    },
  });
  const parsed = tunablesPatchSchema.safeParse(toPatch(values));
  const local: Record<string, string> = {};
  if (!parsed.success) for (const i of parsed.error.issues) local[i.path.join('.')] ??= i.message;
  const remote = save.error instanceof ApiError ? (save.error.fields ?? {}) : {};
  const errors = touched ? { ...remote, ...local } : remote;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTouched(true);
    if (parsed.success) save.mutate(parsed.data);
  };
  return (
    <form className="settings-form" aria-label="Polling and alerting" onSubmit={submit} noValidate>
      {FIELDS.map((f) => {
        const id = `tunable-${f.key.replace('.', '-')}`;
        const unitWords = UNIT_WORDS[f.unit];
        const error = errors[f.key];
        const overridden = view.overriddenByCommandLine.includes(f.key as 'pollIntervalMs');
        return (
          <div className="field" key={f.key}>
            <label htmlFor={id} className="field-label">
              {f.label}
              {unitWords ? ` (${unitWords})` : ''}
            </label>
            <input
              id={id}
              inputMode="decimal"
              value={values[f.key]}
              aria-invalid={error ? true : undefined}
              aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
              onChange={(e) => {
                setValues({ ...values, [f.key]: e.target.value });
                setTouched(true);
              }}
            />
            <span className="field-hint" id={`${id}-hint`}>
              {f.hint} Default {formatDefault(f.unit, read(view.defaults, f.key))}.
              {overridden && <strong> Set on the command line for this run; the saved value applies when started without it.</strong>}
            </span>
            {error && (
              <span className="field-error" id={`${id}-error`} data-testid="settings-field-error">
                {error}
              </span>
            )}
          </div>
        );
      })}
      <div className="form-actions">
        <button type="submit" disabled={save.isPending}>
          Save settings
        </button>
        {save.isSuccess && !touched && (
          <span className="muted" role="status" data-testid="settings-saved">
            Saved; applies from the next cycle (no restart).
          </span>
        )}
        {save.isError && !(save.error instanceof ApiError && save.error.fields) && <span className="form-error">{save.error.message}</span>}
      </div>
    </form>
  );
}
