// The Electron shell against a fake 'electron' module: hardening, IPC sender checks, protocol, tray.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { Alert } from '../shared/domain';
import type { ServerRowSnapshot } from '../shared/snapshot-summary';
import { testAlert } from '../core/alerts/test-alerts';
import { FakeBrowserWindow, FakeWebContents, createFakeElectron } from './test/fake-electron';

const root = mkdtempSync(join(tmpdir(), 'ym-shell-'));
const outDir = join(root, 'out');
mkdirSync(join(outDir, 'renderer'), { recursive: true });
writeFileSync(join(outDir, 'renderer', 'index.html'), '<!doctype html><title>ym</title>');
writeFileSync(join(root, 'secret.txt'), 'no');
const fake = createFakeElectron(join(root, 'userData'));
vi.mock('electron', () => ({ ...fake.module, default: fake.module }));

const { startShell } = await import('./shell');
const { trayLevel, trayTooltip } = await import('./tray');

const tick = () => new Promise((r) => setTimeout(r, 20));

let shell: ReturnType<typeof startShell>;

describe('electron shell', () => {
  beforeAll(async () => {
    shell = startShell({ outDir, resourcesDir: join(root, 'resources') }, '0.0.0-test');
    fake.fireReady();
    await tick();
  });

  it('registers app:// as a privileged scheme before ready', () => {
    expect(fake.module.protocol.privileged).toEqual([{ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) }]);
  });

  it('opens one hardened window on app://', () => {
    expect(FakeBrowserWindow.instances).toHaveLength(1);
    const win = FakeBrowserWindow.instances[0]!;
    expect(win.loadedUrl).toBe('app://yardmaster/index.html');
    expect(win.options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      preload: join(outDir, 'preload', 'index.js'),
    });
  });

  it('blocks navigation away from the app, new windows and webviews', () => {
    const contents = new FakeWebContents();
    fake.module.app.emit('web-contents-created', {}, contents);
    const nav = (url: string) => {
      const event = { preventDefault: vi.fn() };
      contents.emit('will-navigate', event, url);
      return event.preventDefault.mock.calls.length > 0;
    };
    expect(nav('https://evil.example/')).toBe(true);
    expect(nav('file:///etc/passwd')).toBe(true);
    expect(nav('app://yardmaster/index.html')).toBe(false);
    expect(contents.windowOpenHandler?.({ url: 'https://x' })).toEqual({ action: 'deny' });
    const webview = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', webview);
    expect(webview.preventDefault).toHaveBeenCalled();
  });

  it('denies every permission request', () => {
    const cb = vi.fn();
    fake.module.session.defaultSession.permissionRequestHandler?.({}, 'notifications', cb);
    expect(cb).toHaveBeenCalledWith(false);
    expect(fake.module.session.defaultSession.permissionCheckHandler?.()).toBe(false);
  });

  it('answers IPC only from the app frame', async () => {
    const invoke = fake.module.ipcMain.handlers.get('yardmaster:invoke')!;
    const trusted = { senderFrame: { url: 'app://yardmaster/index.html', parent: null } };
    const foreign = { senderFrame: { url: 'https://evil.example/', parent: null } };
    const subframe = { senderFrame: { url: 'app://yardmaster/index.html', parent: {} } };
    expect(await invoke(trusted, 'servers.list', {})).toEqual({ ok: true, value: [] });
    expect(await invoke(foreign, 'servers.list', {})).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(await invoke(subframe, 'servers.list', {})).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  });

  it('serves the renderer over app:// and nothing outside it', async () => {
    const handle = fake.module.protocol.handlers.get('app')!;
    const ok = await handle(new Request('app://yardmaster/index.html'));
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect((await handle(new Request('app://yardmaster/../secret.txt'))).status).not.toBe(200);
    expect((await handle(new Request('app://yardmaster/%2e%2e/secret.txt'))).status).not.toBe(200);
    expect((await handle(new Request('app://other/index.html'))).status).toBe(404);
  });

  it('forwards core events to the window and keeps a tray', async () => {
    expect(fake.trays).toHaveLength(1);
    expect(fake.trays[0]!.tooltip).toBe('Yardmaster: no servers yet');
    shell.core!.events.emit('servers.changed', { ids: ['x'] });
    expect(FakeBrowserWindow.instances[0]!.webContents.sent).toContainEqual(['yardmaster:event', 'servers.changed', { ids: ['x'] }]);
  });
});

const alert = (over: Partial<Alert>): Alert => testAlert(over);

