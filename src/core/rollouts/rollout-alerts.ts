// Alert conditions from rollouts, given to the alert engine with every other source's for the server:
// a failed server and a halted rollout page through the usual ladder (tray, notification, webhook,
// email) and resolve once the operator retries, skips, rolls back or aborts.
import type { Condition } from '../alerts/alert-rules';
import type { RolloutStore } from './rollout-store';

const LIVE = new Set(['running', 'baking', 'paused', 'halted', 'interrupted']);

export function rolloutConditions(store: RolloutStore, serverId: string): Condition[] {
  const out: Condition[] = [];
  for (const r of store.unfinished()) {
    if (!LIVE.has(r.state)) continue;
    const s = store.servers(r.id).find((x) => x.serverId === serverId);
    if (!s) continue;
    if (s.state === 'failed') {
      out.push({ rule: 'rollout-server-failed', severity: 'critical', agentId: null, inhibitable: false, summary: `Update to ${r.targetVersion} failed (${s.failure ?? 'unknown'})` });
    }
    if (s.state === 'rollback-failed') {
      out.push({ rule: 'rollout-rollback-failed', severity: 'critical', agentId: null, inhibitable: false, summary: `Rollback to ${s.fromVersion ?? '?'} failed (${s.failure ?? 'unknown'})` });
    }
    if (r.state === 'halted' && s.wave === r.currentWave && s.state === 'failed') {
      out.push({ rule: 'rollout-halted', severity: 'critical', agentId: null, inhibitable: false, summary: `Rollout to ${r.targetVersion} halted in wave ${r.currentWave + 1} (${r.reason ?? 'halted'})` });
    }
  }
  return out;
}
