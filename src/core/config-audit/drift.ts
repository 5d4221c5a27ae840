// Baseline vs a server's projection → one row per key. Pure.
//   match             same value (documented defaults already filled in, so unset == default);
//   drift             different value;
//   missing           the key is only on one side (e.g. an agent the baseline does not have);
//   migration-pending same value, but read from a legacy key that `openclaw doctor --fix` would move;
//                     also one row per legacy key present.
import type { ConfigProjection, ConfigValue, DriftRow } from '../../shared/config-audit';
import { GLOBAL_KEYS } from '../../shared/config-keys';

const ORDER = new Map(GLOBAL_KEYS.map((k, i) => [k.path, i]));
const byKey = (a: string, b: string) => (ORDER.get(a) ?? Infinity) - (ORDER.get(b) ?? Infinity) || (a < b ? -1 : a > b ? 1 : 0);

export function driftRows(baseline: Record<string, ConfigValue>, projection: ConfigProjection): DriftRow[] {
  const keys = [...new Set([...Object.keys(baseline), ...Object.keys(projection.values)])].sort(byKey);
  const rows: DriftRow[] = keys.map((key) => {
    const inBaseline = Object.hasOwn(baseline, key);
    const actual = Object.hasOwn(projection.values, key) ? projection.values[key]! : null;
    const expected = inBaseline ? baseline[key]! : null;
    const legacyKey = actual?.origin === 'legacy' ? (actual.legacyKey ?? 'legacy key') : null;
    const state = !inBaseline || !actual ? 'missing' : expected !== actual.value ? 'drift' : legacyKey ? 'migration-pending' : 'match';
    return { key, baseline: expected, inBaseline, actual: actual?.value ?? null, actualOrigin: actual?.origin ?? null, state, legacyKey };
  });
  for (const legacy of projection.legacyKeys) {
    rows.push({ key: legacy, baseline: null, inBaseline: false, actual: 'present', actualOrigin: 'legacy', state: 'migration-pending', legacyKey: legacy });
  }
  return rows;
}

/** A baseline is a server's projection as plain values (legacy-sourced values count by their value). */
export function baselineValues(projection: ConfigProjection): Record<string, ConfigValue> {
  const values: Record<string, ConfigValue> = {};
  for (const [key, v] of Object.entries(projection.values)) values[key] = v.value;
  return values;
}
