// Alert email against a real SMTP server on loopback (smtp-server): delivery, auth, permanent
// failures, header safety, and the service's rules (severity floor, resolution, plain-text guard).
import { SMTPServer } from 'smtp-server';
import { openConsoleDatabase } from '../db/console-database';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Alert, EmailConfig } from '../../shared/domain';
import { testAlert } from '../alerts/test-alerts';
import { createMemoryLogger } from '../log';
import { MemorySecretStore } from '../secrets';
import { createMemorySettingsBackend, SettingsStore } from '../settings/settings-store';
import { alertEmail } from './email-format';
import { sendEmail } from './email-sender';
import { EmailConfigError, EmailService } from './email-service';

interface Received {
  from: string;
  to: string[];
  raw: string;
}

let smtp: SMTPServer | null = null;
afterEach(async () => {
  await new Promise<void>((r) => (smtp ? smtp.close(() => r()) : r()));
  smtp = null;
});

async function relay(o: { rejectRcpt?: boolean; user?: string; pass?: string } = {}): Promise<{ port: number; received: Received[] }> {
  const received: Received[] = [];
  smtp = new SMTPServer({
    secure: false,
    disabledCommands: o.user ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    allowInsecureAuth: true,
    authOptional: !o.user,
    onAuth(auth, _session, cb) {
      if (auth.username === o.user && auth.password === o.pass) cb(null, { user: auth.username });
      else cb(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onRcptTo(address, _session, cb) {
      if (o.rejectRcpt) cb(Object.assign(new Error('No such mailbox'), { responseCode: 550 }));
      else cb();
    },
    onData(stream, session, cb) {
      let raw = '';
      stream.on('data', (d: Buffer) => (raw += d.toString()));
      stream.on('end', () => {
        received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), raw });
        cb();
      });
    },
    logger: false,
  });
  await new Promise<void>((r) => smtp!.listen(0, '127.0.0.1', () => r()));
  return { port: (smtp.server.address() as AddressInfo).port, received };
}

const config = (port: number, over: Partial<EmailConfig> = {}): EmailConfig => ({
  host: '127.0.0.1',
  port,
  security: 'none',
  username: null,
  from: 'yardmaster@ops.example',
  to: ['oncall@ops.example', 'lead@ops.example'],
  minSeverity: 'warning',
  ...over,
});
const alert = (over: Partial<Alert> = {}): Alert => testAlert({ summary: 'ops-1 is DOWN (gateway-unreachable)', startedAt: Date.UTC(2026, 10, 25, 3, 0, 0), ...over });
const fast = { retries: 1, backoffMs: () => 10, timeoutMs: 3_000 };

