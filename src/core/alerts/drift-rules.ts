// Config audit conditions, one server at a time (pure, like alert-rules.ts):
//   config-drift              warning: keys that differ from (or are missing against) the role's baseline,
//                             one alert per server whose summary names the keys;
//   config-migration-pending  info: legacy keys that `openclaw doctor --fix` would migrate.
import type { ServerConfigAudit } from '../../shared/config-audit';
import type { ServerConfig } from '../../shared/domain';
import type { Condition } from './alert-rules';

const LISTED = 4;

const list = (keys: string[]) => keys.slice(0, LISTED).join(', ') + (keys.length > LISTED ? ` (+${keys.length - LISTED} more)` : '');

export function driftConditions(server: ServerConfig, audit: ServerConfigAudit | null): Condition[] {
  if (!audit || !server.enabled || server.maintenance) return [];
  const out: Condition[] = [];
  const drifted = audit.rows.filter((r) => r.state === 'drift' || r.state === 'missing').map((r) => r.key);
  if (drifted.length) {
    out.push({
      rule: 'config-drift',
      severity: 'warning',
      agentId: null,
      summary: `${server.name}: config differs from the "${audit.role}" baseline in ${drifted.length} key${drifted.length === 1 ? '' : 's'}: ${list(drifted)}`,
      inhibitable: true,
    });
  }
  const legacy = audit.projection?.legacyKeys ?? [];
  if (legacy.length) {
    out.push({
      rule: 'config-migration-pending',
      severity: 'info',
      agentId: null,
      summary: `${server.name}: legacy config keys awaiting \`openclaw doctor --fix\`: ${list(legacy)}`,
      inhibitable: true,
    });
  }
  return out;
}
