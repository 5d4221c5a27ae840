// Alerts from the core; pushed alert.changed events refresh every alert query (lists, history, incidents).
import { useEffect, useMemo } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Alert } from '../../../shared/domain';
import { useApi } from './api-context';

export const SEVERITY_ORDER: Record<Alert['severity'], number> = { critical: 0, warning: 1, info: 2 };

export function useAlerts() {
  const api = useApi();
  const queryClient = useQueryClient();
  useEffect(() => {
    const offAlerts = api.bridge.subscribe('alert.changed', () => void queryClient.invalidateQueries({ queryKey: ['alerts'] }));
    const offSilences = api.bridge.subscribe('silences.changed', () => {
      void queryClient.invalidateQueries({ queryKey: ['silences'] });
      void queryClient.invalidateQueries({ queryKey: ['alerts'] });
    });
    return () => {
      offAlerts();
      offSilences();
    };
  }, [api, queryClient]);
  const active = useQuery({ queryKey: ['alerts', 'active'], queryFn: () => api.call('alerts.list', { scope: 'active' }) });
  const silences = useQuery({ queryKey: ['silences'], queryFn: () => api.call('silences.list', {}) });
  return { active, silences };
}

/** Worst active alert per server (critical before warning, then oldest), for rows, cards and headers. */
export function useWorstAlerts(): Map<string, Alert> {
  const { active } = useAlerts();
  return useMemo(() => worstByServer(active.data ?? []), [active.data]);
}

export function worstByServer(alerts: Alert[]): Map<string, Alert> {
  const out = new Map<string, Alert>();
  for (const a of alerts) {
    const cur = out.get(a.serverId);
    if (!cur || SEVERITY_ORDER[a.severity] < SEVERITY_ORDER[cur.severity] || (a.severity === cur.severity && a.startedAt < cur.startedAt)) out.set(a.serverId, a);
  }
  return out;
}
