// Servers behind a bastion (issue 17 item 9) against real sshds in network namespaces this spec makes
// (ymbj-*, see fixture/bastion-lab.ts): a jump host the console reaches, and a target only the jump
// host reaches. The console connects through the jump host (each hop's host key checked), over the core's
// real connection path and through the real app (headless host + the add form). The target runs no
// OpenClaw, so the gateway step fails there by design; SSH through the jump is what is proven.
// Also: @cert-authority lines grant no trust (ssh2 negotiates no host certificates), shown against an
// sshd presenting a real CA-signed host certificate that OpenSSH's own client accepts.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { openSshSession, type SshTarget } from '../src/core/ssh/ssh-session.ts';
import { ProbeFailure } from '../src/core/ssh/ssh-errors.ts';
import { fingerprint } from '../src/core/ssh/known-hosts.ts';
import type { ConnectionCheck, ServerView } from '../src/shared/domain.ts';
import { BASTION, startBastionLab, type BastionLab } from './fixture/bastion-lab.ts';
import { checkNetnsSupport } from './fixture/server-netns.ts';
import { processTree, run } from './fixture/proc.ts';
import { startHeadlessApp, type HeadlessApp } from './support/headless-app.ts';
import { connectRpc, type RpcClient } from './support/rpc-client.ts';

const JUMP = BASTION.jump.address;
const TARGET = BASTION.target.address;

let dir: string;
let lab: BastionLab | null = null;
let knownHosts: string;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  test.setTimeout(60_000);
  // A plain message, not a stack of iproute2 errors, when this machine cannot make namespaces.
  await checkNetnsSupport('ymbj');
  dir = mkdtempSync(join(tmpdir(), 'ymbj-e2e-'));
  lab = await startBastionLab(dir);
  knownHosts = join(dir, 'known_hosts');
  writeFileSync(knownHosts, trustBoth());
});

test.afterAll(async () => {
  try {
    await lab?.destroy();
  } finally {
    if (dir) rmSync(dir, { recursive: true, force: true });
  }
});

const trustBoth = () => `${JUMP} ${lab!.jump.hostPublicKey}\n${TARGET} ${lab!.target.hostPublicKey}\n`;

const viaJump = (knownHostsPath = knownHosts): SshTarget => ({
  host: TARGET,
  port: 22,
  username: 'root',
  privateKeyPath: lab!.targetKeyPath,
  knownHostsPath,
  readyTimeoutMs: 10_000,
  jump: { host: JUMP, port: 22, username: 'root', privateKeyPath: lab!.jumpKeyPath },
});

async function failureOf(p: Promise<unknown>): Promise<ProbeFailure> {
  const err = await p.then(
    (s) => {
      (s as { close?: () => void }).close?.();
      return new Error('expected the connection to be refused');
    },
    (e: unknown) => e,
  );
  if (err instanceof ProbeFailure) return err;
  throw err;
}

/** sshd forks one process per connection: none left means both hops were closed. */
const sessionsOn = (pid: number) => processTree(pid).length - 1;

test('the target is reachable only through the jump host; a command runs there and closing ends both hops', async () => {
  // The console's namespace has no route of its own to the target's subnet (only a default route, if
  // any, that leaves this machine); the jump host's namespace reaches it on its own link.
  const fromRoot = await run('/usr/sbin/ip', ['route', 'get', TARGET]);
  expect(fromRoot.stdout).not.toContain('ymbj');
  const fromJump = await run('/usr/sbin/ip', ['netns', 'exec', BASTION.jump.ns, '/usr/sbin/ip', 'route', 'get', TARGET]);
  expect(fromJump.stdout).toContain(`dev ${BASTION.target.jumpVeth}`);
  // So a direct SSH connection fails: no route, no answer, or (behind a sandbox's catch-all proxy) no SSH.
  const direct = await failureOf(openSshSession({ ...viaJump(), jump: undefined, readyTimeoutMs: 3_000 }));
  expect(['ssh-unreachable', 'ssh-timeout', 'ssh-error']).toContain(direct.probeError.kind);
  expect(direct.probeError.detail?.hop).toBeUndefined();

  const session = await openSshSession(viaJump());
  const r = await session.exec(['ip', '-4', '-o', 'addr', 'show', 'dev', 'eth0'], { timeoutMs: 5_000, maxOutputBytes: 4096 });
  expect(r.code).toBe(0);
  expect(r.stdout).toContain(`inet ${TARGET}/24`);
  expect(sessionsOn(lab!.jump.pid)).toBeGreaterThan(0);
  expect(sessionsOn(lab!.target.pid)).toBeGreaterThan(0);
  session.close();
  await expect.poll(() => sessionsOn(lab!.jump.pid) + sessionsOn(lab!.target.pid), { timeout: 15_000 }).toBe(0);
});

