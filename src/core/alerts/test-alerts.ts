// An alert for unit tests, with any field overridden.
import type { Alert } from '../../shared/domain';

export function testAlert(over: Partial<Alert> = {}): Alert {
  return {
    id: 'a1',
    rule: 'server-down',
    severity: 'critical',
    serverId: 's1',
    agentId: null,
    summary: 'ops-1 is DOWN (gateway-unreachable)',
    startedAt: 1,
    resolvedAt: null,
    inhibited: false,
    silencedBy: null,
    ackedAt: null,
    ackedBy: null,
    ...over,
  };
}
