// Delivers webhook messages with retries and backoff; one slow endpoint never blocks another.
// Only https URLs, or plain http to this machine (webhook-url.ts); redirects are not followed (a webhook URL is a secret and stays where it points).
import type { WebhookKind, WebhookMessage } from './webhook-format';
import { webhookBody } from './webhook-format';
import { webhookUrlProblem } from '../../shared/webhook-url';

export interface DeliveryResult {
  ok: boolean;
  attempts: number;
  status: number | null;
  error: string | null;
}

export interface SendOptions {
  retries?: number;
  backoffMs?: (attempt: number) => number;
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
}

export const validWebhookUrl = (url: string): boolean => webhookUrlProblem(url) === null;

export async function sendWebhook(url: string, kind: WebhookKind, message: WebhookMessage, o: SendOptions = {}): Promise<DeliveryResult> {
  const retries = o.retries ?? 3;
  const backoff = o.backoffMs ?? ((n: number) => [1_000, 5_000, 15_000][n - 1] ?? 15_000);
  const doFetch = o.fetchImpl ?? fetch;
  // Also checked at send time: a hand-edited settings file is not validated by the contract.
  const problem = webhookUrlProblem(url);
  if (problem) return { ok: false, attempts: 0, status: null, error: `not sent: ${problem}` };
  let status: number | null = null;
  let error: string | null = null;
  for (let attempt = 1; attempt <= retries + 1; attempt++) {
    try {
      const res = await doFetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'yardmaster' },
        body: JSON.stringify(webhookBody(kind, message)),
        redirect: 'manual',
        signal: AbortSignal.timeout(o.timeoutMs ?? 10_000),
      });
      status = res.status;
      await res.arrayBuffer().catch(() => undefined);
      if (res.ok) return { ok: true, attempts: attempt, status, error: null };
      error = `HTTP ${res.status}`;
      // 4xx other than 429 will not get better by retrying.
      if (res.status >= 400 && res.status < 500 && res.status !== 429) return { ok: false, attempts: attempt, status, error };
    } catch (err) {
      error = (err as Error).name === 'TimeoutError' ? 'timed out' : (err as Error).message;
    }
    if (attempt <= retries) await new Promise((r) => setTimeout(r, backoff(attempt)));
  }
  return { ok: false, attempts: retries + 1, status, error };
}