test('a jump host with the wrong key is refused, naming the jump hop, before the target is asked', async () => {
  const wrong = join(dir, 'known_hosts_wrong_jump');
  // known_hosts holds another key for the jump host's name (the target's, so the type matches).
  writeFileSync(wrong, `${JUMP} ${lab!.target.hostPublicKey}\n${TARGET} ${lab!.target.hostPublicKey}\n`);
  const err = await failureOf(openSshSession(viaJump(wrong)));
  expect(err.probeError.kind).toBe('host-key-changed');
  expect(err.probeError.detail?.hop).toBe('jump');
  expect(err.message).toContain(`HOST KEY CHANGED for jump host root@${JUMP}:22`);
  expect(sessionsOn(lab!.target.pid)).toBe(0);
});

test('a target key that is not the known one is refused through the jump, naming the target', async () => {
  const wrong = join(dir, 'known_hosts_wrong_target');
  writeFileSync(wrong, `${JUMP} ${lab!.jump.hostPublicKey}\n${TARGET} ${lab!.jump.hostPublicKey}\n`);
  const err = await failureOf(openSshSession(viaJump(wrong)));
  expect(err.probeError).toMatchObject({ kind: 'host-key-changed', detail: { hop: 'target' } });
  expect(err.message).toContain(`HOST KEY CHANGED for root@${TARGET}:22`);
  await expect.poll(() => sessionsOn(lab!.jump.pid), { timeout: 15_000 }).toBe(0);
});

