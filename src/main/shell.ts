// The Electron shell: lifecycle, the hardened window, app:// protocol, IPC and tray around the
// shared core. It stays thin; everything it wires is tested against a fake 'electron' module.
import { app, BrowserWindow, ipcMain, protocol, session } from 'electron';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createCore, type Core } from '../core/create-core';
import { createLogger } from '../core/log';
import { IPC_EVENT, type EventPayloads } from '../shared/contract';
import type { Alert, ServerSnapshot } from '../shared/domain';
import { APP_ENTRY_URL, privilegedSchemes, registerAppProtocol } from './app-protocol';
import { registerIpc } from './ipc-transport';
import { denyAllPermissions, hardenWebContents, secureWebPreferences } from './security';
import { safeStorageVault } from './safe-storage-vault';
import { createElectronStoreBackend } from './settings-backend';
import { createAlertNotifier } from './notifications';
import { createTray, type TrayController } from './tray';

export interface ShellPaths {
  /** out/ (holds main/, preload/, renderer/) */
  outDir: string;
  resourcesDir: string;
}

export interface Shell {
  core: Core | null;
  window(): BrowserWindow | null;
}

export function startShell(paths: ShellPaths, appVersion: string): Shell {
  const shell: Shell & { win: BrowserWindow | null; tray: TrayController | null } = {
    core: null,
    win: null,
    tray: null,
    window: () => shell.win,
  };
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return shell;
  }
  protocol.registerSchemesAsPrivileged(privilegedSchemes);
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));

  const openWindow = () => {
    if (shell.win && !shell.win.isDestroyed()) {
      if (shell.win.isMinimized()) shell.win.restore();
      shell.win.show();
      shell.win.focus();
      return;
    }
    const win = new BrowserWindow({
      width: 1280,
      height: 820,
      show: false,
      title: 'Yardmaster',
      icon: join(paths.resourcesDir, 'icon.png'),
      webPreferences: secureWebPreferences(join(paths.outDir, 'preload', 'index.js')),
    });
    win.once('ready-to-show', () => win.show());
    win.on('closed', () => {
      shell.win = null;
    });
    void win.loadURL(APP_ENTRY_URL);
    shell.win = win;
  };

  app.on('second-instance', openWindow);
  // Closing the window keeps watching from the tray; Quit is explicit.
  app.on('window-all-closed', () => {});

  void app.whenReady().then(() => {
    const dataDir = app.getPath('userData');
    mkdirSync(dataDir, { recursive: true });
    const logger = createLogger({ filePath: join(dataDir, 'yardmaster.log') });
    denyAllPermissions(session.defaultSession);
    registerAppProtocol(protocol, join(paths.outDir, 'renderer'));
    const core = createCore({
      host: 'electron',
      appVersion,
      dataDir,
      settingsBackend: createElectronStoreBackend(dataDir),
      secretVault: safeStorageVault(dataDir, logger),
      logger,
    });
    shell.core = core;
    registerIpc(ipcMain, core, () => (shell.win && !shell.win.isDestroyed() ? [shell.win.webContents] : []), logger);

    const latest = new Map<string, ServerSnapshot>();
    const alerts = new Map<string, Alert>();
    let pausedUntil: number | null = null;
    const refreshTray = () => shell.tray?.update([...latest.values()].map((x) => x.status), [...alerts.values()], pausedUntil);
    shell.tray = createTray(paths.resourcesDir, {
      openWindow,
      acknowledgeAll: () => {
        for (const a of alerts.values()) if (a.ackedAt === null) void core.router.dispatch('alerts.ack', { id: a.id });
      },
      snoozeAll: () => void core.router.dispatch('silences.create', { matchers: {}, durationMs: 3_600_000, comment: 'snoozed from the tray' }),
      pausePolling: () => void core.router.dispatch('polling.pause', { durationMs: 3_600_000 }),
      resumePolling: () => void core.router.dispatch('polling.resume', {}),
      quit: () => app.quit(),
    });
    // Open (or raise) the window and point it at the alert; a window still loading gets it once loaded.
    const showAlert = (alertId: string) => {
      const existed = shell.win !== null && !shell.win.isDestroyed();
      openWindow();
      const wc = shell.win?.webContents;
      if (!wc) return;
      const send = () => wc.send(IPC_EVENT, 'ui.focusAlert', { alertId });
      if (existed && !wc.isLoading()) send();
      else wc.once('did-finish-load', send);
    };
    const notifier = createAlertNotifier(showAlert);
    core.events.on((topic, data) => {
      if (topic === 'server.snapshot') {
        const s = data as ServerSnapshot;
        latest.set(s.serverId, s);
      } else if (topic === 'alert.changed') {
        const a = data as Alert;
        if (a.resolvedAt === null) alerts.set(a.id, a);
        else alerts.delete(a.id);
        notifier.onAlert(a);
      } else if (topic === 'polling.changed') {
        pausedUntil = (data as EventPayloads['polling.changed']).pausedUntil;
      } else if (topic === 'alert.notify') {
        notifier.onNotice(data as EventPayloads['alert.notify']);
        return;
      } else return;
      refreshTray();
    });
    core.start();
    openWindow();
  });

  let quitting = false;
  app.on('before-quit', (event) => {
    if (quitting || !shell.core) return;
    // Let the last probe cycle land in the history database before exiting.
    event.preventDefault();
    quitting = true;
    shell.tray?.destroy();
    void shell.core.stop().finally(() => app.quit());
  });
  return shell;
}
