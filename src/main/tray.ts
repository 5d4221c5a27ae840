// Tray icon, tooltip and menu follow the worst active alert (and the fleet's status counts). Every
// action sits in the context menu, because a tray click means different things on Linux desktops;
// the tooltip and menu carry the state too, since some desktops do not repaint the icon.
import type { MenuItemConstructorOptions, Tray as TrayType } from 'electron';
import { Menu, nativeImage, Tray } from 'electron';
import { join } from 'node:path';
import type { Alert, ServerStatus } from '../shared/domain';

export type TrayLevel = 'ok' | 'warning' | 'critical';

/** Worst of: active, non-muted alerts by severity; a server still PENDING counts as a warning. */
export function trayLevel(statuses: ServerStatus[], alerts: Alert[] = []): TrayLevel {
  const live = alerts.filter((a) => a.resolvedAt === null && !a.inhibited && !a.silencedBy);
  if (statuses.includes('DOWN') || live.some((a) => a.severity === 'critical')) return 'critical';
  if (statuses.includes('PENDING') || live.some((a) => a.severity === 'warning')) return 'warning';
  return 'ok';
}

/** A paused watcher must say so everywhere it speaks: it is blind until the pause ends. */
const pausedNote = (pausedUntil: number | null) =>
  pausedUntil === null ? '' : ` · POLLING PAUSED until ${new Date(pausedUntil).toTimeString().slice(0, 5)}`;

export function trayTooltip(statuses: ServerStatus[], alerts: Alert[] = [], pausedUntil: number | null = null): string {
  const count = (s: ServerStatus) => statuses.filter((x) => x === s).length;
  if (statuses.length === 0) return `Yardmaster: no servers yet${pausedNote(pausedUntil)}`;
  const open = alerts.filter((a) => a.resolvedAt === null && !a.inhibited && !a.silencedBy).length;
  const fleet = `${count('UP')} up, ${count('DOWN')} down, ${count('PENDING')} pending of ${statuses.length}`;
  return `Yardmaster: ${fleet}${open ? ` · ${open} active alert${open === 1 ? '' : 's'}` : ''}${pausedNote(pausedUntil)}`;
}

export interface TrayActions {
  openWindow(): void;
  acknowledgeAll(): void;
  snoozeAll(): void;
  pausePolling(): void;
  resumePolling(): void;
  quit(): void;
}

export interface TrayController {
  update(statuses: ServerStatus[], alerts: Alert[], pausedUntil?: number | null): void;
  destroy(): void;
}

function menuTemplate(alerts: Alert[], actions: TrayActions, pausedUntil: number | null): MenuItemConstructorOptions[] {
  const live = alerts.filter((a) => a.resolvedAt === null && !a.inhibited && !a.silencedBy);
  const alertItems: MenuItemConstructorOptions[] = live.length
    ? live.slice(0, 10).map((a) => ({ label: `${a.severity.toUpperCase()}: ${a.summary}${a.ackedAt ? ' (acked)' : ''}`, click: actions.openWindow }))
    : [{ label: 'No active alerts', enabled: false }];
  return [
    { label: 'Open Yardmaster', click: actions.openWindow },
    { type: 'separator' },
    ...alertItems,
    { label: 'Acknowledge all', enabled: live.some((a) => a.ackedAt === null), click: actions.acknowledgeAll },
    { label: 'Snooze all for 1 hour', click: actions.snoozeAll },
    { type: 'separator' },
    pausedUntil === null
      ? { label: 'Pause polling for 1 hour', click: actions.pausePolling }
      : { label: `Resume polling (paused until ${new Date(pausedUntil).toTimeString().slice(0, 5)})`, click: actions.resumePolling },
    { type: 'separator' },
    { label: 'Quit', click: actions.quit },
  ];
}

export function createTray(resourcesDir: string, actions: TrayActions): TrayController {
  const image = (level: TrayLevel) => nativeImage.createFromPath(join(resourcesDir, `tray-${level}.png`));
  const tray: TrayType = new Tray(image('ok'));
  tray.setContextMenu(Menu.buildFromTemplate(menuTemplate([], actions, null)));
  tray.setToolTip(trayTooltip([]));
  let current: TrayLevel = 'ok';
  return {
    update(statuses, alerts, pausedUntil = null) {
      const level = pausedUntil === null ? trayLevel(statuses, alerts) : 'warning';
      if (level !== current) {
        tray.setImage(image(level));
        current = level;
      }
      tray.setToolTip(trayTooltip(statuses, alerts, pausedUntil));
      // Menus are immutable once set on Linux: rebuild and set again.
      tray.setContextMenu(Menu.buildFromTemplate(menuTemplate(alerts, actions, pausedUntil)));
    },
    destroy: () => tray.destroy(),
  };
}
