// Tray icon whose picture and tooltip follow the fleet's worst status. Every action sits in the
// context menu, because a tray click means different things on different Linux desktops.
import type { Menu as MenuType, Tray as TrayType } from 'electron';
import { Menu, nativeImage, Tray } from 'electron';
import { join } from 'node:path';
import type { ServerStatus } from '../shared/domain';

export type TrayLevel = 'ok' | 'warning' | 'critical';

export function trayLevel(statuses: ServerStatus[]): TrayLevel {
  if (statuses.includes('DOWN')) return 'critical';
  if (statuses.includes('PENDING')) return 'warning';
  return 'ok';
}

export function trayTooltip(statuses: ServerStatus[]): string {
  const count = (s: ServerStatus) => statuses.filter((x) => x === s).length;
  if (statuses.length === 0) return 'Yardmaster: no servers yet';
  return `Yardmaster: ${count('UP')} up, ${count('DOWN')} down, ${count('PENDING')} pending of ${statuses.length}`;
}

export interface TrayController {
  update(statuses: ServerStatus[]): void;
  destroy(): void;
}

export function createTray(resourcesDir: string, actions: { openWindow(): void; quit(): void }): TrayController {
  const image = (level: TrayLevel) => nativeImage.createFromPath(join(resourcesDir, `tray-${level}.png`));
  const tray: TrayType = new Tray(image('ok'));
  const menu: MenuType = Menu.buildFromTemplate([
    { label: 'Open Yardmaster', click: actions.openWindow },
    { type: 'separator' },
    { label: 'Quit', click: actions.quit },
  ]);
  tray.setContextMenu(menu);
  tray.setToolTip(trayTooltip([]));
  let current: TrayLevel = 'ok';
  return {
    update(statuses) {
      const level = trayLevel(statuses);
      if (level !== current) {
        tray.setImage(image(level));
        current = level;
      }
      tray.setToolTip(trayTooltip(statuses));
    },
    destroy: () => tray.destroy(),
  };
}
