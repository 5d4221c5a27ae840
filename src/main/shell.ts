// The Electron shell: lifecycle, the hardened window, app:// protocol, IPC and tray around the
// shared core, or around the ops server it is attached to (src/core/remote/attach-switch.ts). It stays thin; everything it wires is tested against a fake 'electron' module.
import { app, BrowserWindow, ipcMain, protocol, session } from 'electron';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createCore, type Core } from '../core/create-core';
import { createLogger } from '../core/log';
import { AttachSwitch } from '../core/remote/attach-switch';
import { IPC_EVENT } from '../shared/contract';
import { APP_ENTRY_URL, privilegedSchemes, registerAppProtocol } from './app-protocol';
import { registerIpc } from './ipc-transport';
import { denyAllPermissions, hardenWebContents, secureWebPreferences } from './security';
import { safeStorageVault } from './safe-storage-vault';
import { createElectronStoreBackend } from './settings-backend';
import { electronReportPdf } from './report-pdf-electron';
import { createDesktopTray } from './desktop-tray';

export interface ShellPaths {
  /** out/ (holds main/, preload/, renderer/) */
  outDir: string;
  resourcesDir: string;
}

export interface Shell {
  /** The local core while watching from this computer; null while attached to an ops server. */
  readonly core: Core | null;
  /** What the window, tray and notifications talk to (the local core or the ops server). */
  endpoint: AttachSwitch | null;
  window(): BrowserWindow | null;
}

export function startShell(paths: ShellPaths, appVersion: string): Shell {
  const shell: Shell & { win: BrowserWindow | null; tray: { destroy(): void } | null } = {
    get core() {
      return shell.endpoint?.localCore() ?? null;
    },
    endpoint: null,
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
    mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    const logger = createLogger({ filePath: join(dataDir, 'yardmaster.log') });
    denyAllPermissions(session.defaultSession);
    registerAppProtocol(protocol, join(paths.outDir, 'renderer'));
    const secretVault = safeStorageVault(dataDir, logger);
    const createLocal = () =>
      createCore({
        host: 'electron',
        appVersion,
        dataDir,
        settingsBackend: createElectronStoreBackend(dataDir),
        secretVault,
        logger,
        // Incident-report PDFs through Electron's own printToPDF (no system Chromium needed).
        reportPdf: electronReportPdf({ preloadPath: join(paths.outDir, 'preload', 'index.js'), logger }),
      });
    // Watches from this computer, or attaches to an ops server (then the local core is not running).
    const endpoint = new AttachSwitch({ createLocal, vault: secretVault, logger, trustedHostsPath: join(dataDir, 'known_hosts') });
    shell.endpoint = endpoint;
    registerIpc(ipcMain, endpoint, () => (shell.win && !shell.win.isDestroyed() ? [shell.win.webContents] : []), logger);

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
    shell.tray = createDesktopTray(paths.resourcesDir, endpoint, { openWindow, showAlert, quit: () => app.quit() });
    endpoint.start();
    openWindow();
  });

  let quitting = false;
  app.on('before-quit', (event) => {
    if (quitting || !shell.endpoint) return;
    // Let the last probe cycle land in the history database before exiting.
    event.preventDefault();
    quitting = true;
    shell.tray?.destroy();
    void shell.endpoint.stop().finally(() => app.quit());
  });
  return shell;
}