describe('alerts in the shell', () => {
  it('shows the notices the core decides on, critical ones with critical urgency', () => {
    const core = shell.core!;
    core.events.emit('alert.changed', alert({}));
    core.events.emit('alert.changed', alert({ summary: 'ops-1 is DOWN (still)' }));
    core.events.emit('alert.notify', { alert: alert({}), level: 0, targets: ['desktop'], reason: 'raised' });
    core.events.emit('alert.notify', { alert: alert({}), level: 1, targets: ['desktop'], reason: 'escalated' });
    core.events.emit('alert.notify', { alert: alert({ id: 'w' }), level: 0, targets: ['webhook:x'], reason: 'raised' });
    const shown = fake.notifications.filter((n) => n.shown);
    expect(shown.map((n) => n.options.title)).toEqual(['Yardmaster: critical', 'Yardmaster: critical (still unacknowledged)']);
    expect(shown[0]!.options).toMatchObject({ urgency: 'critical', timeoutType: 'never', body: 'ops-1 is DOWN (gateway-unreachable)' });
    // A click brings the window up on that alert.
    shown[0]!.emit('click');
    expect(FakeBrowserWindow.instances[0]!.webContents.sent).toContainEqual(['yardmaster:event', 'ui.focusAlert', { alertId: 'a1' }]);
  });

  it('shows the worst active alert in the tray, lists alerts in its menu, and acknowledges from there', async () => {
    const tray = fake.trays[0]!;
    expect(tray.image).toEqual({ path: join(root, 'resources', 'tray-critical.png') });
    expect(tray.items().map((i) => i.label)).toContain('CRITICAL: ops-1 is DOWN (still)');
    const dispatch = vi.spyOn(shell.core!.router, 'dispatch');
    tray.items().find((i) => i.label === 'Acknowledge all')!.click!();
    expect(dispatch).toHaveBeenCalledWith('alerts.ack', { id: 'a1' });
    shell.core!.events.emit('alert.changed', alert({ resolvedAt: 2 }));
    shell.core!.events.emit('alert.changed', alert({ id: 'a3', severity: 'info', rule: 'cli-version-mismatch', resolvedAt: 2 }));
    shell.core!.events.emit('alert.changed', alert({ id: 'a2', severity: 'warning', rule: 'heartbeat-overdue', resolvedAt: 2 }));
    expect(tray.image).toEqual({ path: join(root, 'resources', 'tray-ok.png') });
    expect(tray.items().map((i) => i.label)).toContain('No active alerts');
    tray.items().find((i) => i.label === 'Snooze all for 1 hour')!.click!();
    expect(dispatch).toHaveBeenCalledWith('silences.create', { matchers: {}, durationMs: 3_600_000, comment: 'snoozed from the tray' });
  });

  it('pauses and resumes polling from the tray, and says so while paused', async () => {
    const tray = fake.trays[0]!;
    tray.items().find((i) => i.label === 'Pause polling for 1 hour')!.click!();
    await tick();
    expect(tray.tooltip).toMatch(/POLLING PAUSED until \d\d:\d\d$/);
    expect(tray.image).toEqual({ path: join(root, 'resources', 'tray-warning.png') });
    const resume = tray.items().find((i) => i.label?.startsWith('Resume polling'))!;
    resume.click!();
    await tick();
    expect(tray.tooltip).not.toMatch(/PAUSED/);
    expect(tray.items().map((i) => i.label)).toContain('Pause polling for 1 hour');
  });

  it('does not colour the tray for silenced alerts, and says when a paged alert resolved', () => {
    shell.core!.events.emit('alert.changed', alert({ id: 'a9', silencedBy: 'sil-1' }));
    expect(fake.trays[0]!.image).toEqual({ path: join(root, 'resources', 'tray-ok.png') });
    expect(fake.notifications.at(-1)!.options.title).toBe('Yardmaster: resolved');
  });
});

describe('tray and removed servers', () => {
  it('forgets a removed server: a DOWN server that is gone no longer keeps the tray critical', async () => {
    const tray = fake.trays[0]!;
    const core = shell.core!;
    // A server that is not in the inventory (removed) had last been seen DOWN.
    core.events.emit('server.snapshot', { serverId: 'removed-1', status: 'DOWN' } as unknown as ServerRowSnapshot);
    expect(tray.image).toEqual({ path: join(root, 'resources', 'tray-critical.png') });
    expect(tray.tooltip).toContain('1 down');
    core.events.emit('servers.changed', { ids: ['removed-1'] });
    await tick();
    expect(tray.image).toEqual({ path: join(root, 'resources', 'tray-ok.png') });
    expect(tray.tooltip).toBe('Yardmaster: no servers yet');
  });
});

describe('tray status', () => {
  it('follows the worst server and the worst active, unmuted alert', () => {
    expect(trayLevel(['UP', 'UP'])).toBe('ok');
    expect(trayLevel(['UP', 'PENDING'])).toBe('warning');
    expect(trayLevel(['PENDING', 'DOWN'])).toBe('critical');
    expect(trayLevel(['UP'], [alert({ severity: 'warning' })])).toBe('warning');
    expect(trayLevel(['UP'], [alert({ inhibited: true })])).toBe('ok');
    expect(trayTooltip(['UP', 'DOWN', 'UP'])).toBe('Yardmaster: 2 up, 1 down, 0 pending of 3');
    expect(trayTooltip(['UP'], [alert({})])).toBe('Yardmaster: 1 up, 0 down, 0 pending of 1 · 1 active alert');
  });
});
