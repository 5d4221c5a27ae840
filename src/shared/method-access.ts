// Who may call what. Every contract method names the least role that may call it; the core router
// refuses a call from a lesser caller. `satisfies Record<MethodName, Role>` makes a method without a
// declaration (or a declaration for a method that does not exist) a type error, so a new method
// cannot ship without deciding who may use it.
import type { MethodName } from './contract';

/** Ordered from least to most: each role may do everything the roles before it may. */
export const ROLES = ['viewer', 'operator'] as const;
export type Role = (typeof ROLES)[number];

/** viewer: sees everything and acknowledges alerts. operator: also changes the console and the fleet. */
export const methodAccess = {
  // Reads of what the console already knows.
  'app.info': 'viewer',
  'app.localOpenclaw': 'viewer',
  'servers.list': 'viewer',
  'servers.transitions': 'viewer',
  'servers.series': 'viewer',
  'alerts.list': 'viewer',
  'webhooks.list': 'viewer',
  'email.get': 'viewer',
  'polling.get': 'viewer',
  'silences.list': 'viewer',
  'config.audit': 'viewer',
  'config.baselines.list': 'viewer',
  'sessions.series': 'viewer',
  'sessions.agentSeries': 'viewer',
  'sessions.top': 'viewer',
  'sessions.agents': 'viewer',
  'fleet.fillHeatmap': 'viewer',
  'access.whoami': 'viewer',
  // A viewer on call acknowledges what it saw; that stops the escalation, it changes nothing else.
  'alerts.ack': 'viewer',

  // Servers: inventory, credentials, trust.
  'servers.add': 'operator',
  'servers.update': 'operator',
  'servers.remove': 'operator',
  'servers.unlockKey': 'operator',
  'servers.setGatewayToken': 'operator',
  // A session's real key can name a client: shown to an operator who opens it, never to a viewer.
  'sessions.revealKey': 'operator',
  'servers.trustHostKey': 'operator',
  // These make the console open SSH connections (checkConnection even to typed, unsaved hosts) or
  // read files on the console's machine (an SSH config at any path): not a viewer's business.
  'servers.probeNow': 'operator',
  'servers.checkConnection': 'operator',
  'config.refresh': 'operator',
  'inventory.sshConfigHosts': 'operator',
  // Baselines, silences, channels, polling.
  'config.baselines.setFromServer': 'operator',
  'config.baselines.update': 'operator',
  'config.baselines.remove': 'operator',
  'silences.create': 'operator',
  'silences.expire': 'operator',
  'webhooks.add': 'operator',
  'webhooks.setUrl': 'operator',
  'webhooks.remove': 'operator',
  'webhooks.test': 'operator',
  'email.configure': 'operator',
  'email.remove': 'operator',
  'email.test': 'operator',
  'polling.pause': 'operator',
  'polling.resume': 'operator',
  // Issue 11: the full snapshot on demand and the console's own health (reads).
  'servers.detail': 'viewer',
  'console.health': 'viewer',
  // Issue 12: status strips, probe timing, alert history and incidents (reads); ack-all (an acknowledgement);
  // the Settings view's tunables change how the console watches (operator).
  'fleet.recentProbes': 'viewer',
  'servers.probeTimeline': 'viewer',
  'alerts.history': 'viewer',
  'alerts.incidents': 'viewer',
  'alerts.ackAll': 'viewer',
  'settings.get': 'viewer',
  'settings.update': 'operator',
  // Issue 14: reports are read by everyone; creating, editing, deleting and exporting (which renders
  // and hands out a file) are the operator's.
  'reports.list': 'viewer',
  'reports.get': 'viewer',
  'reports.create': 'operator',
  'reports.update': 'operator',
  'reports.refresh': 'operator',
  'reports.remove': 'operator',
  // An export reads a stored report (writes nothing): part of seeing everything.
  'reports.export': 'viewer',
  // Issue 13: rollouts change servers; planning reads them over SSH (operator too).
  'rollouts.targets': 'viewer',
  'rollouts.list': 'viewer',
  'rollouts.get': 'viewer',
  'rollouts.service.get': 'viewer',
  'rollouts.plan': 'operator',
  'rollouts.start': 'operator',
  'rollouts.act': 'operator',
  'rollouts.service.set': 'operator',
  // Issue 18: hygiene policies and runs change servers (a dry run reads them over SSH).
  'hygiene.policies.list': 'viewer',
  'hygiene.runs.list': 'viewer',
  'hygiene.markers': 'viewer',
  'hygiene.policies.save': 'operator',
  'hygiene.policies.remove': 'operator',
  'hygiene.runNow': 'operator',
  'hygiene.approve': 'operator',
  // Issue 15: where this console watches from. Switching changes what the window shows and whether
  // this machine polls: the local operator's.
  'attach.status': 'viewer',
  'attach.set': 'operator',
} as const satisfies Record<MethodName, Role>;

export const isRole = (value: unknown): value is Role => typeof value === 'string' && (ROLES as readonly string[]).includes(value);

/** Whether a caller holding `held` may call `method`. */
export function mayCall(held: Role, method: MethodName): boolean {
  return ROLES.indexOf(held) >= ROLES.indexOf(methodAccess[method]);
}
