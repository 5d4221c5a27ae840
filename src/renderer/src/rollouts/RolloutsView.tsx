// The Rollouts view: history of every rollout, the wizard for a new one, and the live progress of the
// one selected (an interrupted or running one is selected first).
import { useState } from 'react';
import { RolloutProgress } from './RolloutProgress';
import { RolloutWizard } from './RolloutWizard';
import { formatMs, useRollout, useRolloutEvents, useRolloutList } from './use-rollouts';
import { useReadOnly } from '../access/use-read-only';

export function RolloutsView() {
  useRolloutEvents();
  const list = useRolloutList();
  const [selected, setSelected] = useState<string | null>(null);
  const [wizard, setWizard] = useState(false);
  const rows = list.data ?? [];
  const live = rows.find((r) => !['aborted', 'completed'].includes(r.state));
  const shown = selected ?? live?.id ?? null;
  const detail = useRollout(shown);
  const readOnly = useReadOnly();
  return (
    <div className="rollouts-view" data-testid="rollouts-view">
      {!wizard && (
        <p>
          <button type="button" onClick={() => setWizard(true)} disabled={Boolean(readOnly)} title={readOnly ?? undefined}>
            New rollout
          </button>
        </p>
      )}
      {wizard && (
        <RolloutWizard
          onCancel={() => setWizard(false)}
          onStarted={(id) => {
            setWizard(false);
            setSelected(id);
          }}
        />
      )}
      {detail.data && <RolloutProgress detail={detail.data} />}
      <section className="panel" aria-label="Rollout history">
        <h2>History</h2>
        {rows.length === 0 ? (
          <p className="muted">No rollouts yet.</p>
        ) : (
          <table className="rollout-table" data-testid="rollout-history">
            <thead><tr><th>Started</th><th>By</th><th>Target</th><th>Servers</th><th>Outcome</th><th>Took</th><th /></tr></thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} aria-selected={r.id === shown}>
                  <td>{new Date(r.createdAt).toLocaleString()}</td><td>{r.createdBy}</td><td>{r.targetVersion}</td><td>{r.serverCount}</td>
                  <td>{r.state}{r.reason ? ` (${r.reason})` : ''}</td><td>{r.finishedAt ? formatMs(r.finishedAt - r.createdAt) : '–'}</td>
                  <td><button type="button" className="link" onClick={() => setSelected(r.id)}>Show</button></td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
