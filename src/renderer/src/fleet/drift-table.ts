// Shapes the config audit of one role into a table: one row per key, one column per server.
// Pure, so it is unit-tested without a DOM.
import type { ConfigBaseline, DriftState, ServerConfigAudit } from '../../../shared/config-audit';
import { specForKey } from '../../../shared/config-keys';
import { formatValue } from '../../../shared/config-values';

export interface DriftCell {
  text: string;
  /** null without a baseline (nothing to compare with) or when nothing was read. */
  state: DriftState | null;
  origin: string | null;
  legacyKey: string | null;
}

export interface DriftTableRow {
  key: string;
  baselineText: string | null;
  cells: Record<string, DriftCell>;
  differs: boolean;
}

export const STATE_TEXT: Record<DriftState, string> = { match: 'match', drift: 'drift', missing: 'missing', 'migration-pending': 'migration pending' };

export const formatConfigValue = (key: string, v: Parameters<typeof formatValue>[1]) => formatValue(specForKey(key)?.kind ?? null, v);

export function driftTable(audits: ServerConfigAudit[], baseline: ConfigBaseline | null): DriftTableRow[] {
  const keys: string[] = [];
  const seen = new Set<string>();
  const add = (k: string) => {
    if (!seen.has(k)) {
      seen.add(k);
      keys.push(k);
    }
  };
  for (const a of audits) {
    if (a.rows.length) a.rows.forEach((r) => add(r.key));
    else if (a.projection) Object.keys(a.projection.values).forEach(add);
  }
  if (baseline) Object.keys(baseline.values).forEach(add);
  return keys.map((key) => {
    const cells: Record<string, DriftCell> = {};
    for (const a of audits) {
      const row = a.rows.find((r) => r.key === key);
      if (row) cells[a.serverId] = { text: row.actualOrigin === null ? '—' : formatConfigValue(key, row.actual), state: row.state, origin: row.actualOrigin, legacyKey: row.legacyKey };
      else {
        const v = a.projection?.values[key];
        cells[a.serverId] = { text: v ? formatConfigValue(key, v.value) : '—', state: null, origin: v?.origin ?? null, legacyKey: v?.legacyKey ?? null };
      }
    }
    const differs = Object.values(cells).some((c) => c.state !== null && c.state !== 'match');
    return { key, baselineText: baseline && Object.hasOwn(baseline.values, key) ? formatConfigValue(key, baseline.values[key]!) : null, cells, differs };
  });
}
