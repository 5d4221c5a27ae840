// The steps of the snapshot pipeline, in order: record → session health → alert evaluation →
// broadcast (windows get the row; the full snapshot is fetched with servers.detail).
import type { ServerConfig, ServerSnapshot } from '../../shared/domain';
import { slimSnapshot } from '../../shared/snapshot-summary';
import type { Alerting } from '../alerts/alerting';
import type { FleetConditions } from '../alerts/fleet-conditions';
import type { EventHub } from '../events';
import type { HistoryStore } from '../history/history-store';
import type { ServerRegistry } from '../registry/server-registry';
import type { SessionHealth } from '../sessions/session-health';
import type { PipelineStep } from './snapshot-pipeline';

export interface SnapshotStepsDeps {
  history: HistoryStore;
  sessionHealth: SessionHealth;
  alerting: Alerting;
  conditions: FleetConditions;
  registry: ServerRegistry;
  events: EventHub;
  sshAccept?: { observe(server: ServerConfig, snapshot: ServerSnapshot): void };
  /** Restarts and version changes for incident reports (snapshot-journal.ts). */
  journal?: { observe(snapshot: ServerSnapshot): void };
}

export function snapshotSteps(d: SnapshotStepsDeps): PipelineStep[] {
  return [
    // The fresh-connection check (sshd still accepting?) runs when due, beside the pooled connection.
    { name: 'ssh-accept', run: ({ server, snapshot }) => d.sshAccept?.observe(server, snapshot) },
    { name: 'record', run: ({ snapshot, transition }) => d.history.recordSnapshot(snapshot, transition) },
    { name: 'journal', run: ({ snapshot }) => d.journal?.observe(snapshot) },
    // Before the alerts: the session rules read what this step recorded.
    { name: 'session-health', run: ({ server, snapshot }) => d.sessionHealth.observe(server, snapshot) },
    {
      name: 'alerts',
      run: ({ server, snapshot }) => {
        // A maintenance window opened while this cycle ran: nothing of it pages.
        const conditions = d.registry.inMaintenance(server) ? [] : d.conditions.of(server, snapshot);
        d.alerting.evaluate(server.id, conditions, d.conditions.unknownOf(server, snapshot));
      },
    },
    { name: 'broadcast', run: ({ snapshot }) => d.events.emit('server.snapshot', slimSnapshot(snapshot)) },
  ];
}
