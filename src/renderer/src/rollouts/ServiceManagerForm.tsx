// How a server's gateway is run: systemd (user or system unit), launchd, or custom start/stop/status
// commands. The core refuses shell syntax and says which field; the form shows that.
import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ServiceManager } from '../../../shared/rollout';
import { ApiError } from '../api';
import { useApi } from '../hooks/api-context';
import { rolloutsKey } from './use-rollouts';

type Kind = ServiceManager['kind'];

export function ServiceManagerForm({ serverId, name, current }: { serverId: string; name: string; current: ServiceManager | null }) {
  const api = useApi();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState<Kind>(current?.kind ?? 'custom');
  const [unit, setUnit] = useState(current && 'unit' in current ? current.unit : current && 'label' in current ? current.label : 'openclaw-gateway.service');
  const [cmds, setCmds] = useState(current?.kind === 'custom' ? { start: current.start, stop: current.stop, status: current.status } : { start: '', stop: '', status: '' });
  const save = useMutation({
    mutationFn: () => {
      const manager: ServiceManager = kind === 'custom' ? { kind, ...cmds } : kind === 'launchd' ? { kind, label: unit } : { kind, unit };
      return api.call('rollouts.service.set', { serverId, manager });
    },
    onSuccess: () => {
      setOpen(false);
      void queryClient.invalidateQueries({ queryKey: rolloutsKey });
    },
  });
  const describe = (m: ServiceManager | null) => (!m ? 'not set' : m.kind === 'custom' ? `custom: ${m.start}` : `${m.kind}: ${'unit' in m ? m.unit : m.label}`);
  if (!open) {
    return (
      <span>
        {describe(current)} <button type="button" className="link" aria-label={`Set how ${name} is run`} onClick={() => setOpen(true)}>{current ? 'change' : 'set'}</button>
      </span>
    );
  }
  const err = save.error instanceof ApiError ? save.error : null;
  return (
    <form className="service-form" aria-label={`Service manager of ${name}`} onSubmit={(e) => { e.preventDefault(); save.mutate(); }}>
      <select aria-label="Service manager" value={kind} onChange={(e) => setKind(e.target.value as Kind)}>
        <option value="custom">custom commands</option>
        <option value="systemd-user">systemd user unit</option>
        <option value="systemd-system">systemd system unit</option>
        <option value="launchd">launchd</option>
      </select>
      {kind === 'custom' ? (
        (['start', 'stop', 'status'] as const).map((k) => (
          <label key={k}>
            {k} command
            <input aria-label={`${k} command`} value={cmds[k]} onChange={(e) => setCmds({ ...cmds, [k]: e.target.value })} placeholder={`/usr/local/bin/gatewayctl ${k}`} />
            {err?.fields?.[`manager.${k}`] && <span className="form-error">{err.fields[`manager.${k}`]}</span>}
          </label>
        ))
      ) : (
        <label>{kind === 'launchd' ? 'label' : 'unit'} <input aria-label="Unit" value={unit} onChange={(e) => setUnit(e.target.value)} /></label>
      )}
      {err && !Object.keys(err.fields ?? {}).some((k) => k.startsWith('manager.')) && <span className="form-error">{err.message}</span>}
      <button type="submit" disabled={save.isPending}>Save</button> <button type="button" className="secondary" onClick={() => setOpen(false)}>Cancel</button>
    </form>
  );
}
