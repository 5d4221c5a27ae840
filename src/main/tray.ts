// Tray icon, tooltip and menu follow the worst active alert (and the fleet's status counts). Every
// action sits in the context menu, because a tray click means different things on Linux desktops;
// the tooltip and menu carry the state too, since some desktops do not repaint the icon.
import type { MenuItemConstructorOptions, Tray as TrayType } from 'electron';
import { Menu, nativeImage, Tray } from 'electron';
import { join } from 'node:path';
import type { Alert, ServerSnapshot, ServerStatus } from '../shared/domain';

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

/** Where the tray's state comes from while attached to an ops server, and the token's limits. */
export interface TrayContext {
  /** e.g. "attached to crank:4870 (unreachable)"; absent while watching from this computer. */
  watching?: string;
  /** A viewer token: what would change the ops server is shown disabled. */
  viewer?: boolean;
}

export function trayTooltip(statuses: ServerStatus[], alerts: Alert[] = [], pausedUntil: number | null = null, context: TrayContext = {}): string {
  const count = (s: ServerStatus) => statuses.filter((x) => x === s).length;
  const name = context.watching ? `Yardmaster (${context.watching})` : 'Yardmaster';
  if (statuses.length === 0) return `${name}: no servers yet${pausedNote(pausedUntil)}`;
  const open = alerts.filter((a) => a.resolvedAt === null && !a.inhibited && !a.silencedBy).length;
  const fleet = `${count('UP')} up, ${count('DOWN')} down, ${count('PENDING')} pending of ${statuses.length}`;
  return `${name}: ${fleet}${open ? ` · ${open} active alert${open === 1 ? '' : 's'}` : ''}${pausedNote(pausedUntil)}`;
}

/**
 * What the tray shows, per server and per alert. A removed server must leave it entirely: its last
 * snapshot (say DOWN) would otherwise keep the tray critical forever.
 */
export class TrayState {
  private readonly latest = new Map<string, ServerStatus>();
  private readonly open = new Map<string, Alert>();

  snapshot(s: Pick<ServerSnapshot, 'serverId' | 'status'>): void {
    this.latest.set(s.serverId, s.status);
  }

  alert(a: Alert): void {
    if (a.resolvedAt === null) this.open.set(a.id, a);
    else this.open.delete(a.id);
  }

  /** Keeps only the servers still in the inventory (after servers.changed). */
  keepServers(ids: Iterable<string>): void {
    const keep = new Set(ids);
    for (const id of [...this.latest.keys()]) if (!keep.has(id)) this.latest.delete(id);
    for (const [id, a] of [...this.open]) if (!keep.has(a.serverId)) this.open.delete(id);
  }

  statuses(): ServerStatus[] {
    return [...this.latest.values()];
  }

  alerts(): Alert[] {
    return [...this.open.values()];
  }
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
  update(statuses: ServerStatus[], alerts: Alert[], pausedUntil?: number | null, context?: TrayContext): void;
  destroy(): void;
}

const NEEDS_OPERATOR = ' (needs an operator token)';

function menuTemplate(alerts: Alert[], actions: TrayActions, pausedUntil: number | null, context: TrayContext = {}): MenuItemConstructorOptions[] {
  const viewer = context.viewer === true;
  const live = alerts.filter((a) => a.resolvedAt === null && !a.inhibited && !a.silencedBy);
  const alertItems: MenuItemConstructorOptions[] = live.length
    ? live.slice(0, 10).map((a) => ({ label: `${a.severity.toUpperCase()}: ${a.summary}${a.ackedAt ? ' (acked)' : ''}`, click: actions.openWindow }))
    : [{ label: 'No active alerts', enabled: false }];
  return [
    { label: 'Open Yardmaster', click: actions.openWindow },
    ...(context.watching ? [{ label: `Watching: ${context.watching}`, enabled: false }] : []),
    { type: 'separator' },
    ...alertItems,
    { label: 'Acknowledge all', enabled: live.some((a) => a.ackedAt === null), click: actions.acknowledgeAll },
    viewer ? { label: `Snooze all for 1 hour${NEEDS_OPERATOR}`, enabled: false } : { label: 'Snooze all for 1 hour', click: actions.snoozeAll },
    { type: 'separator' },
    pausedUntil === null
      ? { label: `Pause polling for 1 hour${viewer ? NEEDS_OPERATOR : ''}`, enabled: !viewer, click: actions.pausePolling }
      : { label: `Resume polling (paused until ${new Date(pausedUntil).toTimeString().slice(0, 5)})${viewer ? NEEDS_OPERATOR : ''}`, enabled: !viewer, click: actions.resumePolling },
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
    update(statuses, alerts, pausedUntil = null, context = {}) {
      const level = pausedUntil === null ? trayLevel(statuses, alerts) : 'warning';
      if (level !== current) {
        tray.setImage(image(level));
        current = level;
      }
      tray.setToolTip(trayTooltip(statuses, alerts, pausedUntil, context));
      // Menus are immutable once set on Linux: rebuild and set again.
      tray.setContextMenu(Menu.buildFromTemplate(menuTemplate(alerts, actions, pausedUntil, context)));
    },
    destroy: () => tray.destroy(),
  };
}
