// A fake 'electron' module for unit tests of the shell: records what the shell asks of Electron and
// lets tests fire the events Electron would. Only the surface the shell uses is modelled.
import { EventEmitter } from 'node:events';

export class FakeWebContents extends EventEmitter {
  sent: unknown[][] = [];
  windowOpenHandler: ((d: { url: string }) => { action: string }) | null = null;
  destroyed = false;
  setWindowOpenHandler(h: (d: { url: string }) => { action: string }) {
    this.windowOpenHandler = h;
  }
  send(...args: unknown[]) {
    this.sent.push(args);
  }
  isDestroyed() {
    return this.destroyed;
  }
  isLoading() {
    return false;
  }
  /** Scripts run in the page, and how the page answers them (tests set it; default: nothing). */
  executed: string[] = [];
  onExecute: (code: string) => Promise<unknown> = () => Promise.resolve(undefined);
  executeJavaScript(code: string) {
    this.executed.push(code);
    return this.onExecute(code);
  }
  /** printToPDF calls; the bytes returned stand in for Chromium's print (no Electron binary here). */
  printed: Array<Record<string, unknown>> = [];
  printToPDF(options: Record<string, unknown>) {
    this.printed.push(options);
    return Promise.resolve(Buffer.from(`%PDF-1.7 fake print of ${this.printed.length}`));
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  /** Called with every new window (a test gives it its page's behaviour before anything loads). */
  static prepare: ((win: FakeBrowserWindow) => void) | null = null;
  webContents = new FakeWebContents();
  loadedUrl: string | null = null;
  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.instances.push(this);
    FakeBrowserWindow.prepare?.(this);
  }
  loadURL(url: string) {
    this.loadedUrl = url;
    return Promise.resolve();
  }
  destroyed = false;
  isDestroyed() {
    return this.destroyed;
  }
  destroy() {
    this.destroyed = true;
    this.webContents.destroyed = true;
  }
  isMinimized() {
    return false;
  }
  restore() {}
  show() {}
  focus() {}
}

export function createFakeElectron(userDataDir: string) {
  let readyResolve!: () => void;
  const ready = new Promise<void>((r) => (readyResolve = r));
  const app = Object.assign(new EventEmitter(), {
    requestSingleInstanceLock: () => true,
    whenReady: () => ready,
    getPath: (name: string) => (name === 'userData' ? userDataDir : `/tmp/${name}`),
    getVersion: () => '0.0.0-test',
    getName: () => 'Yardmaster',
    quit: () => app.emit('quit-called'),
    isReady: () => true,
  });
  const handlers = new Map<string, (...a: unknown[]) => unknown>();
  const ipcMain = {
    handle: (channel: string, fn: (...a: unknown[]) => unknown) => handlers.set(channel, fn),
    removeHandler: (channel: string) => handlers.delete(channel),
    on: () => {},
    handlers,
  };
  const protocolHandlers = new Map<string, (req: Request) => Promise<Response>>();
  const protocol = {
    privileged: [] as unknown[],
    registerSchemesAsPrivileged: (schemes: unknown[]) => protocol.privileged.push(...schemes),
    handle: (scheme: string, fn: (req: Request) => Promise<Response>) => protocolHandlers.set(scheme, fn),
    handlers: protocolHandlers,
  };
  const defaultSession = {
    permissionRequestHandler: null as null | ((wc: unknown, p: string, cb: (ok: boolean) => void) => void),
    permissionCheckHandler: null as null | (() => boolean),
    setPermissionRequestHandler(h: (wc: unknown, p: string, cb: (ok: boolean) => void) => void) {
      this.permissionRequestHandler = h;
    },
    setPermissionCheckHandler(h: () => boolean) {
      this.permissionCheckHandler = h;
    },
  };
  const trays: FakeTray[] = [];
  class FakeTray {
    tooltip = '';
    image: unknown;
    menu: unknown;
    constructor(image: unknown) {
      this.image = image;
      trays.push(this);
    }
    /** The context menu's items, as the shell built them. */
    items(): Array<{ label?: string; click?: () => void; enabled?: boolean }> {
      return (this.menu as { items: Array<{ label?: string; click?: () => void; enabled?: boolean }> }).items;
    }
    setContextMenu(m: unknown) {
      this.menu = m;
    }
    setToolTip(t: string) {
      this.tooltip = t;
    }
    setImage(i: unknown) {
      this.image = i;
    }
    destroy() {}
  }
  const notifications: FakeNotification[] = [];
  class FakeNotification extends EventEmitter {
    static isSupported() {
      return true;
    }
    shown = false;
    constructor(readonly options: Record<string, unknown>) {
      super();
      notifications.push(this);
    }
    show() {
      this.shown = true;
    }
  }
  // Reversible stand-in for OS encryption: enough to prove nothing is written in plain text.
  const safeStorage = {
    available: true,
    backend: 'gnome_libsecret',
    isEncryptionAvailable: () => safeStorage.available,
    getSelectedStorageBackend: () => safeStorage.backend,
    encryptString: (s: string) => Buffer.from(`ENC:${Buffer.from(s).toString('base64').split('').reverse().join('')}`),
    decryptString: (b: Buffer) => {
      const t = b.toString();
      if (!t.startsWith('ENC:')) throw new Error('not ours');
      return Buffer.from(t.slice(4).split('').reverse().join(''), 'base64').toString();
    },
  };
  return {
    notifications,
    safeStorage,
    module: {
      safeStorage,
      Notification: FakeNotification,
      app,
      BrowserWindow: FakeBrowserWindow,
      ipcMain,
      protocol,
      session: { defaultSession },
      Tray: FakeTray,
      Menu: { buildFromTemplate: (t: unknown[]) => ({ items: t }) },
      nativeImage: { createFromPath: (p: string) => ({ path: p }) },
      ipcRenderer: {},
      contextBridge: {},
      shell: {},
    },
    fireReady: () => readyResolve(),
    trays,
  };
}
