// The Electron shell attached to a real ops service (fake 'electron' module, real HTTPS service):
// the window's IPC, the tray and the notifications show the ops server's fleet and alerts, the local
// core is not running, a viewer token's limits show in the tray menu, a viewer can still acknowledge,
// and the choice (with its token) is kept encrypted in the vault file.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Alert, ServerView } from '../shared/domain';
// eslint-disable-next-line no-restricted-imports -- a test only: the desktop attaches to a real ops service, which lives in src/server
import { DOWN_OUTCOME, startTestService, type TestService } from '../server/service/test-service';
import { FakeBrowserWindow, createFakeElectron } from './test/fake-electron';

const root = mkdtempSync(join(tmpdir(), 'ym-shell-attach-'));
const outDir = join(root, 'out');
mkdirSync(join(outDir, 'renderer'), { recursive: true });
writeFileSync(join(outDir, 'renderer', 'index.html'), '<!doctype html><title>ym</title>');
const userData = join(root, 'userData');
const fake = createFakeElectron(userData);
vi.mock('electron', () => ({ ...fake.module, default: fake.module }));

const { startShell } = await import('./shell');

const trusted = { senderFrame: { url: 'app://yardmaster/index.html', parent: null } };
const invoke = (method: string, payload: unknown) => fake.module.ipcMain.handlers.get('yardmaster:invoke')!(trusted, method, payload) as Promise<{ ok: boolean; value?: unknown; error?: { message: string } }>;
const tray = () => fake.trays[0]!;
const sent = () => FakeBrowserWindow.instances[0]!.webContents.sent;

let svc: TestService;
let shell: ReturnType<typeof startShell>;

beforeAll(async () => {
  svc = await startTestService();
  shell = startShell({ outDir, resourcesDir: join(root, 'resources') }, '0.0.0-test');
  fake.fireReady();
  await vi.waitFor(() => expect(shell.core).not.toBeNull());
});
afterAll(async () => {
  await shell.endpoint?.stop();
  await svc.close();
});

describe('electron shell attached to an ops server', () => {
  let serverId = '';

  it('attaches from the window, stops its own core, and says where it watches from in the tray', async () => {
    const added = await svc.core.router.dispatch('servers.add', { name: 'crank-watched', host: '127.0.0.1', sshPort: 22, sshUser: 'u', privateKeyPath: '/k', gatewayPort: 18789 });
    serverId = (added as { value: { id: string } }).value.id;
    await svc.core.router.dispatch('servers.probeNow', { id: serverId });
    const viewer = svc.tokens.create('viewer', 'laptop').token;
    const r = await invoke('attach.set', { mode: 'remote', target: { url: svc.url, token: viewer, ca: svc.ca } });
    expect(r).toMatchObject({ ok: true, value: { mode: 'remote', connection: 'open', role: 'viewer' } });
    expect(shell.core).toBeNull();
    expect(sent()).toContainEqual(['yardmaster:event', 'attach.changed', expect.objectContaining({ mode: 'remote', role: 'viewer' })]);
    await vi.waitFor(() => expect(tray().tooltip).toBe(`Yardmaster (attached to localhost:${svc.port}): 1 up, 0 down, 0 pending of 1`));
    const labels = tray().items().map((i) => i.label);
    expect(labels).toContain(`Watching: attached to localhost:${svc.port}`);
    // A viewer token: what would change the ops server is disabled, with the reason.
    expect(tray().items().find((i) => i.label?.startsWith('Snooze all'))).toMatchObject({ label: 'Snooze all for 1 hour (needs an operator token)', enabled: false });
    expect(tray().items().find((i) => i.label?.startsWith('Pause polling'))).toMatchObject({ enabled: false });
    // The window's calls go to the ops server.
    const list = await invoke('servers.list', {});
    expect((list.value as ServerView[]).map((v) => v.config.name)).toEqual(['crank-watched']);
    expect(await invoke('servers.remove', { id: serverId })).toMatchObject({ ok: false, error: { message: expect.stringContaining('needs the operator role') } });
  });

  it("shows the ops server's alerts in the tray and as notifications, and acknowledges from the tray", async () => {
    svc.setOutcome(DOWN_OUTCOME);
    await svc.core.router.dispatch('servers.probeNow', { id: serverId });
    await svc.core.router.dispatch('servers.probeNow', { id: serverId });
    await vi.waitFor(() => expect(tray().image).toEqual({ path: join(root, 'resources', 'tray-critical.png') }));
    expect(tray().tooltip).toContain('1 down');
    // Notices wait a few seconds to be grouped with others of a storm before they go out.
    await vi.waitFor(() => expect(fake.notifications.filter((n) => n.shown).map((n) => n.options.body)).toContainEqual(expect.stringContaining('crank-watched')), { timeout: 10_000 });
    expect(sent().some((s) => s[1] === 'alert.changed')).toBe(true);
    tray().items().find((i) => i.label === 'Acknowledge all')!.click!();
    await vi.waitFor(async () => {
      const active = await svc.core.router.dispatch('alerts.list', { scope: 'active' });
      const alerts = (active as { value: Alert[] }).value;
      expect(alerts.length).toBeGreaterThan(0);
      expect(alerts.every((a) => a.ackedAt !== null)).toBe(true);
    });
  });

  it('keeps the target encrypted in the vault, and switches back to watching from this computer', async () => {
    const sealed = Buffer.from(readFileSync(join(userData, 'secrets.bin'), 'utf8'), 'base64');
    expect(sealed.toString()).not.toContain(svc.url);
    expect(JSON.parse(JSON.parse(fake.safeStorage.decryptString(sealed))['attach:target'])).toMatchObject({ url: svc.url });
    expect(await invoke('attach.set', { mode: 'local' })).toMatchObject({ ok: true, value: { mode: 'local' } });
    expect(shell.core).not.toBeNull();
    await vi.waitFor(() => expect(tray().tooltip).toBe('Yardmaster: no servers yet'));
    expect(await invoke('servers.list', {})).toEqual({ ok: true, value: [] });
  });
});