describe('sendEmail', () => {
  it('delivers a plain-text alert to every recipient', async () => {
    const r = await relay();
    const result = await sendEmail(config(r.port), undefined, alertEmail({ alert: alert(), reason: 'raised' }, 'ops-1'), fast);
    expect(result).toEqual({ ok: true, attempts: 1, status: null, error: null });
    expect(r.received).toHaveLength(1);
    expect(r.received[0]!.to).toEqual(['oncall@ops.example', 'lead@ops.example']);
    expect(r.received[0]!.raw).toMatch(/^Subject: \[Yardmaster\] CRITICAL: ops-1 is DOWN \(gateway-unreachable\)/m);
    expect(r.received[0]!.raw).toMatch(/Content-Type: text\/plain/);
    expect(r.received[0]!.raw).toContain('Started:   2026-11-25T03:00:00.000Z');
  });

  it('logs in with the password and reports a refused login without retrying', async () => {
    const r = await relay({ user: 'ym', pass: 's3cret' });
    expect((await sendEmail(config(r.port, { username: 'ym' }), 's3cret', { subject: 's', text: 't' }, fast)).ok).toBe(true);
    const refused = await sendEmail(config(r.port, { username: 'ym' }), 'wrong', { subject: 's', text: 't' }, fast);
    expect(refused.ok).toBe(false);
    expect(refused.attempts).toBe(1);
    expect(refused.error).toMatch(/535|Invalid login|auth/i);
  });

  it('gives up at once on a permanent 5xx refusal', async () => {
    const r = await relay({ rejectRcpt: true });
    const result = await sendEmail(config(r.port), undefined, { subject: 's', text: 't' }, fast);
    expect(result).toMatchObject({ ok: false, attempts: 1, status: 550 });
    expect(result.error).toMatch(/^SMTP 550/);
  });

  it('retries then reports a relay that is not there', async () => {
    const r = await relay();
    const port = r.port;
    await new Promise<void>((done) => smtp!.close(() => done()));
    smtp = null;
    const result = await sendEmail(config(port), undefined, { subject: 's', text: 't' }, fast);
    expect(result.ok).toBe(false);
    expect(result.attempts).toBe(2);
    expect(result.error).toMatch(/ECONNREFUSED/);
  });

  it('keeps a hostile server name out of the headers', async () => {
    const r = await relay();
    const evil = alert({ summary: 'x\r\nBcc: attacker@evil.example\r\n\r\n<script>alert(1)</script> is DOWN' });
    expect((await sendEmail(config(r.port), undefined, alertEmail({ alert: evil, reason: 'raised' }, 'x'), fast)).ok).toBe(true);
    const headers = r.received[0]!.raw.split(/\r\n\r\n/)[0]!;
    expect(headers).not.toMatch(/^Bcc:/im);
    expect(r.received[0]!.to).not.toContain('attacker@evil.example');
  });
});

describe('EmailService', () => {
  const make = (port: number, over: Partial<EmailConfig> = {}) => {
    const settings = new SettingsStore(createMemorySettingsBackend(), createMemoryLogger());
    const secrets = new MemorySecretStore();
    const service = new EmailService(settings, secrets, createMemoryLogger(), () => 'ops-1', () => {}, openConsoleDatabase(':memory:').outbox, fast);
    service.configure(config(port, over), undefined);
    return { service, settings, secrets };
  };
  const waitFor = async (cond: () => boolean) => {
    for (let i = 0; i < 200 && !cond(); i++) await new Promise((r) => setTimeout(r, 10));
    expect(cond()).toBe(true);
  };

  it('sends alerts at or above its severity floor, and the resolution of what it sent', async () => {
    const r = await relay();
    const { service } = make(r.port, { minSeverity: 'critical' });
    service.notify(alert({ id: 'w', severity: 'warning', summary: 'warn' }), 'raised');
    service.notify(alert({ id: 'c' }), 'raised');
    await waitFor(() => r.received.length === 1);
    service.resolved(alert({ id: 'w', severity: 'warning', summary: 'warn', resolvedAt: Date.now() }));
    service.resolved(alert({ id: 'c', resolvedAt: Date.UTC(2026, 10, 25, 3, 2, 0) }));
    await waitFor(() => r.received.length === 2);
    expect(r.received[1]!.raw).toMatch(/Subject: \[Yardmaster\] RESOLVED after 120 s/);
    expect(service.view()!.lastDelivery).toMatchObject({ ok: true });
  });

  it('refuses plain SMTP to anything but this machine, and never returns the password', async () => {
    const r = await relay({ user: 'ym', pass: 'pw' });
    const { service, settings, secrets } = make(r.port);
    expect(() => service.configure(config(25, { host: 'mail.example.net' }), undefined)).toThrow(EmailConfigError);
    const view = service.configure(config(r.port, { username: 'ym' }), 'pw');
    expect(JSON.stringify(view)).not.toContain('pw"');
    expect(JSON.stringify(settings.get())).not.toContain('"pw"');
    expect(view.hasPassword).toBe(true);
    expect(await service.test()).toMatchObject({ ok: true });
    // A new username drops the old password; the service then says why it cannot send.
    expect(service.configure(config(r.port, { username: 'other' }), undefined).hasPassword).toBe(false);
    expect(secrets.get('smtp:password')).toBeUndefined();
    expect(await service.test()).toMatchObject({ ok: false, attempts: 0, error: expect.stringMatching(/no SMTP password/) });
  });
});
