// Every top-level view, in navigation order. Adding a view is one line here: a path, its label, and
// what to render. `nav: false` routes have a URL but no entry in the navigation (a server's page).
import type { ReactNode } from 'react';
import type { ServerView } from '../../../shared/domain';
import { FleetView } from '../views/FleetView';
import { AlertsView } from '../alerts/AlertsView';
import { SessionsView } from '../sessions/SessionsView';
import { ConfigView } from '../components/ConfigView';
import { SettingsView } from '../views/SettingsView';
import { ServerPage } from '../server-page/ServerPage';
import { ReportsView } from '../reports/ReportsView';
import { RolloutsView } from '../rollouts/RolloutsView';
import { HygieneView } from '../hygiene/HygieneView';

export interface RouteContext {
  views: ServerView[];
  pollIntervalMs: number;
  params: string[];
}

export interface RouteDef {
  path: string;
  label: string;
  nav: boolean;
  render(ctx: RouteContext): ReactNode;
}

export const ROUTES: RouteDef[] = [
  { path: 'fleet', label: 'Fleet', nav: true, render: (c) => <FleetView views={c.views} /> },
  { path: 'alerts', label: 'Alerts & incidents', nav: true, render: (c) => <AlertsView views={c.views} /> },
  { path: 'sessions', label: 'Sessions', nav: true, render: (c) => <SessionsView views={c.views} pollIntervalMs={c.pollIntervalMs} /> },
  { path: 'config', label: 'Config', nav: true, render: (c) => <ConfigView views={c.views} /> },
  { path: 'rollouts', label: 'Rollouts', nav: true, render: () => <RolloutsView /> },
  { path: 'hygiene', label: 'Hygiene', nav: true, render: (c) => <HygieneView views={c.views} /> },
  { path: 'reports', label: 'Reports', nav: true, render: (c) => <ReportsView openId={c.params[0] ?? null} /> },
  { path: 'settings', label: 'Settings', nav: true, render: () => <SettingsView /> },
  { path: 'servers', label: 'Server', nav: false, render: (c) => <ServerPage id={c.params[0] ?? ''} views={c.views} pollIntervalMs={c.pollIntervalMs} /> },
];

export const DEFAULT_ROUTE = 'fleet';

export function findRoute(name: string): RouteDef {
  return ROUTES.find((r) => r.path === name) ?? ROUTES.find((r) => r.path === DEFAULT_ROUTE)!;
}
