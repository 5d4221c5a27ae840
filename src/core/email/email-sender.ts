// Sends one alert email through SMTP with nodemailer, with retries and bounded timeouts so a dead
// relay never holds anything up. Plain text only: alert summaries are ours, but server names come
// from the operator and error text from probes, so no HTML is ever built from them.
import nodemailer from 'nodemailer';
import type { EmailConfig } from '../../shared/domain';
import type { DeliveryResult } from '../webhooks/webhook-sender';

export interface EmailMessage {
  subject: string;
  text: string;
}

export interface EmailSendOptions {
  retries?: number;
  backoffMs?: (attempt: number) => number;
  timeoutMs?: number;
}

/** Header values must stay on one line (no header injection through a server name). */
const oneLine = (s: string, max: number) => s.replace(/[\r\n\u0000-\u001f\u007f]+/g, ' ').slice(0, max);

export async function sendEmail(config: EmailConfig, password: string | undefined, message: EmailMessage, o: EmailSendOptions = {}): Promise<DeliveryResult> {
  const timeout = o.timeoutMs ?? 15_000;
  const transport = nodemailer.createTransport({
    host: config.host,
    port: config.port,
    secure: config.security === 'tls',
    requireTLS: config.security === 'starttls',
    ignoreTLS: config.security === 'none',
    auth: config.username ? { user: config.username, pass: password ?? '' } : undefined,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
    // Certificates are verified (nodemailer's default); a relay with a bad certificate fails loudly.
  });
  const retries = o.retries ?? 2;
  const backoff = o.backoffMs ?? ((n: number) => [2_000, 10_000][n - 1] ?? 10_000);
  let error: string | null = null;
  try {
    for (let attempt = 1; attempt <= retries + 1; attempt++) {
      try {
        await transport.sendMail({
          from: config.from,
          to: config.to,
          subject: oneLine(message.subject, 200),
          text: message.text,
          headers: { 'X-Yardmaster': 'alert' },
        });
        return { ok: true, attempts: attempt, status: null, error: null };
      } catch (err) {
        const e = err as Error & { responseCode?: number; code?: string };
        error = e.responseCode ? `SMTP ${e.responseCode}: ${oneLine(e.message, 300)}` : oneLine(`${e.code ? e.code + ': ' : ''}${e.message}`, 300);
        // Permanent SMTP failures (5xx: bad address, auth refused) do not improve by retrying.
        if (e.responseCode && e.responseCode >= 500) return { ok: false, attempts: attempt, status: e.responseCode, error };
        if (e.code === 'EAUTH') return { ok: false, attempts: attempt, status: null, error };
      }
      if (attempt <= retries) await new Promise((r) => setTimeout(r, backoff(attempt)));
    }
    return { ok: false, attempts: retries + 1, status: null, error };
  } finally {
    transport.close();
  }
}
