// The window as an ops tool (issue 12): status strips, probe timing, alert history and incidents,
// acknowledge-all, the Settings view. Inputs in console-ui-inputs.ts; outputs and events here.
// Spread into the contract's methodInputs / MethodOutputs / EventPayloads.
import type { Alert } from './domain';
import type { ConsoleSettingsView, Incident, ProbeMark, ProbeTimeline } from './console-ui';

export { consoleUiInputs } from './console-ui-inputs';

export interface ConsoleUiOutputs {
  'fleet.recentProbes': Record<string, ProbeMark[]>;
  'servers.probeTimeline': ProbeTimeline;
  'alerts.history': Alert[];
  'alerts.incidents': Incident[];
  'alerts.ackAll': { acked: number };
  'settings.get': ConsoleSettingsView;
  'settings.update': ConsoleSettingsView;
}

export interface ConsoleUiEvents {
  /** The Settings-view tunables changed (they apply from the next cycle). */
  'settings.changed': Record<string, never>;
}