test.describe('the real app', () => {
  let app: HeadlessApp;
  let page: Page;
  let rpc: RpcClient;

  test.beforeAll(async ({ browser }: { browser: Browser }) => {
    app = await startHeadlessApp({ knownHosts, pollInterval: '3s' });
    rpc = await connectRpc(app);
    page = await browser.newPage();
    await page.goto(app.url);
  });

  test.afterAll(async () => {
    rpc?.close();
    await page?.close();
    await app?.stop();
  });

  test('adds a server behind the jump host in the form: Test connection logs in through it, and the probe gets past SSH', async () => {
    const form = page.getByRole('form', { name: 'Add server' });
    await form.getByLabel('Name', { exact: true }).fill('behind-bastion');
    await form.getByLabel('Host', { exact: true }).fill(TARGET);
    await form.getByLabel('SSH port', { exact: true }).fill('22');
    await form.getByLabel('SSH user', { exact: true }).fill('root');
    await form.getByLabel('Private key file', { exact: true }).fill(lab!.targetKeyPath);
    await form.getByLabel('Gateway access').selectOption('cli');
    await form.getByLabel('Through a jump host (ProxyJump; one hop)').check();
    // The jump fields are validated as typed, with the core's schema.
    await form.getByLabel('Jump host', { exact: true }).fill('not a host');
    await form.getByLabel('Jump host', { exact: true }).blur();
    await expect(form.getByText('letters, digits, dots, colons, dashes only')).toBeVisible();
    await form.getByLabel('Jump host', { exact: true }).fill(JUMP);
    await form.getByLabel('Jump SSH user', { exact: true }).fill('root');
    await form.getByLabel('Jump key file', { exact: true }).fill(lab!.jumpKeyPath);

    await form.getByRole('button', { name: 'Test connection' }).click();
    const step = (name: string) => form.locator(`[data-testid="check-step"][data-step="${name}"]`);
    await expect(step('tcp')).toHaveAttribute('data-ok', 'true', { timeout: 30_000 });
    await expect(step('host-key')).toHaveAttribute('data-ok', 'true');
    await expect(step('host-key')).toContainText(`Jump host: Host key ${fingerprint(Buffer.from(lab!.jump.hostPublicKey.split(' ')[1]!, 'base64'))}`);
    await expect(step('auth')).toHaveAttribute('data-ok', 'true');
    await expect(step('auth')).toContainText(`Logged in as root through jump host root@${JUMP}:22`);
    // No gateway on the target (not an OpenClaw server): the check says so, after SSH worked.
    await expect(step('gateway')).toHaveAttribute('data-ok', 'false');

    await form.getByRole('button', { name: 'Add server' }).click();
    const saved = async () => (await rpc.ok<ServerView[]>('servers.list')).find((v) => v.config.name === 'behind-bastion');
    await expect.poll(async () => (await saved())?.config.jumpHost ?? null, { timeout: 15_000 }).toEqual({ host: JUMP, port: 22, user: 'root', privateKeyPath: lab!.jumpKeyPath, sshAuth: 'key' });
    // The pooled probe connection went through both hops: what fails is the gateway, not SSH.
    await expect.poll(async () => (await saved())?.snapshot?.error?.kind ?? null, { timeout: 60_000 }).toBe('gateway-unreachable');
  });

  test("Test connection names the jump host when its key is wrong (known_hosts is read on every connect)", async () => {
    writeFileSync(knownHosts, `${JUMP} ${lab!.target.hostPublicKey}\n${TARGET} ${lab!.target.hostPublicKey}\n`);
    try {
      const check = await rpc.ok<ConnectionCheck>('servers.checkConnection', {
        server: {
          name: 'check',
          host: TARGET,
          sshPort: 22,
          sshUser: 'root',
          privateKeyPath: lab!.targetKeyPath,
          gatewayPort: 18789,
          jumpHost: { host: JUMP, port: 22, user: 'root', privateKeyPath: lab!.jumpKeyPath },
        },
      });
      expect(check.steps.map((s) => s.ok)).toEqual([true, false, null, null, null]);
      expect(check.steps[1]!.message).toContain(`Jump host: HOST KEY CHANGED for jump host root@${JUMP}:22`);
    } finally {
      writeFileSync(knownHosts, trustBoth());
    }
  });
});

test('@cert-authority alone does not trust a host certificate (ssh2 negotiates none), and says so; OpenSSH accepts the same certificate', async () => {
  const caOnly = join(dir, 'known_hosts_ca');
  writeFileSync(caOnly, `${JUMP} ${lab!.jump.hostPublicKey}\n@cert-authority ${TARGET} ${lab!.caPublicKey}\n`);
  // The control: the certificate is real and valid for this name, as OpenSSH's client sees it.
  const jumpKh = join(dir, 'known_hosts_jump');
  writeFileSync(jumpKh, `${JUMP} ${lab!.jump.hostPublicKey}\n`);
  const openssh = await run('/usr/bin/ssh', [
    '-F', '/dev/null', '-o', 'BatchMode=yes', '-o', 'IdentitiesOnly=yes', '-o', 'StrictHostKeyChecking=yes', '-o', `UserKnownHostsFile=${caOnly}`,
    '-o', `ProxyCommand=/usr/bin/ssh -F /dev/null -o BatchMode=yes -o IdentitiesOnly=yes -o StrictHostKeyChecking=yes -o UserKnownHostsFile=${jumpKh} -i ${lab!.jumpKeyPath} -W %h:%p root@${JUMP}`,
    '-i', lab!.targetKeyPath, `root@${TARGET}`, 'echo', 'certified',
  ], { timeoutMs: 20_000 });
  expect(openssh.stdout.trim(), openssh.stderr).toBe('certified');

  const err = await failureOf(openSshSession(viaJump(caOnly)));
  expect(err.probeError).toMatchObject({ kind: 'host-key-unknown', detail: { hop: 'target' } });
  // What ssh2 got was the plain host key (it cannot ask for the certificate), offered for a trust decision.
  expect(err.probeError.detail?.fingerprint).toBe(fingerprint(Buffer.from(lab!.target.hostPublicKey.split(' ')[1]!, 'base64')));
  expect(err.message).toContain(`${caOnly}:2 trusts a certificate authority for this host, but Yardmaster cannot check host certificates`);
});
