// Fleet: status counters, then the table (or the topology) of every server.
import { useMemo } from 'react';
import type { ServerView } from '../../../shared/domain';
import { ServerTable } from '../components/ServerTable';
import { TopologyView } from '../components/TopologyView';
import { FleetCounters } from '../fleet/FleetCounters';
import { toRows } from '../fleet/fleet-view';
import { useAlerts, worstByServer } from '../hooks/use-alerts';
import { useRecentProbes } from '../hooks/use-recent-probes';
import { useUiStore } from '../state/ui-store';

export function FleetView({ views }: { views: ServerView[] }) {
  const { fleetView, setFleetView } = useUiStore();
  const { active } = useAlerts();
  const strips = useRecentProbes();
  const alerts = useMemo(() => active.data ?? [], [active.data]);
  const worst = useMemo(() => worstByServer(alerts), [alerts]);
  const rows = useMemo(() => toRows(views), [views]);
  return (
    <div className="view fleet-view" data-testid="fleet-view">
      <div className="fleet-head">
        <FleetCounters rows={rows} alerting={worst.size} />
        <div className="view-switch" role="tablist" aria-label="Fleet view">
          {(['table', 'topology'] as const).map((v) => (
            <button key={v} type="button" role="tab" aria-selected={fleetView === v} className={fleetView === v ? '' : 'secondary'} onClick={() => setFleetView(v)}>
              {v === 'table' ? 'Table' : 'Topology'}
            </button>
          ))}
        </div>
      </div>
      {fleetView === 'table' ? <ServerTable views={views} strips={strips.data ?? {}} alerts={worst} /> : <TopologyView views={views} alerts={alerts} />}
    </div>
  );
}
