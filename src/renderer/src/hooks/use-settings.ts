// The Settings-view tunables; a pushed settings.changed refreshes them and the app info (poll interval).
import { useEffect } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from './api-context';

export const settingsKey = ['settings'] as const;

/** Mounted once (App): keeps every window's settings and app info current when any window saves. */
export function useSettingsEvents(): void {
  const api = useApi();
  const queryClient = useQueryClient();
  useEffect(
    () =>
      api.bridge.subscribe('settings.changed', () => {
        void queryClient.invalidateQueries({ queryKey: settingsKey });
        void queryClient.invalidateQueries({ queryKey: ['app.info'] });
      }),
    [api, queryClient],
  );
}

export function useConsoleSettings() {
  const api = useApi();
  return useQuery({ queryKey: settingsKey, queryFn: () => api.call('settings.get', {}) });
}
