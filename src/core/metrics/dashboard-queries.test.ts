// The shipped Grafana dashboard only queries series /metrics really exposes (a renamed metric would
// leave an empty panel nobody notices).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderMetrics } from './prometheus';

const root = join(__dirname, '..', '..', '..');

describe('grafana dashboard', () => {
  it('uses only metric names of the exposition', () => {
    const exposed = new Set([...renderMetrics({ servers: [], snapshot: () => null, alerts: [], pausedUntil: null, now: 0 }).matchAll(/^# TYPE (\S+) /gm)].map((m) => m[1]));
    const dashboard = JSON.parse(readFileSync(join(root, 'deploy', 'grafana', 'yardmaster-dashboard.json'), 'utf8')) as { panels: Array<{ targets: Array<{ expr: string }> }> };
    const used = new Set(dashboard.panels.flatMap((p) => p.targets.flatMap((t) => [...t.expr.matchAll(/\byardmaster_[a-z0-9_]+/g)].map((m) => m[0]))));
    expect(used.size).toBeGreaterThan(8);
    for (const name of used) expect(exposed, name).toContain(name);
  });
});
